package dev.jrdkafka.mock;

import static dev.jrdkafka.mock.RawClient.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Brokers going down, slow, moved, added and removed, seen by clients. */
class MockBrokersTest {
    @Test
    void brokerDownRefusesConnectionsUntilUp() {
        try (MockCluster cluster = MockCluster.start(3)) {
            String[] servers = cluster.bootstrapServers().split(","); // broker i at servers[i - 1]
            cluster.broker(2).setDown();
            assertFalse(accepts(servers[1]), "broker 2 is down");
            assertTrue(accepts(servers[0]) && accepts(servers[2]), "brokers 1 and 3 are up");
            cluster.broker(2).setUp();
            assertTrue(accepts(servers[1]), "broker 2 is up again, on the same port");
        }
    }

    @Test
    void allBrokersDownFailsClientRequestsUntilUp() {
        try (MockCluster cluster = MockCluster.start(2)) {
            cluster.setAllBrokersDown();
            try (RawClient client = RawClient.producer(cluster.bootstrapServers())) {
                RawClient.MetadataFailed failed = assertThrows(RawClient.MetadataFailed.class,
                        () -> client.metadata(Duration.ofSeconds(1)));
                assertTrue(failed.error.isLocal(), failed.error.toString());
                cluster.setAllBrokersUp();
                assertEquals(2, client.metadata(DEADLINE).brokers().size());
            }
        }
    }

    @Test
    void rttDelaysEveryResponse() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.broker(1).setRtt(Duration.ofMillis(400));
            try (RawClient client = RawClient.producer(cluster.bootstrapServers())) {
                long start = System.nanoTime();
                client.metadata(DEADLINE); // ApiVersions, then Metadata: each answered 400 ms late
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(elapsedMs >= 750, "first metadata took " + elapsedMs + " ms");
                cluster.setAllBrokersRtt(Duration.ZERO);
                start = System.nanoTime();
                client.metadata(DEADLINE);
                elapsedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(elapsedMs < 390, "metadata without RTT took " + elapsedMs + " ms");
            }
        }
    }

    @Test
    void rackIsReportedToClients() {
        try (MockCluster cluster = MockCluster.start(3);
             RawClient admin = RawClient.producer(cluster.bootstrapServers())) {
            // DescribeTopics goes to the controller, and the mock always reports controller id 0.
            cluster.addBroker(0);
            cluster.createTopic("racked", 3, 1);
            for (int p = 0; p < 3; p++) cluster.setPartitionLeader("racked", p, p + 1);
            cluster.setAllBrokersRack("rack-all");
            cluster.broker(2).setRack("rack-b");
            // The admin request waits for the controller: let the client learn broker 0 first
            // (a fresh metadata request), or DescribeTopics can time out (seen once in CI).
            long until = System.nanoTime() + DEADLINE.toNanos();
            while (admin.metadata(DEADLINE).brokers().stream().noneMatch(b -> b.id() == 0) && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertEquals(List.of("rack-all", "rack-b", "rack-all"), admin.leaderRacks("racked", DEADLINE));
        }
    }

    @Test
    void advertisedAddressIsWhatMetadataReports() {
        try (MockCluster cluster = MockCluster.start(2)) {
            cluster.broker(2).setAdvertisedAddress("kafka-2.example", 19092);
            try (RawClient client = RawClient.producer(cluster.bootstrapServers().split(",")[0])) {
                RawClient.Broker two = client.metadata(DEADLINE).brokers().stream().filter(b -> b.id() == 2).findFirst().orElseThrow();
                assertEquals(new RawClient.Broker(2, "kafka-2.example", 19092), two);
            }
        }
    }

    @Test
    void addedAndDecommissionedBrokersChangeTheCluster() {
        try (MockCluster cluster = MockCluster.start(3);
             RawClient client = RawClient.producer(cluster.bootstrapServers())) {
            cluster.createTopic("spread", 8, 1);
            MockBroker four = cluster.addBroker(4);
            assertEquals(4, four.id());
            assertEquals(4, cluster.brokerCount());
            assertEquals(List.of(1, 2, 3, 4), brokerIds(client));
            cluster.decommissionBroker(1);
            assertEquals(List.of(2, 3, 4), cluster.brokerIds());
            assertEquals(List.of(2, 3, 4), brokerIds(client));
            for (RawClient.Partition p : client.metadata(DEADLINE).topic("spread").partitions()) {
                assertTrue(p.leader() >= 2 && p.leader() <= 4, "partition led by a remaining broker: " + p);
            }
            assertThrows(IllegalArgumentException.class, () -> cluster.broker(1));
        }
    }

    private static List<Integer> brokerIds(RawClient client) {
        List<Integer> ids = new java.util.ArrayList<>(client.metadata(DEADLINE).brokers().stream().map(RawClient.Broker::id).toList());
        Collections.sort(ids);
        return ids;
    }

    private static boolean accepts(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
