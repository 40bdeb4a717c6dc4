package dev.jrdkafka.consumer;

import dev.jrdkafka.OffsetAndMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RebalanceListener;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Queues on librdkafka's mock cluster: per-partition reading, forwarding, readiness, events, lifetime. */
@Timeout(120)
class QueueTest {
    static MockCluster cluster;
    static final String TOPIC = "queues";
    static final String OTHER = "queues-other";
    static final int N = 500; // per partition

    @BeforeAll
    static void fill() {
        cluster = MockCluster.start(3);
        cluster.createTopic(TOPIC, 2, 1);
        cluster.createTopic(OTHER, 1, 1);
        cluster.createTopic("queues-empty", 1, 1);
        cluster.createTopic("queues-late", 1, 1);
        try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).lingerMs(5))) {
            for (int i = 0; i < N; i++) {
                for (int part = 0; part < 2; part++) p.produce(TOPIC, part, null, ("v" + part + "-" + i).getBytes(StandardCharsets.UTF_8));
                p.produce(OTHER, 0, null, ("o" + i).getBytes(StandardCharsets.UTF_8));
            }
            p.flush(Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static KafkaConfig config() {
        return KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).set("auto.offset.reset", "earliest")
                .set("log_level", 4L);
    }

    static TopicPartition tp(int p) {
        return new TopicPartition(TOPIC, p);
    }

    @Test
    void partitionQueuesAreReadByThreadsOfTheirOwn() throws Exception {
        try (Consumer c = Consumer.create(config())) {
            Queue q0 = c.partitionQueue(tp(0));
            Queue q1 = c.partitionQueue(tp(1));
            assertSame(q0, c.partitionQueue(tp(0)), "one object per partition");
            assertEquals(Queue.Kind.PARTITION, q0.kind());
            assertEquals(tp(1), q1.partition());
            c.assign(List.of(tp(0), tp(1)));
            Map<Integer, List<String>> seen = new ConcurrentHashMap<>();
            List<Thread> readers = new ArrayList<>();
            for (Queue q : List.of(q0, q1)) {
                readers.add(Thread.ofVirtual().start(() -> {
                    List<String> values = new ArrayList<>();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (values.size() < N && System.nanoTime() < deadline) {
                        try (RecordBatch b = q.pollBatch(100, Duration.ofMillis(500))) {
                            for (RecordView v : b) {
                                assertEquals(q.partition().partition(), v.partition());
                                assertEquals(values.size(), v.offset());
                                values.add(v.valueString());
                            }
                        }
                    }
                    seen.put(q.partition().partition(), values);
                }));
            }
            // Meanwhile the consumer itself gets none of these records.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < until) assertNull(c.poll(Duration.ofMillis(100)), "records stay on the partition queues");
            for (Thread t : readers) t.join();
            for (int p = 0; p < 2; p++) {
                assertEquals(N, seen.get(p).size(), "partition " + p);
                assertEquals("v" + p + "-" + (N - 1), seen.get(p).get(N - 1));
            }
        }
    }

    @Test
    void twoPartitionsForwardedIntoOneQueue() {
        try (Consumer c = Consumer.create(config())) {
            Queue both = c.newQueue();
            c.partitionQueue(tp(0)).forwardTo(both);
            c.partitionQueue(tp(1)).forwardTo(both);
            assertSame(both, c.partitionQueue(tp(0)).forwardedTo());
            assertThrows(IllegalArgumentException.class, () -> both.forwardTo(c.partitionQueue(tp(0))), "no cycles");
            c.assign(List.of(tp(0), tp(1)));
            Map<Integer, Integer> perPartition = new ConcurrentHashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int total = 0;
            while (total < 2 * N && System.nanoTime() < deadline) {
                try (RecordBatch b = both.pollBatch(300, Duration.ofMillis(500))) {
                    for (RecordView v : b) {
                        int expected = perPartition.getOrDefault(v.partition(), 0);
                        assertEquals(expected, v.offset(), "in order within a partition");
                        perPartition.put(v.partition(), expected + 1);
                        total++;
                    }
                }
            }
            assertEquals(Map.of(0, N, 1, N), perPartition);
            assertEquals(0, both.length());
            both.close(); // the partition queues stop forwarding into it, and stay usable
            assertNull(c.partitionQueue(tp(0)).forwardedTo());
            assertEquals(0, c.partitionQueue(tp(0)).length());
        }
    }

    @Test
    void awaitReadyWakesWhenRecordsArriveAndTimesOutOtherwise() throws Exception {
        try (Consumer c = Consumer.create(config()); Producer p = Producer.create(KafkaConfig.create()
                .bootstrapServers(cluster.bootstrapServers()).lingerMs(0))) {
            TopicPartition late = new TopicPartition("queues-late", 0);
            Queue q = c.partitionQueue(late);
            c.assign(List.of(late));
            // Fetch start leaves internal ops (version barriers) on the queue: a read clears
            // them (awaitReady may report readiness spuriously; a read then finds nothing).
            try (RecordBatch b = q.pollBatch(10, Duration.ofMillis(1000))) {
                assertTrue(b.isEmpty());
            }
            long t0 = System.nanoTime();
            assertFalse(q.awaitReady(Duration.ofMillis(300)), "nothing there");
            long waited = System.nanoTime() - t0;
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(290) && waited < TimeUnit.SECONDS.toNanos(3), "bounded: " + waited);

            AtomicReference<Boolean> ready = new AtomicReference<>();
            AtomicReference<Long> readyAfter = new AtomicReference<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                long s = System.nanoTime();
                try {
                    ready.set(q.awaitReady(Duration.ofSeconds(20)));
                } catch (InterruptedException e) {
                    ready.set(null);
                }
                readyAfter.set(System.nanoTime() - s);
            });
            Thread.sleep(500);
            assertTrue(waiter.isAlive(), "still waiting");
            p.produce("queues-late", 0, null, "hello".getBytes(StandardCharsets.UTF_8));
            p.flush(Duration.ofSeconds(10));
            waiter.join(15_000);
            assertEquals(Boolean.TRUE, ready.get());
            assertTrue(readyAfter.get() < TimeUnit.SECONDS.toNanos(15), "woke on arrival");
            try (RecordBatch b = q.pollBatch(10, Duration.ZERO)) {
                assertEquals(1, b.size());
                assertEquals("hello", b.get(0).valueString());
            }

            // wakeup() ends a wait early.
            Thread w2 = Thread.ofVirtual().start(() -> {
                try {
                    ready.set(q.awaitReady(Duration.ofSeconds(20)));
                } catch (InterruptedException e) {
                    ready.set(null);
                }
            });
            Thread.sleep(200);
            q.wakeup();
            w2.join(5_000);
            assertFalse(w2.isAlive());
        }
    }

    @Test
    void onReadyRunsTheActionOffLibrdkafkasThreadsAndMayCloseItsQueue() throws Exception {
        try (Consumer c = Consumer.create(config())) {
            Queue q = c.partitionQueue(new TopicPartition(OTHER, 0));
            c.assign(List.of(new TopicPartition(OTHER, 0)));
            AtomicInteger count = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            q.onReady(() -> {
                try {
                    assertTrue(Thread.currentThread().isVirtual());
                    try (RecordBatch b = q.pollBatch(1000, Duration.ZERO)) {
                        count.addAndGet(b.size());
                    }
                    if (count.get() >= N) {
                        q.close(); // from its own action
                        done.countDown();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                    done.countDown();
                }
            });
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertNull(failure.get());
            assertEquals(N, count.get());
            assertTrue(q.isClosed());
            assertThrows(IllegalStateException.class, q::length);
        }
    }

    @Test
    void oneVirtualThreadServesTwoConsumersThroughASelector() throws Exception {
        try (Consumer a = Consumer.create(config()); Consumer b = Consumer.create(config());
             QueueSelector selector = QueueSelector.open()) {
            a.assign(List.of(tp(0), tp(1)));
            b.assign(List.of(new TopicPartition(OTHER, 0)));
            selector.register(a.consumerQueue());
            selector.register(b.consumerQueue());
            assertEquals(2, selector.queues().size());
            Map<String, Integer> counts = new ConcurrentHashMap<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread loop = Thread.ofVirtual().start(() -> {
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                    while ((counts.getOrDefault(TOPIC, 0) < 2 * N || counts.getOrDefault(OTHER, 0) < N)
                            && System.nanoTime() < deadline) {
                        for (Queue q : selector.select(Duration.ofSeconds(1))) {
                            try (RecordBatch batch = q.pollBatch(500, Duration.ZERO)) {
                                for (RecordView v : batch) counts.merge(v.topic(), 1, Integer::sum);
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            loop.join();
            assertNull(failure.get());
            assertEquals(2 * N, counts.get(TOPIC));
            assertEquals(N, counts.get(OTHER));
        }
    }

    /**
     * Virtual threads waiting in queue reads leave their carriers free: with four times as
     * many waiters as carriers, another virtual thread still runs at once. (A blocking
     * downcall such as Consumer.poll would hold a carrier for its whole wait.)
     */
    @Test
    void waitingReadersDoNotPinCarriers() throws Exception {
        int waiters = 4 * Runtime.getRuntime().availableProcessors();
        try (Consumer c = Consumer.create(config())) {
            Queue empty = c.newQueue();
            CountDownLatch started = new CountDownLatch(waiters);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    started.countDown();
                    try (RecordBatch b = empty.pollBatch(10, Duration.ofSeconds(4))) {
                        assertTrue(b.isEmpty());
                    }
                }));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(300); // all of them inside pollBatch
            long t0 = System.nanoTime();
            Thread quick = Thread.ofVirtual().start(() -> {});
            quick.join();
            long took = System.nanoTime() - t0;
            assertTrue(took < TimeUnit.SECONDS.toNanos(1), "a virtual thread had to wait " + took / 1_000_000 + " ms for a carrier");
            for (Thread t : threads) t.join();
        }
    }

    @Test
    void eventsOfOtherKinds() {
        try (Consumer c = Consumer.create(config().groupId("queue-events").set("enable.partition.eof", "true"))) {
            TopicPartition o = new TopicPartition(OTHER, 0);
            Queue pq = c.partitionQueue(o);
            c.assign(List.of(o));
            int records = 0;
            Event eof = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (eof == null && System.nanoTime() < deadline) {
                Event e = pq.poll(Duration.ofMillis(500));
                if (e == null) continue;
                if (e.type() == EventType.FETCH) {
                    ConsumerRecord r = e.record();
                    assertEquals(records, r.offset());
                    assertEquals("o" + records, new String(r.value(), StandardCharsets.UTF_8));
                    records++;
                } else if (e.type() == EventType.ERROR && e.isPartitionEof()) {
                    eof = e;
                }
            }
            assertEquals(N, records);
            assertNotNull(eof, "partition EOF comes as an ERROR event");
            assertEquals(o, eof.partition());
            assertEquals(N, eof.offset());

            // Offset-commit results on a queue of their own.
            Queue results = c.newQueue();
            c.commitAsyncTo(Map.of(o, new OffsetAndMetadata(42)), results);
            Event commit = results.poll(Duration.ofSeconds(10));
            assertNotNull(commit);
            assertEquals(EventType.OFFSET_COMMIT, commit.type(), commit.toString());
            assertFalse(commit.isError(), commit.toString());
            assertEquals(42L, commit.offsets().get(o));
            assertThrows(IllegalStateException.class, () -> results.pollBatch(1, Duration.ZERO), "event-only");
            assertThrows(IllegalStateException.class, () -> pq.forwardTo(results));
            assertThrows(IllegalArgumentException.class, () -> c.commitAsyncTo(null, pq), "not on a record queue");
            assertEquals(Map.of(o, 42L), ConsumerTestSupport.committedOffsets(c, List.of(o)));
        }
    }

    @Test
    void rebalancesReadThroughTheConsumerQueueReachTheListener() {
        List<String> calls = new ArrayList<>();
        RebalanceListener listener = new RebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer consumer, Collection<TopicPartition> partitions) {
                calls.add("assigned " + partitions.size());
            }

            @Override
            public void onPartitionsRevoked(Consumer consumer, Collection<TopicPartition> partitions) {
                calls.add("revoked " + partitions.size());
            }
        };
        try (Consumer c = Consumer.create(config().groupId("queue-group"), ConsumerOptions.defaults().withRebalanceListener(listener))) {
            c.subscribe(List.of(TOPIC));
            Queue q = c.consumerQueue();
            int records = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (records < 2 * N && System.nanoTime() < deadline) {
                Event e = q.poll(Duration.ofMillis(500));
                if (e == null) continue;
                assertTrue(e.type() != EventType.REBALANCE);
                if (e.type() == EventType.FETCH) records++;
            }
            assertEquals(2 * N, records);
            assertEquals(List.of("assigned 2"), calls);
            assertEquals(2, c.assignment().size());
        }
        assertEquals(List.of("assigned 2", "revoked 2"), calls);
    }

    @Test
    void aQueueOfAClosedConsumerRefusesUseAndNeverCrashes() throws Exception {
        Consumer c = Consumer.create(config());
        Queue own = c.newQueue();
        Queue pq = c.partitionQueue(tp(0));
        Queue cq = c.consumerQueue();
        pq.forwardTo(own);
        c.assign(List.of(tp(0)));
        // Records wait on the queue when the consumer closes; a reader is parked on another.
        assertTrue(own.awaitReady(Duration.ofSeconds(20)));
        AtomicReference<Throwable> readerOutcome = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    try (RecordBatch b = cq.pollBatch(10, Duration.ofSeconds(1))) {
                        assertTrue(b.isEmpty());
                    }
                }
            } catch (Throwable t) {
                readerOutcome.set(t);
            }
        });
        Thread.sleep(200);
        long t0 = System.nanoTime();
        c.close(Duration.ofSeconds(10));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "no hang");
        reader.join(5_000);
        assertTrue(readerOutcome.get() instanceof IllegalStateException, String.valueOf(readerOutcome.get()));
        for (Queue q : List.of(own, pq, cq)) {
            assertTrue(q.isClosed());
            assertThrows(IllegalStateException.class, q::length);
            assertThrows(IllegalStateException.class, () -> q.pollBatch(1, Duration.ZERO));
            assertThrows(IllegalStateException.class, () -> q.poll(Duration.ZERO));
            assertThrows(IllegalStateException.class, () -> q.awaitReady(Duration.ZERO));
            q.close(); // no-op
        }
        assertThrows(IllegalStateException.class, c::newQueue);
    }

    @Test
    void closingAQueueTwiceAndUsingItAfterwards() {
        try (Consumer c = Consumer.create(config())) {
            Queue q = c.newQueue();
            assertEquals(0, q.length());
            q.close();
            q.close();
            assertThrows(IllegalStateException.class, q::length);
            assertThrows(IllegalStateException.class, () -> q.forwardTo(c.newQueue()));
            assertThrows(IllegalStateException.class, () -> c.partitionQueue(tp(0)).forwardTo(q));
            // A closed consumer queue object is replaced by a fresh one.
            Queue cq = c.consumerQueue();
            cq.close();
            Queue again = c.consumerQueue();
            assertFalse(again.isClosed());
            try (Consumer other = Consumer.create(config())) {
                assertThrows(IllegalArgumentException.class, () -> other.newQueue().forwardTo(again), "not across clients");
            }
        }
    }

    @Test
    void closingAPartitionQueueGivesItsRecordsBackToTheConsumer() {
        try (Consumer c = Consumer.create(config())) {
            TopicPartition o = new TopicPartition(OTHER, 0);
            Queue pq = c.partitionQueue(o);
            c.assign(List.of(o));
            List<Long> first = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (first.size() < 10 && System.nanoTime() < deadline) { // records may arrive in several fetches
                try (RecordBatch b = pq.pollBatch(10 - first.size(), Duration.ofMillis(200))) {
                    for (RecordView v : b) first.add(v.offset());
                }
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), first);
            pq.close();
            long next = 10;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (next < N && System.nanoTime() < deadline) {
                ConsumerRecord r = c.poll(Duration.ofMillis(200));
                if (r != null) assertEquals(next++, r.offset());
            }
            assertEquals(N, next, "the rest through Consumer.poll");
        }
    }
}
