package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * commitSync never waits past its timeout, even when the coordinator's reply is late (librdkafka's
 * synchronous rd_kafka_commit waits with no bound), and a reply after the timeout is still safe and
 * reported to the OffsetCommitListener.
 */
@Timeout(120)
class CommitSyncBoundTest {
    static final TopicPartition P0 = new TopicPartition("bounded", 0);

    @Test
    void aLateCommitReplyTimesOutWithinTheBoundAndStillReachesTheListener() {
        List<Map<TopicPartition, Long>> committed = new CopyOnWriteArrayList<>();
        OffsetCommitListener listener = (offsets, error) -> {
            if (error == null) committed.add(Map.copyOf(offsets));
        };
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic(P0.topic(), 1, 1);
            try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-bound").enableAutoCommit(false),
                    ConsumerOptions.defaults().withOffsetCommitListener(listener))) {
                c.assign(List.of(P0));
                c.commitSync(Map.of(P0, new OffsetAndMetadata(1)), Duration.ofSeconds(30)); // coordinator known

                cluster.broker(1).setRtt(Duration.ofSeconds(5));
                long t0 = System.nanoTime();
                KafkaException e = assertThrows(KafkaException.class,
                        () -> c.commitSync(Map.of(P0, new OffsetAndMetadata(2)), Duration.ofMillis(500)));
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(KafkaError._TIMED_OUT, e.error(), e.toString());
                assertTrue(e.isRetriable(), e.toString());
                assertTrue(e.getMessage().contains("outcome is unknown"), e.getMessage());
                assertTrue(tookMs < 3_000, "commitSync waited " + tookMs + " ms, past its 500 ms bound");

                // The reply comes ~5 s after the request, to a queue already released: dropped safely,
                // and still seen by the interceptor behind the listener.
                ConsumerTestSupport.pollUntil(c, 30, "the late commit's outcome",
                        () -> committed.contains(Map.of(P0, 2L)));

                cluster.broker(1).setRtt(Duration.ZERO);
                c.commitSync(Map.of(P0, new OffsetAndMetadata(3)));
                assertEquals(Map.of(P0, 3L), ConsumerTestSupport.committedOffsets(c, List.of(P0)));
            }
        }
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        try (MockCluster cluster = MockCluster.start(1);
                Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-neg").enableAutoCommit(false))) {
            assertThrows(IllegalArgumentException.class, () -> c.commitSync(Duration.ofMillis(-1)));
            assertThrows(NullPointerException.class, () -> c.commitSync(Map.of(), null));
        }
    }
}
