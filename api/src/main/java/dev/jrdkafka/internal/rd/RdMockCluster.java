package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.RD_KAFKA_PRODUCER;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cluster_bootstraps;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cluster_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cluster_new;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_new;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * A mock cluster and the client handle librdkafka requires to host it
 * ({@code rd_kafka_mock_cluster_new(rk, n)}: rk supplies logging and threads and must
 * outlive the cluster). Not thread-safe: its owner serializes calls.
 */
public final class RdMockCluster {
    private MemorySegment rk;
    private MemorySegment cluster;

    private RdMockCluster(MemorySegment rk, MemorySegment cluster) {
        this.rk = rk;
        this.cluster = cluster;
    }

    /** Starts {@code brokers} mock brokers on 127.0.0.1 (ephemeral ports). */
    public static RdMockCluster start(int brokers) {
        MemorySegment conf = RdConf.create(Map.of("log_level", "3"));
        MemorySegment rk;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = arena.allocate(RdConf.ERRSTR_SIZE);
            rk = rd_kafka_new(RD_KAFKA_PRODUCER(), conf, errstr, RdConf.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) {
                RdConf.destroy(conf); // rd_kafka_new takes the conf only on success
                throw new IllegalStateException("cannot create the mock cluster's host client: " + errstr.getString(0));
            }
        }
        MemorySegment cluster = rd_kafka_mock_cluster_new(rk, brokers);
        if (cluster.equals(MemorySegment.NULL)) {
            rd_kafka_destroy(rk);
            throw new IllegalStateException("rd_kafka_mock_cluster_new failed for " + brokers + " brokers");
        }
        return new RdMockCluster(rk, cluster);
    }

    /** {@code rd_kafka_mock_cluster_bootstraps}: "host:port,host:port,...". */
    public String bootstraps() {
        return Rd.cString(rd_kafka_mock_cluster_bootstraps(live()));
    }

    /** Destroys the cluster, then its host client. Idempotent. */
    public void destroy() {
        if (cluster != null) {
            rd_kafka_mock_cluster_destroy(cluster);
            cluster = null;
            rd_kafka_destroy(rk);
            rk = null;
        }
    }

    private MemorySegment live() {
        if (cluster == null) throw new IllegalStateException("mock cluster is closed");
        return cluster;
    }
}
