package dev.jrdkafka.mock;

import dev.jrdkafka.internal.rd.RdMockCluster;

/**
 * librdkafka's in-process mock Kafka cluster: N brokers on 127.0.0.1 that speak the
 * Kafka protocol, so any client (jrdkafka, other librdkafka bindings, kafka-clients) can
 * connect to {@link #bootstrapServers()}. For tests, demos and benchmarks; it keeps at
 * most 5 MiB per partition.
 *
 * <p>Thread-safe; {@link #close()} is idempotent and any later call throws
 * {@link IllegalStateException}.
 */
public final class MockCluster implements AutoCloseable {
    private final int brokers;
    private final String bootstrapServers;
    private RdMockCluster cluster; // guarded by this

    private MockCluster(int brokers, RdMockCluster cluster) {
        this.brokers = brokers;
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstraps();
    }

    /** Starts a cluster of {@code brokers} brokers (1 to 100). */
    public static MockCluster start(int brokers) {
        if (brokers < 1 || brokers > 100) {
            throw new IllegalArgumentException("a mock cluster needs 1 to 100 brokers, got " + brokers);
        }
        return new MockCluster(brokers, RdMockCluster.start(brokers));
    }

    /** "127.0.0.1:port,..." for the {@code bootstrap.servers} of any client. */
    public String bootstrapServers() {
        ensureOpen();
        return bootstrapServers;
    }

    /** The number of brokers. */
    public int brokerCount() {
        ensureOpen();
        return brokers;
    }

    /** Whether {@link #close()} has been called. */
    public synchronized boolean isClosed() {
        return cluster == null;
    }

    /** Stops the brokers and frees the cluster. Idempotent. */
    @Override
    public synchronized void close() {
        if (cluster != null) {
            RdMockCluster c = cluster;
            cluster = null;
            c.destroy();
        }
    }

    private synchronized void ensureOpen() {
        if (cluster == null) throw new IllegalStateException("this MockCluster is closed");
    }

    @Override
    public String toString() {
        return "MockCluster[" + brokers + " brokers at " + bootstrapServers + (isClosed() ? ", closed]" : "]");
    }
}
