package dev.jrdkafka.internal.rd.mock;

import static dev.jrdkafka.bindings.rdkafka_h.RD_KAFKA_PRODUCER;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_handle_mock_cluster;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cluster_bootstraps;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cluster_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cluster_handle;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cluster_new;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_name;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_new;

import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdConf;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * A mock cluster ({@code rd_kafka_mock_cluster_t}) and, when it was started here, the client
 * handle librdkafka requires to host it ({@code rd_kafka_mock_cluster_new(rk, n)}: rk supplies
 * logging and threads and must outlive the cluster). The cluster's operations are in the
 * sibling classes {@code RdMockBrokers}, {@code RdMockTopics}, {@code RdMockErrors},
 * {@code RdMockRequests}, {@code RdMockGroups}, {@code RdMockTelemetry} and {@code RdMockApis}.
 * Not thread-safe: its owner serializes calls, including {@link #destroy()}.
 */
public final class RdMockCluster {
    private MemorySegment rk;        // the host client we created; null if borrowed
    private MemorySegment cluster;   // null once destroyed or detached
    private final boolean owned;

    private RdMockCluster(MemorySegment rk, MemorySegment cluster, boolean owned) {
        this.rk = rk;
        this.cluster = cluster;
        this.owned = owned;
    }

    /** Starts {@code brokers} mock brokers (ids 1..brokers) on 127.0.0.1, ephemeral ports. */
    public static RdMockCluster start(int brokers) {
        MemorySegment rk;
        try (RdConf conf = RdConf.create(Map.of("log_level", "3")); Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = arena.allocate(RdConf.ERRSTR_SIZE);
            rk = rd_kafka_new(RD_KAFKA_PRODUCER(), conf.ptr(), errstr, RdConf.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("cannot create the mock cluster's host client: " + errstr.getString(0));
            }
            conf.handOver(); // rd_kafka_new takes the conf only on success
        }
        MemorySegment cluster = rd_kafka_mock_cluster_new(rk, brokers);
        if (cluster.equals(MemorySegment.NULL)) {
            rd_kafka_destroy(rk);
            throw new IllegalStateException("rd_kafka_mock_cluster_new failed for " + brokers + " brokers");
        }
        return new RdMockCluster(rk, cluster, true);
    }

    /**
     * {@code rd_kafka_handle_mock_cluster}: the mock cluster a client created for itself
     * (configuration {@code test.mock.num.brokers}), or null if it has none. The result does
     * not own it: {@link #destroy()} only detaches, the client destroys the cluster with
     * itself, so the caller must stop using the result before destroying {@code client}.
     */
    public static RdMockCluster borrow(MemorySegment client) {
        MemorySegment cluster = rd_kafka_handle_mock_cluster(client);
        return cluster.equals(MemorySegment.NULL) ? null : new RdMockCluster(null, cluster, false);
    }

    /** Whether {@link #destroy()} frees the cluster (false for a borrowed one). */
    public boolean owned() {
        return owned;
    }

    /** {@code rd_kafka_mock_cluster_bootstraps}: "host:port,host:port,..." of the initial brokers. */
    public String bootstraps() {
        return Rd.cString(rd_kafka_mock_cluster_bootstraps(live()));
    }

    /** {@code rd_kafka_name(rd_kafka_mock_cluster_handle(cluster))}: the hosting client's name. */
    public String hostName() {
        return Rd.cString(rd_kafka_name(rd_kafka_mock_cluster_handle(live())));
    }

    /** Destroys the cluster, then its host client; only detaches a borrowed cluster. Idempotent. */
    public void destroy() {
        if (cluster == null) return;
        MemorySegment c = cluster;
        cluster = null;
        if (owned) {
            rd_kafka_mock_cluster_destroy(c);
            rd_kafka_destroy(rk);
            rk = null;
        }
    }

    /** The native cluster; throws once destroyed so nothing reaches freed memory. */
    MemorySegment live() {
        if (cluster == null) throw new IllegalStateException("mock cluster is closed");
        return cluster;
    }

    /** A NUL-terminated copy of {@code s} in {@code arena}; refuses strings with NUL inside. */
    static MemorySegment cString(Arena arena, String s) {
        return Rd.cString(arena, s);
    }
}
