package dev.jrdkafka.mock;

import static dev.jrdkafka.mock.RawClient.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Topics and partition leadership, observed through a client's Metadata and Fetch. */
class MockTopicsTest {
    @Test
    void createdTopicShowsItsPartitionsAndReplicasInMetadata() {
        try (MockCluster cluster = MockCluster.start(3);
             RawClient client = RawClient.producer(cluster.bootstrapServers())) {
            cluster.createTopic("orders", 6, 2);
            RawClient.Topic topic = client.metadata(DEADLINE).topic("orders");
            assertEquals(KafkaError.NO_ERROR, topic.error());
            assertEquals(6, topic.partitions().size());
            for (RawClient.Partition p : topic.partitions()) {
                assertEquals(2, p.replicas().size(), p.toString());
                assertTrue(p.replicas().contains(p.leader()), p.toString());
            }
            KafkaException e = assertThrows(KafkaException.class, () -> cluster.createTopic("orders", 1, 1));
            assertEquals(KafkaError.TOPIC_ALREADY_EXISTS, e.error());
        }
    }

    @Test
    void partitionLeaderMovesWhereTold() {
        try (MockCluster cluster = MockCluster.start(3);
             RawClient client = RawClient.producer(cluster.bootstrapServers())) {
            cluster.createTopic("moves", 2, 3);
            cluster.setPartitionLeader("moves", 0, 3);
            cluster.setPartitionLeader("moves", 1, 2);
            List<RawClient.Partition> partitions = client.metadata(DEADLINE).topic("moves").partitions();
            assertEquals(3, partitions.get(0).leader());
            assertEquals(2, partitions.get(1).leader());
            cluster.setPartitionLeader("moves", 0, 1);
            assertEquals(1, client.metadata(DEADLINE).topic("moves").partitions().get(0).leader());
            // A missing topic is created with partition + 1 partitions.
            cluster.setPartitionLeader("implicit", 2, 2);
            RawClient.Topic implicit = client.metadata(DEADLINE).topic("implicit");
            assertEquals(3, implicit.partitions().size());
            assertEquals(2, implicit.partitions().get(2).leader());
        }
    }

    @Test
    void pushedLeaderResponseIsReportedOnce() {
        try (MockCluster cluster = MockCluster.start(3);
             RawClient client = RawClient.producer(cluster.bootstrapServers())) {
            cluster.createTopic("pushed", 1, 3);
            cluster.setPartitionLeader("pushed", 0, 1);
            cluster.pushPartitionLeaderResponse("pushed", 0, 3, 42);
            assertEquals(3, client.metadata(DEADLINE).topic("pushed").partitions().get(0).leader());
            assertEquals(1, client.metadata(DEADLINE).topic("pushed").partitions().get(0).leader());
        }
    }

    @Test
    void topicErrorIsReportedInMetadataUntilCleared() {
        try (MockCluster cluster = MockCluster.start(1);
             RawClient client = RawClient.producer(cluster.bootstrapServers())) {
            cluster.createTopic("broken", 1, 1);
            cluster.setTopicError("broken", KafkaError.TOPIC_AUTHORIZATION_FAILED);
            assertEquals(KafkaError.TOPIC_AUTHORIZATION_FAILED, client.metadata(DEADLINE).topic("broken").error());
            cluster.setTopicError("broken", KafkaError.NO_ERROR);
            assertEquals(KafkaError.NO_ERROR, client.metadata(DEADLINE).topic("broken").error());
        }
    }

