package dev.jrdkafka.consumer;

import dev.jrdkafka.OffsetAndMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** enable.auto.offset.store=false: auto-commits send what was stored, not what was consumed. */
@Timeout(120)
class OffsetStoreTest {
    static final String TOPIC = "store";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    static final int N = 200; // 100 per partition
    static MockCluster cluster;

    @BeforeAll
    static void fill() {
        cluster = MockCluster.start(1);
        cluster.createTopic(TOPIC, 2, 1);
        cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
        ConsumerTestSupport.produce(cluster, TOPIC, 2, N, 1_000);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void autoCommitsFollowTheStoredOffsetsNotTheConsumedOnes() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-store").enableAutoCommit(true)
                .set("auto.commit.interval.ms", 100L).set("enable.auto.offset.store", "false"))) {
            c.subscribe(List.of(TOPIC));
            List<ConsumerRecord> records = new java.util.ArrayList<>(ConsumerTestSupport.awaitAssignment(c, Set.of(P0, P1), 30));
            records.addAll(ConsumerTestSupport.consume(c, N - records.size(), 30));
            // "Processed": P0 up to offset 39 (stored record by record), P1 up to offset 59 (stored as a map).
            for (ConsumerRecord r : records) {
                if (r.partition() == 0 && r.offset() < 40) c.storeOffset(r);
            }
            c.storeOffsets(Map.of(P1, new OffsetAndMetadata(60)));
            Map<TopicPartition, Long> expected = Map.of(P0, 40L, P1, 60L);
            ConsumerTestSupport.pollUntil(c, 20, "auto-commit of the stored offsets",
                    () -> expected.equals(ConsumerTestSupport.committedOffsets(c, List.of(P0, P1))));
            // Nothing more stored: later auto-commits keep them, although everything was consumed.
            c.poll(Duration.ofMillis(500));
            assertEquals(expected, ConsumerTestSupport.committedOffsets(c, List.of(P0, P1)));
            assertEquals(Map.of(P0, 100L, P1, 100L), c.position(List.of(P0, P1)), "consumed to the end");
        }
    }

    @Test
    void storeOffsetOfAViewStoresItsNextOffsetWithItsEpoch() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-store-view").enableAutoCommit(false)
                .set("enable.auto.offset.store", "false"))) {
            c.assign(List.of(P1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long stored = -1;
            int epoch = -1;
            while (stored < 0) {
                assertTrue(System.nanoTime() < deadline, "a batch within 30 s");
                try (RecordBatch b = c.pollBatch(10, Duration.ofMillis(100))) {
                    if (b.isEmpty()) continue;
                    RecordView last = b.get(b.size() - 1);
                    c.storeOffset(last);
                    stored = last.offset() + 1;
                    epoch = last.leaderEpoch();
                }
            }
            c.commitSync(); // commits the stored offsets of the assignment
            OffsetAndMetadata committed = c.committed(List.of(P1), Duration.ofSeconds(10)).get(P1);
            assertEquals(stored, committed.offset());
            assertEquals(epoch, committed.leaderEpoch(), "the stored leader epoch was committed with it");
        }
    }

    @Test
    void storingIsRefusedClearly() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-store-refused").enableAutoCommit(false)
                .set("enable.auto.offset.store", "false"))) {
            c.assign(List.of(P0));
            PartitionErrorsException e = assertThrows(PartitionErrorsException.class, () -> c.storeOffsets(Map.of(P0, new OffsetAndMetadata(5), P1, new OffsetAndMetadata(7))));
            assertEquals(Map.of(P1, KafkaError._STATE), e.partitionErrors(), "P1 is not assigned: " + e.getMessage());
            assertTrue(e.getMessage().contains("not assigned"), e.getMessage());
            c.commitSync();
            assertEquals(5L, c.committed(List.of(P0), Duration.ofSeconds(10)).get(P0).offset(), "the assigned one was stored");
        }
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-store-auto"))) {
            c.assign(List.of(P0));
            KafkaException e = assertThrows(KafkaException.class, () -> c.storeOffsets(Map.of(P0, new OffsetAndMetadata(5))));
            assertEquals(KafkaError._INVALID_ARG, e.error());
            assertTrue(e.getMessage().contains("enable.auto.offset.store=false"), e.getMessage());
        }
    }
}
