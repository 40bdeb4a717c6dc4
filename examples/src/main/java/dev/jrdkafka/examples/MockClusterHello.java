package dev.jrdkafka.examples;

import dev.jrdkafka.Librdkafka;
import dev.jrdkafka.mock.MockCluster;

/**
 * The smallest jrdkafka program: load librdkafka, start an in-process mock cluster, and
 * print where it listens. Any Kafka client can connect there while it runs.
 */
public final class MockClusterHello {
    private MockClusterHello() {}

    public static void main(String[] args) {
        System.out.println("librdkafka " + Librdkafka.version() + " from " + Librdkafka.libraryPath());
        try (MockCluster cluster = MockCluster.start(3)) {
            System.out.println("mock cluster: " + cluster.bootstrapServers());
        }
    }
}
