package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** enable.partition.eof: the PartitionEofListener hears of each partition's end, after its records. */
@Timeout(120)
class PartitionEofTest {
    static final String TOPIC = "eof";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    static final int N = 300; // 150 per partition
    static MockCluster cluster;

    @BeforeAll
    static void fill() {
        cluster = MockCluster.start(1);
        cluster.createTopic(TOPIC, 2, 1);
        ConsumerTestSupport.produce(cluster, TOPIC, 2, N, 1_000);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** What the consumer was told, in order: "record p@o" and "eof p@o". */
    static final class Log implements PartitionEofListener {
        final List<String> events = new ArrayList<>();
        final Map<TopicPartition, Long> eofs = new ConcurrentHashMap<>();
        Thread thread;

        @Override
        public void onPartitionEof(Consumer consumer, TopicPartition partition, long offset) {
            assertTrue(consumer != null);
            thread = Thread.currentThread();
            events.add("eof " + partition + "@" + offset);
            eofs.put(partition, offset);
        }

        void record(String topic, int partition, long offset) {
            events.add("record " + topic + "-" + partition + "@" + offset);
        }
    }

    @Test
    void pollReportsEachPartitionsEndAfterItsLastRecord() {
        Log log = new Log();
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null).set("enable.partition.eof", "true"),
                ConsumerOptions.defaults().withPartitionEofListener(log))) {
            c.assign(List.of(P0, P1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (log.eofs.size() < 2 || log.events.stream().filter(e -> e.startsWith("record")).count() < N) {
                assertTrue(System.nanoTime() < deadline, "records and EOFs within 30 s: " + log.eofs);
                ConsumerRecord r = c.poll(Duration.ofMillis(100));
                if (r != null) log.record(r.topic(), r.partition(), r.offset());
            }
            assertEquals(Map.of(P0, (long) N / 2, P1, (long) N / 2), log.eofs);
            assertSame(Thread.currentThread(), log.thread, "on the polling thread");
            assertEofsFollowTheirRecords(log.events);
        }
    }

    @Test
    void pollBatchReportsEachPartitionsEndNoEarlierThanTheNextPoll() {
        Log log = new Log();
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null).set("enable.partition.eof", "true"),
                ConsumerOptions.defaults().withPartitionEofListener(log))) {
            c.assign(List.of(P0, P1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (log.eofs.size() < 2 || log.events.stream().filter(e -> e.startsWith("record")).count() < N) {
                assertTrue(System.nanoTime() < deadline, "records and EOFs within 30 s: " + log.eofs);
                try (RecordBatch batch = c.pollBatch(64, Duration.ofMillis(100))) {
                    for (RecordView v : batch) log.record(v.topic(), v.partition(), v.offset());
                }
            }
            assertEquals(Map.of(P0, (long) N / 2, P1, (long) N / 2), log.eofs);
            assertSame(Thread.currentThread(), log.thread, "on the polling thread");
            assertEofsFollowTheirRecords(log.events);
        }
    }

    @Test
    void queueReadsReportEachPartitionsEndToo() {
        Log log = new Log();
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null).set("enable.partition.eof", "true"),
                ConsumerOptions.defaults().withPartitionEofListener(log))) {
            c.assign(List.of(P0, P1));
            Queue q = c.consumerQueue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (log.eofs.size() < 2 || log.events.stream().filter(e -> e.startsWith("record")).count() < N) {
                assertTrue(System.nanoTime() < deadline, "records and EOFs within 30 s: " + log.eofs);
                try (RecordBatch batch = q.pollBatch(64, Duration.ofMillis(100))) {
                    for (RecordView v : batch) log.record(v.topic(), v.partition(), v.offset());
                }
            }
            assertEquals(Map.of(P0, (long) N / 2, P1, (long) N / 2), log.eofs);
            assertSame(Thread.currentThread(), log.thread, "on the reading thread");
            assertEofsFollowTheirRecords(log.events);
        }
    }

    @Test
    void withoutAListenerEofIsSkipped() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null).set("enable.partition.eof", "true"))) {
            c.assign(List.of(P0));
            assertEquals(N / 2, ConsumerTestSupport.consume(c, N / 2, 30).size());
            assertEquals(null, c.poll(Duration.ofMillis(500)), "the EOF is neither a record nor an error");
        }
    }

    /** Every EOF at offset o of a partition comes after that partition's record o-1 was handed out. */
    static void assertEofsFollowTheirRecords(List<String> events) {
        for (int i = 0; i < events.size(); i++) {
            String e = events.get(i);
            if (!e.startsWith("eof ")) continue;
            String tp = e.substring(4, e.indexOf('@'));
            long end = Long.parseLong(e.substring(e.indexOf('@') + 1));
            if (end == 0) continue;
            assertTrue(events.subList(0, i).contains("record " + tp + "@" + (end - 1)), "EOF " + e + " overtook its records: " + events);
        }
    }
}
