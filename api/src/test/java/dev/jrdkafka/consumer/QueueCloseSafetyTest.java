package dev.jrdkafka.consumer;

import dev.jrdkafka.OffsetAndMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.RebalanceListener;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a consumer whose queues are in use: a rebalance listener running inside close must
 * not reach a destroyed queue (it crashed the JVM before the fix: SIGSEGV in
 * pthread_mutex_lock), close returns while group events wait on an unread forwarded queue
 * (they are moved back to the consumer queue rather than purged), and a batch stays on its
 * thread.
 */
@Timeout(120)
class QueueCloseSafetyTest {
    static MockCluster cluster;
    static final String TOPIC = "close-safety";

    @BeforeAll
    static void start() {
        cluster = MockCluster.start(1);
        cluster.createTopic(TOPIC, 2, 1);
        cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
        try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).lingerMs(5))) {
            for (int i = 0; i < 100; i++) p.produce(TOPIC, i % 2, null, ("v" + i).getBytes(StandardCharsets.UTF_8));
            p.flush(Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static KafkaConfig config(String group) {
        return KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).groupId(group)
                .set("auto.offset.reset", "earliest").set("session.timeout.ms", "6000").set("log_level", 3L);
    }

    @Test
    void aRebalanceListenerInsideCloseGetsAnExceptionFromAClosedQueueNotFreedMemory() {
        AtomicReference<Queue> queue = new AtomicReference<>();
        AtomicReference<Throwable> seenInListener = new AtomicReference<>();
        RebalanceListener listener = new RebalanceListener() {
            @Override
            public void onPartitionsRevoked(Consumer c, Collection<TopicPartition> partitions) {
                Queue q = queue.get();
                if (q == null) return;
                try {
                    q.length(); // close has torn the queue down before leaving the group
                    seenInListener.set(new AssertionError("length() of a torn-down queue answered"));
                } catch (Throwable t) {
                    seenInListener.set(t);
                }
            }
        };
        Consumer consumer = Consumer.create(config("close-safety-listener"), ConsumerOptions.defaults().withRebalanceListener(listener));
        consumer.subscribe(List.of(TOPIC));
        awaitAssignment(consumer);
        queue.set(consumer.consumerQueue());
        consumer.close();
        assertTrue(seenInListener.get() instanceof IllegalStateException,
                "the listener saw " + seenInListener.get());
        assertThrows(IllegalStateException.class, () -> queue.get().length());
    }

    @Test
    void closingWithARebalanceWaitingOnAnUnreadForwardedQueueDoesNotHang() throws Exception {
        Consumer consumer = Consumer.create(config("close-safety-forwarded"));
        Queue unread = consumer.newQueue();
        consumer.consumerQueue().forwardTo(unread);
        consumer.subscribe(List.of(TOPIC));
        // Nobody reads `unread`: the group's assignment (a rebalance event) waits there.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (unread.length() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(unread.length() > 0, "the rebalance event reached the forwarded queue");
        Thread closer = Thread.ofPlatform().start(() -> consumer.close(Duration.ofSeconds(10)));
        closer.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(!closer.isAlive(), "Consumer.close hung with group events on an unread forwarded queue");
    }

    @Test
    void aBatchIsUsedOnlyOnTheThreadThatPolledIt() throws Exception {
        try (Consumer consumer = Consumer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                .set("auto.offset.reset", "earliest"))) {
            consumer.assign(Map.of(new TopicPartition(TOPIC, 0), Consumer.OFFSET_BEGINNING));
            try (RecordBatch batch = consumer.pollBatch(10, Duration.ofSeconds(20))) {
                assertTrue(batch.size() > 0);
                AtomicReference<Throwable> elsewhere = new AtomicReference<>();
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        batch.offset(0);
                    } catch (Throwable e) {
                        elsewhere.set(e);
                    }
                });
                t.join();
                assertTrue(elsewhere.get() instanceof WrongThreadException, "another thread got " + elsewhere.get());
                assertEquals(0, batch.offset(0), "the polling thread still reads it");
            }
        }
    }

    @Test
    void commitOutcomesReachTheListenerOfAConsumerReadOnlyThroughItsQueue() throws Exception {
        java.util.List<Thread> calledOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Consumer consumer = Consumer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                .groupId("close-safety-commits").set("auto.offset.reset", "earliest").set("enable.auto.commit", "false"))) {
            TopicPartition p0 = new TopicPartition(TOPIC, 0);
            consumer.assign(Map.of(p0, Consumer.OFFSET_BEGINNING));
            Queue q = consumer.consumerQueue();
            try (RecordBatch b = q.pollBatch(5, Duration.ofSeconds(20))) {
                assertTrue(b.size() > 0);
            }
            consumer.commitAsync(Map.of(p0, new OffsetAndMetadata(5)), (offsets, error) -> calledOn.add(Thread.currentThread()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (calledOn.isEmpty() && System.nanoTime() < deadline) {
                try (RecordBatch b = q.pollBatch(5, Duration.ofMillis(100))) {
                    // only queue reads: they serve the commit outcome
                }
            }
            assertEquals(List.of(Thread.currentThread()), calledOn, "delivered once, on the reading thread, before close");
        }
    }

    private static void awaitAssignment(Consumer consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            try (RecordBatch b = consumer.pollBatch(10, Duration.ofMillis(100))) {
                // rebalances are served inside polls
            }
        }
        assertTrue(!consumer.assignment().isEmpty(), "assigned within 30 s");
    }
}
