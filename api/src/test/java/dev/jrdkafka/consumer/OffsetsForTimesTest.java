package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** offsetsForTimes (against record timestamps we chose where the cluster can), and watermarks without a round-trip. */
@Timeout(120)
class OffsetsForTimesTest {
    static final String TOPIC = "times";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    static final int N = 400; // record i: partition i % 2, timestamp BASE + 10 * i
    static final long BASE = 1_700_000_000_000L;
    static MockCluster cluster;

    @BeforeAll
    static void fill() {
        cluster = MockCluster.start(1);
        cluster.createTopic(TOPIC, 2, 1);
        try (var p = dev.jrdkafka.producer.Producer.create(dev.jrdkafka.config.KafkaConfig.create()
                .bootstrapServers(cluster.bootstrapServers()).lingerMs(5))) {
            for (int i = 0; i < N; i++) {
                p.send(new dev.jrdkafka.producer.ProducerRecord(TOPIC, i % 2, null, new byte[] {(byte) i}, BASE + 10L * i, List.of()),
                        (m, e) -> {
                            if (e != null) throw new AssertionError(e);
                        });
            }
            p.flush(Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void offsetsForTimesAnswersPerPartitionWithLeaderEpochs() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
            c.assign(List.of(P0));
            ConsumerRecord first = ConsumerTestSupport.consume(c, 1, 30).getFirst();
            // Kafka's ListOffsets special timestamps: -2 the earliest offset, -1 the latest.
            Map<TopicPartition, OffsetAndEpoch> found = c.offsetsForTimes(Map.of(P0, -2L, P1, -1L), Duration.ofSeconds(10));
            assertEquals(new OffsetAndEpoch(0, first.leaderEpoch()), found.get(P0), "earliest, with its record's leader epoch");
            assertEquals(N / 2, found.get(P1).offset(), "latest");
            assertEquals(-1, c.offsetsForTimes(Map.of(P0, BASE + 10L * N), Duration.ofSeconds(10)).get(P0).offset(),
                    "no record that late");
            assertEquals(Map.of(), c.offsetsForTimes(Map.of(), Duration.ofSeconds(1)));
            assertThrows(KafkaException.class,
                    () -> c.offsetsForTimes(Map.of(new TopicPartition("no-such-topic", 0), BASE), Duration.ofSeconds(3)));
        }
    }

    /**
     * By record timestamp. librdkafka's mock cluster does not search by timestamp (its
     * ListOffsets handler answers -1: "FIXME: by timestamp" in rdkafka_mock_handlers.c), so
     * this is skipped there and holds against a broker that does.
     */
    @Test
    void offsetsForTimesFindsTheFirstRecordAtOrAfterEachTimestamp() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
            // P0 holds records 0, 2, 4... at offsets 0, 1, 2... with timestamps BASE, BASE+20, BASE+40...
            // P1 holds records 1, 3, 5... at offsets 0, 1, 2... with timestamps BASE+10, BASE+30...
            Map<TopicPartition, OffsetAndEpoch> found = c.offsetsForTimes(Map.of(
                    P0, BASE + 20L * 100,          // exactly offset 100's timestamp
                    P1, BASE + 10 + 20L * 50 - 5   // just before P1's offset 50
            ), Duration.ofSeconds(10));
            org.junit.jupiter.api.Assumptions.assumeFalse(found.get(P0).offset() == -1 && found.get(P1).offset() == -1,
                    "this cluster does not look offsets up by timestamp (librdkafka's mock)");
            assertEquals(100, found.get(P0).offset());
            assertEquals(50, found.get(P1).offset());
            c.assign(List.of(P0));
            c.seek(Map.of(P0, found.get(P0).offset()), Duration.ofSeconds(10));
            ConsumerRecord r = ConsumerTestSupport.consume(c, 1, 30).getFirst();
            assertEquals(BASE + 20L * 100, r.timestamp(), "a usable seek target");
        }
    }

    @Test
    void cachedWatermarksFollowFetchesWithoutAsking() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
            c.assign(List.of(P1));
            Watermarks before = c.cachedWatermarks(P1);
            assertEquals(-1001, before.high(), "nothing fetched yet: " + before);
            ConsumerTestSupport.consume(c, N / 2, 30);
            assertEquals(N / 2, c.cachedWatermarks(P1).high(), "the high watermark of the last fetch");
            assertEquals(new Watermarks(0, N / 2), c.watermarks(P1, Duration.ofSeconds(10)), "agrees with the broker");
            assertEquals(new Watermarks(-1001, -1001), c.cachedWatermarks(new TopicPartition("never-seen", 0)), "unknown");
        }
    }
}
