package dev.jrdkafka.internal.rd.mock;

import dev.jrdkafka.internal.rd.RdErrors;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_broker_add;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_broker_decommission;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_broker_set_down;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_broker_set_host_port;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_broker_set_rack;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_broker_set_rtt;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_broker_set_up;

import java.lang.foreign.Arena;

/**
 * Mock brokers: up/down, RTT, rack, advertised address, adding and decommissioning. Where
 * librdkafka accepts it, broker id {@link #ALL} means every broker. Callers validate ids:
 * librdkafka answers an unknown id with an error code, which becomes a KafkaException here.
 */
public final class RdMockBrokers {
    /** The broker id librdkafka reads as "all brokers". */
    public static final int ALL = -1;

    private RdMockBrokers() {}

    /** {@code rd_kafka_mock_broker_set_down}: closes its connections and listener (no leader change). */
    public static void setDown(RdMockCluster cluster, int brokerId) {
        RdErrors.check(rd_kafka_mock_broker_set_down(cluster.live(), brokerId), "rd_kafka_mock_broker_set_down(" + brokerId + ")");
    }

    /** {@code rd_kafka_mock_broker_set_up}: accepts connections again, on the same port. */
    public static void setUp(RdMockCluster cluster, int brokerId) {
        RdErrors.check(rd_kafka_mock_broker_set_up(cluster.live(), brokerId), "rd_kafka_mock_broker_set_up(" + brokerId + ")");
    }

    /** {@code rd_kafka_mock_broker_set_rtt}: delays every response by {@code rttMs}. */
    public static void setRtt(RdMockCluster cluster, int brokerId, int rttMs) {
        RdErrors.check(rd_kafka_mock_broker_set_rtt(cluster.live(), brokerId, rttMs), "rd_kafka_mock_broker_set_rtt(" + brokerId + ")");
    }

    /** {@code rd_kafka_mock_broker_set_rack}; {@code rack} must not be null (librdkafka strdup's it). */
    public static void setRack(RdMockCluster cluster, int brokerId, String rack) {
        try (Arena arena = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_mock_broker_set_rack(cluster.live(), brokerId, RdMockCluster.cString(arena, rack)),
                    "rd_kafka_mock_broker_set_rack(" + brokerId + ")");
        }
    }

    /** {@code rd_kafka_mock_broker_set_host_port}: the address advertised in Metadata (void: unknown ids are ignored). */
    public static void setHostPort(RdMockCluster cluster, int brokerId, String host, int port) {
        try (Arena arena = Arena.ofConfined()) {
            rd_kafka_mock_broker_set_host_port(cluster.live(), brokerId, RdMockCluster.cString(arena, host), port);
        }
    }

    /** {@code rd_kafka_mock_broker_add}: a new broker on an ephemeral port; partitions are reassigned. */
    public static void add(RdMockCluster cluster, int brokerId) {
        RdErrors.check(rd_kafka_mock_broker_add(cluster.live(), brokerId), "rd_kafka_mock_broker_add(" + brokerId + ")");
    }

    /** {@code rd_kafka_mock_broker_decommission}: removes the broker; partitions are reassigned. */
    public static void decommission(RdMockCluster cluster, int brokerId) {
        RdErrors.check(rd_kafka_mock_broker_decommission(cluster.live(), brokerId),
                "rd_kafka_mock_broker_decommission(" + brokerId + ")");
    }
}
