package dev.jrdkafka.consumer;

import dev.jrdkafka.OffsetAndMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Commit outcomes reach OffsetCommitListeners, per call and for all commits, on the polling thread. */
@Timeout(120)
class OffsetCommitListenerTest {
    static final String TOPIC = "commits";
    static final int N = 200;
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    static MockCluster cluster;

    /** One listener call, with the thread it ran on. */
    record Seen(Map<TopicPartition, Long> offsets, KafkaException error, Thread thread) {}

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

    static OffsetCommitListener recordingInto(List<Seen> seen) {
        return (offsets, error) -> seen.add(new Seen(Map.copyOf(offsets), error, Thread.currentThread()));
    }

    @Test
    void commitAsyncTellsItsOwnListenerAndTheGlobalOneOnThePollingThread() {
        List<Seen> all = new CopyOnWriteArrayList<>();
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-async").enableAutoCommit(false),
                ConsumerOptions.defaults().withOffsetCommitListener(recordingInto(all)))) {
            c.subscribe(List.of(TOPIC));
            int got = ConsumerTestSupport.awaitAssignment(c, Set.of(P0, P1), 30).size();
            ConsumerTestSupport.consume(c, N - got, 30);
            assertTrue(all.isEmpty(), "no commit yet: " + all);

            AtomicReference<Seen> own = new AtomicReference<>();
            c.commitAsync((offsets, error) -> own.set(new Seen(Map.copyOf(offsets), error, Thread.currentThread())));
            assertNull(own.get(), "not called from commitAsync itself");
            ConsumerTestSupport.pollUntil(c, 20, "the commit's outcome", () -> own.get() != null && !all.isEmpty());
            assertEquals(new Seen(Map.of(P0, (long) N / 2, P1, (long) N / 2), null, Thread.currentThread()), own.get());
            assertEquals(List.of(own.get()), all, "the global listener sees the same commit");
            assertEquals(Map.of(P0, (long) N / 2, P1, (long) N / 2), ConsumerTestSupport.committedOffsets(c, List.of(P0, P1)));

            AtomicReference<Seen> explicit = new AtomicReference<>();
            c.commitAsync(Map.of(P0, new OffsetAndMetadata(10)), (offsets, error) -> explicit.set(new Seen(Map.copyOf(offsets), error, Thread.currentThread())));
            ConsumerTestSupport.pollUntil(c, 20, "the explicit commit's outcome", () -> explicit.get() != null && all.size() == 2);
            assertEquals(new Seen(Map.of(P0, 10L), null, Thread.currentThread()), explicit.get());
            assertEquals(10L, c.committed(List.of(P0), Duration.ofSeconds(10)).get(P0).offset());

            AtomicReference<Seen> empty = new AtomicReference<>();
            c.commitAsync((offsets, error) -> empty.set(new Seen(Map.copyOf(offsets), error, Thread.currentThread())));
            ConsumerTestSupport.pollUntil(c, 20, "an empty commit's outcome", () -> empty.get() != null);
            assertNull(empty.get().error(), "nothing new to commit is not a failure: " + empty.get());
        }
    }

    @Test
    void autoCommitsReachTheGlobalListener() {
        List<Seen> all = new CopyOnWriteArrayList<>();
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-auto").set("auto.commit.interval.ms", 100L),
                ConsumerOptions.defaults().withOffsetCommitListener(recordingInto(all)))) {
            c.subscribe(List.of(TOPIC));
            int got = ConsumerTestSupport.awaitAssignment(c, Set.of(P0, P1), 30).size();
            ConsumerTestSupport.consume(c, N - got, 30);
            Map<TopicPartition, Long> end = Map.of(P0, (long) N / 2, P1, (long) N / 2);
            // librdkafka commits only the partitions whose stored offset moved since the last
            // commit: the end offsets may come in one auto-commit or in several (-1001 where a
            // partition was not part of one).
            ConsumerTestSupport.pollUntil(c, 20, "auto-commits of the end offsets", () -> {
                Map<TopicPartition, Long> latest = new java.util.HashMap<>();
                for (Seen s : all) s.offsets().forEach((tp, o) -> { if (o >= 0) latest.merge(tp, o, Math::max); });
                return latest.equals(end);
            });
            for (Seen s : all) {
                assertNull(s.error(), "auto-commit failed: " + s);
                assertSame(Thread.currentThread(), s.thread(), "called on the polling thread");
            }
        }
    }

    @Test
    void partitionLevelFailuresNameTheirPartitions() {
        TopicPartition missing = new TopicPartition(TOPIC, 7); // the topic has 2 partitions
        List<Seen> all = new CopyOnWriteArrayList<>();
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-fail").enableAutoCommit(false),
                ConsumerOptions.defaults().withOffsetCommitListener(recordingInto(all)))) {
            c.assign(List.of(P0));
            AtomicReference<Seen> own = new AtomicReference<>();
            c.commitAsync(Map.of(P0, new OffsetAndMetadata(5), missing, new OffsetAndMetadata(1)),
                    (offsets, error) -> own.set(new Seen(Map.copyOf(offsets), error, Thread.currentThread())));
            ConsumerTestSupport.pollUntil(c, 20, "the commit's outcome", () -> own.get() != null && !all.isEmpty());
            assertEquals(Map.of(P0, 5L, missing, 1L), own.get().offsets());
            PartitionErrorsException e = assertInstanceOf(PartitionErrorsException.class, own.get().error());
            assertEquals(KafkaError.UNKNOWN_TOPIC_OR_PART, e.partitionErrors().get(missing), e.getMessage());
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            assertInstanceOf(PartitionErrorsException.class, all.getFirst().error(), "the global listener too");
        }
    }

    @Test
    void aCommitStillInFlightAtCloseIsAnsweredInClose() {
        AtomicReference<Seen> own = new AtomicReference<>();
        Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-close").enableAutoCommit(false));
        c.assign(List.of(P0));
        c.commitAsync(Map.of(P0, new OffsetAndMetadata(3)), (offsets, error) -> own.set(new Seen(Map.copyOf(offsets), error, Thread.currentThread())));
        c.close();
        Seen seen = own.get();
        assertTrue(seen != null, "answered by close");
        assertSame(Thread.currentThread(), seen.thread());
        assertTrue(seen.error() == null || seen.error().error() == KafkaError._DESTROY, String.valueOf(seen));
    }
}
