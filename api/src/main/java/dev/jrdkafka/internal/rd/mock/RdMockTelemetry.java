package dev.jrdkafka.internal.rd.mock;

import dev.jrdkafka.internal.rd.RdErrors;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_telemetry_set_push_interval;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_telemetry_set_requested_metrics;
import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** KIP-714 client telemetry: what the mock's GetTelemetrySubscriptions responses ask for. */
public final class RdMockTelemetry {
    private RdMockTelemetry() {}

    /**
     * {@code rd_kafka_mock_telemetry_set_requested_metrics}: metric name prefixes; none
     * requests nothing, a first prefix "" requests every metric.
     */
    public static void setRequestedMetrics(RdMockCluster cluster, List<String> prefixes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = MemorySegment.NULL;
            if (!prefixes.isEmpty()) {
                array = arena.allocate(ADDRESS, prefixes.size());
                for (int i = 0; i < prefixes.size(); i++) {
                    array.setAtIndex(ADDRESS, i, RdMockCluster.cString(arena, prefixes.get(i)));
                }
            }
            RdErrors.check(rd_kafka_mock_telemetry_set_requested_metrics(cluster.live(), array, prefixes.size()),
                    "rd_kafka_mock_telemetry_set_requested_metrics");
        }
    }

    /** {@code rd_kafka_mock_telemetry_set_push_interval}; must be positive. */
    public static void setPushInterval(RdMockCluster cluster, long intervalMs) {
        RdErrors.check(rd_kafka_mock_telemetry_set_push_interval(cluster.live(), intervalMs),
                "rd_kafka_mock_telemetry_set_push_interval");
    }
}