    /**
     * A leaderless partition, while a producer writes to it and a consumer reads it: without
     * the version caps librdkafka's mock broker would crash this JVM.
     */
    @Test
    void leaderlessPartitionWithLiveClientsDoesNotCrash() {
        try (MockCluster cluster = MockCluster.start(2)) {
            cluster.createTopic("headless", 1, 2);
            cluster.setPartitionLeader("headless", 0, 1);
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "linger.ms", "0");
                 RawClient consumer = RawClient.consumer(cluster.bootstrapServers(), "group.id", "headless",
                         "auto.offset.reset", "earliest", "fetch.wait.max.ms", "50")) {
                producer.produce("headless", 0, 5);
                assertEquals(5, producer.awaitDeliveries(5, DEADLINE));
                consumer.assign("headless", 0);
                int[] consumed = {0};
                RawClient.waitUntil(DEADLINE, () -> consumed[0] >= 5, () -> consumed[0] += consumer.poll(100));
                assertEquals(5, consumed[0]);

                cluster.setPartitionLeaderless("headless", 0);
                producer.produce("headless", 0, 5);
                long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < end) {
                    consumed[0] += consumer.poll(50);
                    producer.servePoll(0);
                }
                assertEquals(-1, producer.metadata(DEADLINE).topic("headless").partitions().get(0).leader());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> cluster.setApiVersionRange(ApiKey.PRODUCE, 0, 10));
                assertTrue(e.getMessage().contains("leaderless"), e.getMessage());
                cluster.setApiVersionRange(ApiKey.FETCH, 4, 11);

                cluster.setPartitionLeader("headless", 0, 2);
                assertEquals(10, producer.awaitDeliveries(10, DEADLINE), "failures " + producer.failures());
                RawClient.waitUntil(DEADLINE, () -> consumed[0] >= 10, () -> consumed[0] += consumer.poll(100));
                assertEquals(10, consumed[0]);
            }
        }
    }

    /** KIP-392: the leader sends the consumer to the follower, which sends it back when lagging. */
    @Test
    void followerServesFetchesUntilItsWatermarksLag() {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic("ffs", 1, 3);
            cluster.setPartitionLeader("ffs", 0, 1);
            cluster.setPartitionFollower("ffs", 0, 2);
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "linger.ms", "0");
                 RawClient consumer = RawClient.consumer(cluster.bootstrapServers(), "group.id", "ffs", "client.rack", "r1",
                         "auto.offset.reset", "earliest", "fetch.wait.max.ms", "50", "fetch.error.backoff.ms", "50")) {
                producer.produce("ffs", 0, 10);
                assertEquals(10, producer.awaitDeliveries(10, DEADLINE));
                cluster.startRequestTracking();
                consumer.assign("ffs", 0);
                int[] consumed = {0};
                RawClient.waitUntil(DEADLINE, () -> consumed[0] >= 10, () -> consumed[0] += consumer.poll(100));
                assertEquals(10, consumed[0]);
                assertTrue(fetchBrokers(cluster).contains(2), "Fetch brokers " + fetchBrokers(cluster));

                // The follower lags at offset 5: its answer to offset 10 is out of range, so the
                // consumer reverts to the leader, which sends it back to the follower.
                cluster.setPartitionFollowerWatermarks("ffs", 0, 0, 5);
                cluster.clearRequests();
                producer.produce("ffs", 0, 5);
                assertEquals(15, producer.awaitDeliveries(15, DEADLINE));
                RawClient.waitUntil(DEADLINE, () -> fetchBrokers(cluster).contains(1), () -> consumer.poll(100));
                assertTrue(fetchBrokers(cluster).contains(1), "reverted to the leader: Fetch brokers " + fetchBrokers(cluster));
                assertEquals(10, consumed[0], "no data from the lagging follower");

                cluster.setPartitionFollower("ffs", 0, -1); // no preferred replica: the leader serves the data
                RawClient.waitUntil(DEADLINE, () -> consumed[0] >= 15, () -> consumed[0] += consumer.poll(100));
                assertEquals(15, consumed[0]);
            }
        }
    }

    private static Set<Integer> fetchBrokers(MockCluster cluster) {
        Set<Integer> brokers = new TreeSet<>();
        for (MockRequest r : cluster.requests()) if (r.is(ApiKey.FETCH)) brokers.add(r.brokerId());
        return brokers;
    }
}
