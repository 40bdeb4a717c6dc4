package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.Header;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Assign-mode consuming, offsets, batch views and misuse. Group behaviour: ConsumerGroupTest. */
class ConsumerTest {
    static MockCluster cluster;
    static final String TOPIC = "consume";
    static final int N = 2_000;

    @BeforeAll
    static void fill() throws Exception {
        cluster = MockCluster.start(1);
        cluster.createTopic(TOPIC, 2, 1);
        cluster.createTopic("empty-topic", 1, 1);
        try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).lingerMs(5))) {
            for (int i = 0; i < N; i++) {
                p.send(new ProducerRecord(TOPIC, i % 2, ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("v" + i).getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L + i,
                        List.of(new Header("i", Integer.toString(i).getBytes(StandardCharsets.UTF_8)))), (m, e) -> {});
            }
            p.flush(Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static KafkaConfig config(String group) {
        KafkaConfig c = KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).set("auto.offset.reset", "earliest")
                .set("log_level", 4L);
        if (group != null) c.groupId(group);
        return c;
    }

    @Test
    void assignedPartitionsAreReadInOrderWithEverything() {
        try (Consumer c = Consumer.create(config(null))) {
            c.assign(List.of(new TopicPartition(TOPIC, 0)));
            long next = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (next < N / 2 && System.nanoTime() < deadline) {
                ConsumerRecord r = c.poll(Duration.ofMillis(200));
                if (r == null) continue;
                assertEquals(next, r.offset(), "in order");
                int i = Integer.parseInt(new String(r.headers().getFirst().value(), StandardCharsets.UTF_8));
                assertEquals(2 * next, i);
                assertEquals("k" + i, new String(r.key(), StandardCharsets.UTF_8));
                assertEquals("v" + i, new String(r.value(), StandardCharsets.UTF_8));
                assertEquals(1_700_000_000_000L + i, r.timestamp());
                assertEquals(TimestampType.CREATE_TIME, r.timestampType());
                next++;
            }
            assertEquals(N / 2, next);
            assertEquals(N / 2, c.position(List.of(new TopicPartition(TOPIC, 0))).get(new TopicPartition(TOPIC, 0)));
            assertEquals(new Watermarks(0, N / 2), c.watermarks(new TopicPartition(TOPIC, 0), Duration.ofSeconds(10)));
            c.seek(new TopicPartition(TOPIC, 0), 10);
            ConsumerRecord again = null;
            for (int tries = 0; again == null && tries < 100; tries++) again = c.poll(Duration.ofMillis(100));
            assertNotNull(again);
            assertEquals(10, again.offset(), "seek moves the position back");
        }
    }

    @Test
    void batchViewsReadInPlaceAndRefuseAccessAfterClose() {
        try (Consumer c = Consumer.create(config(null))) {
            c.assign(List.of(new TopicPartition(TOPIC, 1)));
            List<Long> offsets = new ArrayList<>();
            AtomicReference<RecordView> keptView = new AtomicReference<>();
            AtomicReference<MemorySegment> keptSegment = new AtomicReference<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (offsets.size() < N / 2 && System.nanoTime() < deadline) {
                try (RecordBatch batch = c.pollBatch(500, Duration.ofMillis(200))) {
                    for (RecordView v : batch) {
                        int i = (int) (2 * v.offset() + 1);
                        MemorySegment value = v.value();
                        assertEquals("v" + i, new String(value.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
                        assertTrue(value.isReadOnly());
                        assertEquals("k" + i, new String(v.keyBytes(), StandardCharsets.UTF_8));
                        int at = batch.size() - 1; // copyKey/copyValue: bytes straight into a caller's array
                        byte[] into = new byte[4 + (int) batch.valueSize(at)];
                        batch.copyValue(at, 1, into, 4, into.length - 5);
                        assertEquals(new String(batch.valueBytes(at), 1, into.length - 5, StandardCharsets.UTF_8),
                                new String(into, 4, into.length - 5, StandardCharsets.UTF_8));
                        batch.copyKey(at, 0, into, 0, (int) batch.keySize(at));
                        assertEquals(new String(batch.keyBytes(at), StandardCharsets.UTF_8),
                                new String(into, 0, (int) batch.keySize(at), StandardCharsets.UTF_8));
                        assertThrows(IndexOutOfBoundsException.class, () -> batch.copyValue(at, 1, into, 0, into.length));
                        assertThrows(IndexOutOfBoundsException.class, () -> batch.copyKey(at, 0, into, into.length - 1, 2));
                        offsets.add(v.offset());
                        keptView.set(v);
                        keptSegment.set(value);
                    }
                }
            }
            assertEquals(N / 2, offsets.size());
            for (int i = 0; i < offsets.size(); i++) assertEquals((long) i, offsets.get(i));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> keptView.get().offset());
            assertTrue(e.getMessage().contains("RecordBatch is closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> keptSegment.get().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0),
                    "a segment kept past its batch is dead, not a dangling pointer");
        }
    }

    @Test
    void pollAndPollBatchWaitTheirWholeTimeoutForTheFirstRecord() throws Exception {
        cluster.createTopic("late-topic", 1, 1);
        TopicPartition late = new TopicPartition("late-topic", 0);
        try (Consumer c = Consumer.create(config(null));
             Producer p = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).lingerMs(0))) {
            c.assign(Map.of(late, Consumer.OFFSET_BEGINNING));
            // Records arrive 700 ms after each poll starts: well past the consumer's 100 ms
            // internal slices, well within the poll's timeout.
            Thread producing = Thread.ofPlatform().start(() -> {
                sleepMs(700);
                p.produce("late-topic", 0, null, "first".getBytes(StandardCharsets.UTF_8));
                p.flush(Duration.ofSeconds(10));
            });
            long t0 = System.nanoTime();
            try (RecordBatch b = c.pollBatch(10, Duration.ofSeconds(20))) {
                assertEquals(1, b.size(), "pollBatch returned after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                assertEquals("first", b.get(0).valueString());
            }
            producing.join();
            producing = Thread.ofPlatform().start(() -> {
                sleepMs(700);
                p.produce("late-topic", 0, null, "second".getBytes(StandardCharsets.UTF_8));
                p.flush(Duration.ofSeconds(10));
            });
            ConsumerRecord r = c.poll(Duration.ofSeconds(20));
            assertNotNull(r, "poll returned null before its timeout");
            assertEquals("second", new String(r.value(), StandardCharsets.UTF_8));
            producing.join();
        }
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void wakeupInterruptsABlockingPollFromAnotherThread() throws Exception {
        try (Consumer c = Consumer.create(config(null))) {
            c.assign(List.of(new TopicPartition("empty-topic", 0)));
            CountDownLatch polling = new CountDownLatch(1);
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                }
                c.wakeup();
            });
            long t0 = System.nanoTime();
            polling.countDown();
            assertThrows(WakeupException.class, () -> c.poll(Duration.ofSeconds(30)));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "returned early");
            t.join();
            assertEquals(null, c.poll(Duration.ZERO), "usable afterwards");
        }
    }

    @Test
    void closeWhilePollingOnAnotherThreadIsSafe() throws Exception {
        Consumer c = Consumer.create(config(null));
        c.assign(List.of(new TopicPartition("empty-topic", 0)));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread poller = Thread.ofPlatform().start(() -> {
            try {
                while (true) c.poll(Duration.ofSeconds(5));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        Thread.sleep(300);
        c.close(Duration.ofSeconds(10));
        poller.join(10_000);
        assertTrue(outcome.get() instanceof IllegalStateException, String.valueOf(outcome.get()));
        c.close();
        assertThrows(IllegalStateException.class, () -> c.poll(Duration.ZERO));
        assertThrows(IllegalStateException.class, c::assignment);
    }

    @Test
    void closingWithABatchStillOpenNeitherHangsNorFreesTheBatch() {
        Consumer c = Consumer.create(config(null));
        c.assign(List.of(new TopicPartition(TOPIC, 0)));
        RecordBatch batch = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((batch == null || batch.isEmpty()) && System.nanoTime() < deadline) {
            if (batch != null) batch.close();
            batch = c.pollBatch(10, Duration.ofMillis(200));
        }
        assertTrue(!batch.isEmpty());
        long t0 = System.nanoTime();
        c.close(Duration.ofMillis(300)); // rd_kafka_destroy would wait for the batch's messages
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "close returned");
        assertTrue(c.isClosed());
        assertEquals("v0", batch.get(0).valueString(), "the batch is still readable");
        batch.close();
    }

    @Test
    void pausedPartitionsDeliverNothingUntilResumed() {
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        try (Consumer c = Consumer.create(config(null))) {
            c.assign(List.of(tp));
            c.pause(List.of(tp));
            assertEquals(null, c.poll(Duration.ofMillis(500)));
            c.resume(List.of(tp));
            ConsumerRecord r = null;
            for (int tries = 0; r == null && tries < 100; tries++) r = c.poll(Duration.ofMillis(100));
            assertNotNull(r);
        }
    }

    @Test
    void misuseGetsClearExceptions() {
        try (Consumer c = Consumer.create(config(null))) {
            IllegalStateException noGroup = assertThrows(IllegalStateException.class, () -> c.subscribe(Set.of(TOPIC)));
            assertTrue(noGroup.getMessage().contains("group.id"), noGroup.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.pollBatch(0, Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> c.watermarks(new TopicPartition(TOPIC, 0), Duration.ofSeconds(-1)));
        }
        try (Consumer c = Consumer.create(config("g-misuse"))) {
            assertThrows(IllegalArgumentException.class, () -> c.subscribe(List.of()));
            c.subscribe(List.of(TOPIC));
            assertEquals(List.of(TOPIC), c.subscription());
            assertEquals(Map.of(), Map.copyOf(c.committed(List.of(), Duration.ofSeconds(5))));
        }
    }
}
