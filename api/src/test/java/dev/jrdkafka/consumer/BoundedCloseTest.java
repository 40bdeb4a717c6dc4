package dev.jrdkafka.consumer;

import static dev.jrdkafka.consumer.ConsumerTestSupport.awaitAssignment;
import static dev.jrdkafka.consumer.ConsumerTestSupport.consume;
import static dev.jrdkafka.consumer.ConsumerTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Consumer.close(timeout)} returns within its bound (plus a small margin) when the
 * group cannot be left cleanly: the coordinator down with a commit in flight, the whole
 * cluster gone, a close during a cooperative incremental assign. Each scenario then checks
 * that a fresh cluster and consumer still work in the same JVM.
 */
class BoundedCloseTest {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedCloseTest.class);
    private static final long MARGIN_MS = 3_000;
    private static final String TOPIC = "bounded-close";

    private static KafkaConfig config(MockCluster cluster, String group) {
        return KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).groupId(group)
                .set("auto.offset.reset", "earliest").set("enable.auto.commit", "false").set("log_level", 3L);
    }

    /** Closes {@code c} with {@code timeout}; asserts it returned within timeout + margin; returns the time taken. */
    private static long closeWithin(String scenario, Consumer c, Duration timeout) {
        long start = System.nanoTime();
        c.close(timeout);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LOG.info("{}: close({} ms) took {} ms", scenario, timeout.toMillis(), ms);
        assertTrue(ms <= timeout.toMillis() + MARGIN_MS, scenario + ": close(" + timeout.toMillis() + " ms) took " + ms + " ms");
        return ms;
    }

    /** A fresh cluster and group member consume and leave normally: nothing was left broken in this JVM. */
    private static void assertHealthy() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("healthy", 1, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            produce(cluster, "healthy", 1, 3, 0);
            List<String> events = new CopyOnWriteArrayList<>();
            Consumer c = Consumer.create(config(cluster, "healthy"), ConsumerOptions.defaults().withRebalanceListener(recorder(events)));
            c.subscribe(List.of("healthy"));
            assertEquals(3, consume(c, 3, 30).size());
            c.commitSync();
            long ms = closeWithin("healthy", c, Duration.ofSeconds(10));
            assertTrue(events.contains("revoked [healthy-0]"), "revoked on close: " + events);
            assertTrue(ms < 5_000, "a clean close is quick: " + ms + " ms");
        }
    }

    private static RebalanceListener recorder(List<String> events) {
        return new RebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer c, Collection<TopicPartition> partitions) {
                events.add("assigned " + partitions);
            }

            @Override
            public void onPartitionsRevoked(Consumer c, Collection<TopicPartition> partitions) {
                events.add("revoked " + partitions);
            }
        };
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void coordinatorDownWithCommitInFlight() {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic(TOPIC, 2, 1);
            cluster.setPartitionLeader(TOPIC, 0, 1);
            cluster.setPartitionLeader(TOPIC, 1, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            cluster.setGroupCoordinator("coord-down", 2);
            produce(cluster, TOPIC, 2, 10, 0);
            Consumer c = Consumer.create(config(cluster, "coord-down"));
            c.subscribe(List.of(TOPIC));
            consume(c, 10, 30);
            cluster.broker(2).setDown();
            List<String> outcomes = new CopyOnWriteArrayList<>();
            Thread closing = Thread.currentThread();
            c.commitAsync((offsets, error) -> outcomes.add((Thread.currentThread() == closing ? "closing thread: " : "other: ")
                    + (error == null ? "ok" : error.error()))); // in flight to a coordinator that is down
            closeWithin("coordinator down, commit in flight", c, Duration.ofSeconds(3));
            assertEquals(List.of("closing thread: _DESTROY"), outcomes, "the commit's listener was told, once, in close");
        }
        assertHealthy();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void allBrokersDown() {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic(TOPIC, 2, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            produce(cluster, TOPIC, 2, 10, 0);
            // auto-commit on (the default): close commits what was consumed
            Consumer c = Consumer.create(config(cluster, "all-down").set("enable.auto.commit", "true"));
            c.subscribe(List.of(TOPIC));
            consume(c, 10, 30);
            cluster.setAllBrokersDown();
            c.poll(Duration.ofMillis(500));
            closeWithin("all brokers down", c, Duration.ofSeconds(5));
        }
        assertHealthy();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void clusterClosedUnderTheConsumer() throws InterruptedException {
        Consumer c;
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic(TOPIC, 2, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            produce(cluster, TOPIC, 2, 10, 0);
            // session.timeout.ms 10 s: librdkafka's termination, left to the background after
            // close's bound, gives up waiting for the coordinator after it
            c = Consumer.create(config(cluster, "cluster-gone").set("enable.auto.commit", "true")
                    .set("session.timeout.ms", "10000"));
            c.subscribe(List.of(TOPIC));
            consume(c, 10, 30);
        }
        c.poll(Duration.ofMillis(500));
        String name = c.name();
        closeWithin("cluster closed under the consumer", c, Duration.ofSeconds(5));
        assertHealthy();
        // The leave and destruction left to the background finish: no thread, no client leaked for good.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (threads(name) > 0 && System.nanoTime() < until) Thread.sleep(100);
        assertEquals(0, threads(name), "the background leave and destroy finished");
        assertTrue(!dev.jrdkafka.internal.client.LiveClients.isLive(name), "client destroyed");
    }

    private static long threads(String client) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("jrdkafka-close-" + client) || t.getName().equals("jrdkafka-destroy-" + client)).count();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeDuringIncrementalAssign() throws Exception {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic(TOPIC, 4, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            produce(cluster, TOPIC, 4, 20, 0);
            List<String> events = new CopyOnWriteArrayList<>();
            KafkaConfig cfg = config(cluster, "incremental").set("partition.assignment.strategy", "cooperative-sticky")
                    .set("session.timeout.ms", "6000");
            Consumer first = Consumer.create(cfg, ConsumerOptions.defaults().withRebalanceListener(recorder(events)));
            first.subscribe(List.of(TOPIC));
            awaitAssignment(first, Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1),
                    new TopicPartition(TOPIC, 2), new TopicPartition(TOPIC, 3)), 30);
            Consumer second = Consumer.create(cfg);
            second.subscribe(List.of(TOPIC));
            // The second member joins: the first gets an incremental revocation, then assignment,
            // which it only serves when it polls. It closes in the middle of that, with the
            // coordinator slowed down.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (events.stream().noneMatch(e -> e.startsWith("revoked")) && System.nanoTime() < until) {
                first.poll(Duration.ofMillis(50));
                second.poll(Duration.ofMillis(50));
            }
            assertTrue(events.stream().anyMatch(e -> e.startsWith("revoked")), "incremental rebalance began: " + events);
            cluster.setAllBrokersRtt(Duration.ofSeconds(10));
            closeWithin("close during an incremental assign", first, Duration.ofSeconds(3));
            closeWithin("the other member, same cluster", second, Duration.ofSeconds(3));
        }
        assertHealthy();
    }

    /**
     * A clean close: the revocation runs the listener on the leave's thread, where a commit
     * into the closing consumer works, and the committed offsets are there for the next member.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void commitOnRevokeAtClose() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic(TOPIC, 1, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            produce(cluster, TOPIC, 1, 5, 0);
            List<String> events = new CopyOnWriteArrayList<>();
            Consumer c = Consumer.create(config(cluster, "revoke-commit"), ConsumerOptions.defaults().withRebalanceListener(
                    new RebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(Consumer consumer, Collection<TopicPartition> partitions) {
                            consumer.commitSync();
                            events.add("revoked and committed on " + Thread.currentThread().getName());
                        }
                    }));
            c.subscribe(List.of(TOPIC));
            assertEquals(5, consume(c, 5, 30).size());
            String name = c.name();
            closeWithin("commit on revoke", c, Duration.ofSeconds(10));
            assertEquals(List.of("revoked and committed on jrdkafka-close-" + name), events);
            try (Consumer next = Consumer.create(config(cluster, "revoke-commit"))) {
                TopicPartition p0 = new TopicPartition(TOPIC, 0);
                assertEquals(5L, next.committed(List.of(p0), Duration.ofSeconds(10)).get(p0).offset(), "committed on revoke");
            }
        }
    }
}
