package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.client.LiveClients;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A consumer dropped without close() is closed when collected: the client is destroyed (it
 * leaves the live clients), and none of its listeners runs on the Cleaner thread — no
 * rebalance listener is handed a consumer that no longer exists.
 */
@Timeout(120)
class ConsumerLeakTest {
    static final String TOPIC = "leak";

    /** Every listener call, as "what on thread". */
    static final class Calls implements RebalanceListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onPartitionsAssigned(Consumer consumer, Collection<TopicPartition> partitions) {
            calls.add("assigned " + (consumer == null ? "null" : "consumer") + " on " + Thread.currentThread().getName());
        }

        @Override
        public void onPartitionsRevoked(Consumer consumer, Collection<TopicPartition> partitions) {
            calls.add("revoked " + (consumer == null ? "null" : "consumer") + " on " + Thread.currentThread().getName());
        }
    }

    @Test
    void aLeakedGroupMemberIsDestroyedWithoutCallingItsListenersOnTheCleanerThread() throws Exception {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic(TOPIC, 1, 1);
            Calls calls = new Calls();
            String name = joinAndDrop(cluster, calls);
            assertTrue(LiveClients.isLive(name), "still live right after being dropped");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (LiveClients.isLive(name)) {
                assertTrue(System.nanoTime() < deadline, name + " destroyed within 60 s of being dropped");
                System.gc();
                Thread.sleep(50);
            }
            assertFalse(LiveClients.isLive(name));
            assertEquals(List.of("assigned consumer on " + Thread.currentThread().getName()), calls.calls,
                    "only the assignment, on the polling thread; nothing on the Cleaner thread");
        }
    }

    /** Joins the group, waits for the assignment, and lets the consumer go without closing it. */
    private static String joinAndDrop(MockCluster cluster, Calls calls) {
        Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "leak-group")
                .set("session.timeout.ms", "6000"), ConsumerOptions.defaults().withRebalanceListener(calls));
        c.subscribe(List.of(TOPIC));
        ConsumerTestSupport.awaitAssignment(c, Set.of(new TopicPartition(TOPIC, 0)), 30);
        c.poll(Duration.ofMillis(10));
        return c.name();
    }
}
