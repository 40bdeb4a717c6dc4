package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.OffsetAndEpoch;
import dev.jrdkafka.consumer.TimestampType;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * offsetsForTimes against records whose create timestamps we chose. librdkafka's mock
 * cluster answers every by-timestamp lookup with -1 (api's OffsetsForTimesTest skips that
 * case there); a real broker searches its time index.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(60)
class OffsetsForTimesIT {
    static final String TOPIC = "times";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    static final int N = 400; // record i: partition i % 2, timestamp BASE + 10 * i
    static final long BASE = 1_700_000_000_000L;
    static final Duration T = Duration.ofSeconds(10);

    static KafkaBroker broker;

    @BeforeAll
    static void fill(KafkaBroker shared) {
        broker = shared;
        // Time-based retention would delete these 2023 records within minutes of the broker's start.
        broker.createTopic(TOPIC, 2, Map.of("retention.ms", "-1", "message.timestamp.type", "CreateTime"));
        Clients.produce(broker, TOPIC, 2, N, i -> BASE + 10L * i);
    }

    @Test
    void findsTheEarliestOffsetWhoseTimestampIsAtOrAfterTheOneAsked() {
        // P0 holds records 0, 2, 4... at offsets 0, 1, 2... with timestamps BASE, BASE+20, BASE+40...
        // P1 holds records 1, 3, 5... at offsets 0, 1, 2... with timestamps BASE+10, BASE+30...
        try (Consumer c = Consumer.create(Clients.consumer(broker, null, "read_committed"))) {
            Map<TopicPartition, OffsetAndEpoch> found = c.offsetsForTimes(Map.of(
                    P0, BASE + 20L * 100,          // exactly offset 100's timestamp
                    P1, BASE + 10 + 20L * 50 - 5   // between offsets 49 and 50
            ), T);
            assertEquals(100, found.get(P0).offset());
            assertEquals(50, found.get(P1).offset());
            assertTrue(found.get(P0).leaderEpoch() >= 0, "a real broker reports the leader epoch: " + found.get(P0));

            Map<TopicPartition, OffsetAndEpoch> edges = c.offsetsForTimes(Map.of(P0, BASE - 1, P1, BASE + 10L * N), T);
            assertEquals(0, edges.get(P0).offset(), "before the first record: the first one");
            assertEquals(-1, edges.get(P1).offset(), "after the last record: none (-1)");

            // Kafka's special timestamps: -2 the earliest offset, -1 the end.
            Map<TopicPartition, OffsetAndEpoch> special = c.offsetsForTimes(Map.of(P0, -2L, P1, -1L), T);
            assertEquals(0, special.get(P0).offset());
            assertEquals(N / 2, special.get(P1).offset());
        }
    }

    @Test
    void theOffsetFoundIsASeekTargetWhoseRecordHasTheTimestamp() {
        long wanted = BASE + 10L * 301; // record 301: P1, offset 150
        try (Consumer c = Consumer.create(Clients.consumer(broker, null, "read_committed"))) {
            long offset = c.offsetsForTimes(Map.of(P1, wanted), T).get(P1).offset();
            assertEquals(150, offset);
            c.assign(List.of(P1));
            c.seek(Map.of(P1, offset), T);
            ConsumerRecord r = Clients.pollOne(c, T);
            assertEquals(offset, r.offset());
            assertEquals(wanted, r.timestamp());
            assertEquals(TimestampType.CREATE_TIME, r.timestampType());
            assertEquals("v301", Clients.text(r.value()));
        }
    }
}
