package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rdkafka_h;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * assign(Map)/incrementalAssign(Map) start each partition at its own offset (logical ones
 * too); seek right after assign waits for the partition to start fetching, and says what to
 * do when it does not in time.
 */
@Timeout(120)
class AssignStartOffsetsTest {
    private static final String TOPIC = "start";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

    private static MockCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start(2);
        cluster.createTopic(TOPIC, 3, 1);
        for (int p = 0; p < 3; p++) cluster.setPartitionLeader(TOPIC, p, 1);
        ConsumerTestSupport.produce(cluster, TOPIC, 3, 300, 1_000); // 100 per partition
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** The first offset polled per partition, polling until {@code n} records arrived. */
    private static Map<TopicPartition, Long> firstOffsets(Consumer c, int n) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord r : ConsumerTestSupport.consume(c, n, 30)) first.merge(r.topicPartition(), r.offset(), Math::min);
        return first;
    }

    @Test
    void logicalOffsetsAreLibrdkafkas() {
        assertEquals(rdkafka_h.RD_KAFKA_OFFSET_BEGINNING(), Consumer.OFFSET_BEGINNING);
        assertEquals(rdkafka_h.RD_KAFKA_OFFSET_END(), Consumer.OFFSET_END);
        assertEquals(rdkafka_h.RD_KAFKA_OFFSET_STORED(), Consumer.OFFSET_STORED);
        assertEquals(rdkafka_h.RD_KAFKA_OFFSET_INVALID(), Consumer.OFFSET_INVALID);
        assertEquals(rdkafka_h.RD_KAFKA_OFFSET_TAIL_BASE() - 5, Consumer.offsetTail(5));
        assertThrows(IllegalArgumentException.class, () -> Consumer.offsetTail(-1));
    }

    @Test
    void assignStartsEachPartitionAtItsOwnOffset() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
            c.assign(Map.of(P0, 90L, P1, Consumer.OFFSET_BEGINNING, P2, Consumer.offsetTail(5)));
            assertEquals(Set.of(P0, P1, P2), c.assignment());
            assertEquals(Map.of(P0, 90L, P1, 0L, P2, 95L), firstOffsets(c, 10 + 100 + 5));
            assertNull(c.poll(Duration.ofMillis(200)), "and only those records");

            c.assign(Map.of(P0, Consumer.OFFSET_END));
            assertEquals(Set.of(P0), c.assignment(), "assign(Map) replaces the assignment");
            assertNull(c.poll(Duration.ofMillis(500)), "OFFSET_END: only records produced from now on");

            assertThrows(IllegalArgumentException.class, () -> c.assign(Map.of(P0, -3L)));
        }
    }

    @Test
    void incrementalAssignAddsPartitionsAtTheirOffsets() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
            c.assign(Map.of(P0, 98L));
            c.incrementalAssign(Map.of(P1, 97L));
            assertEquals(Set.of(P0, P1), c.assignment());
            assertEquals(Map.of(P0, 98L, P1, 97L), firstOffsets(c, 2 + 3));
            c.incrementalUnassign(List.of(P0));
            assertEquals(Set.of(P1), c.assignment());
        }
    }

    @Test
    void seekRightAfterAssignMovesThePartition() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
            c.assign(List.of(P0, P1)); // committed offsets (none: earliest) are looked up first
            c.seek(Map.of(P0, 50L, P1, Consumer.offsetTail(10)), Duration.ofSeconds(10));
            assertEquals(Map.of(P0, 50L, P1, 90L), firstOffsets(c, 50 + 10));
            assertNull(c.poll(Duration.ofMillis(200)));

            c.seek(P1, Consumer.OFFSET_BEGINNING);
            assertEquals(Map.of(P1, 0L), firstOffsets(c, 100));
        }
    }

    @Test
    void seekWaitsUntilTheCommittedOffsetIsKnownAndExplainsWhenItIsNot() throws Exception {
        String group = "seek-coordinator-down";
        cluster.setGroupCoordinator(group, 2);
        cluster.broker(2).setDown(); // the committed offsets cannot be looked up
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, group).enableAutoCommit(false))) {
            c.assign(List.of(P0));
            PartitionErrorsException e = assertThrows(PartitionErrorsException.class,
                    () -> c.seek(Map.of(P0, 10L), Duration.ofMillis(700)));
            assertEquals(Map.of(P0, KafkaError._STATE), e.partitionErrors());
            assertTrue(e.getMessage().contains("assigned but not fetching yet") && e.getMessage().contains("assign(Map)"),
                    e.getMessage());

            Thread up = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ignored) {
                    return;
                }
                cluster.broker(2).setUp();
            });
            long start = System.nanoTime();
            c.seek(Map.of(P0, 10L), Duration.ofSeconds(30)); // retries until the partition fetches
            assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(500), "it waited for the coordinator");
            up.join();
            assertEquals(Map.of(P0, 10L), firstOffsets(c, 90));
        } finally {
            cluster.broker(2).setUp();
        }
    }

    @Test
    void assignWithOffsetsNeedsNoCoordinator() {
        String group = "assign-coordinator-down";
        cluster.setGroupCoordinator(group, 2);
        cluster.broker(2).setDown();
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, group).enableAutoCommit(false))) {
            c.assign(Map.of(P2, 60L));
            assertEquals(Map.of(P2, 60L), firstOffsets(c, 40));
            c.seek(Map.of(P2, 70L), Duration.ofSeconds(5)); // started: seek works at once
            assertEquals(Map.of(P2, 70L), firstOffsets(c, 30));
        } finally {
            cluster.broker(2).setUp();
        }
    }

    @Test
    void seekInOnPartitionsAssignedWorks() {
        Map<TopicPartition, Long> seekTo = Map.of(P0, 80L, P1, 85L, P2, 90L);
        Map<TopicPartition, Throwable> failures = new ConcurrentHashMap<>();
        RebalanceListener listener = new RebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer consumer, java.util.Collection<TopicPartition> partitions) {
                for (TopicPartition tp : partitions) {
                    try {
                        consumer.seek(tp, seekTo.get(tp));
                    } catch (RuntimeException e) {
                        failures.put(tp, e);
                    }
                }
            }
        };
        cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "seek-in-listener"),
                ConsumerOptions.defaults().withRebalanceListener(listener))) {
            c.subscribe(List.of(TOPIC));
            Map<TopicPartition, Long> first = firstOffsets(c, 20 + 15 + 10);
            assertEquals(Map.of(), failures);
            assertEquals(seekTo, first);
        }
    }

    @Test
    void seekRefusesWhatItCannotDo() {
        try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
            c.assign(Map.of(P0, 0L));
            ConsumerTestSupport.consume(c, 1, 30);
            PartitionErrorsException e = assertThrows(PartitionErrorsException.class,
                    () -> c.seek(Map.of(P0, 5L, P1, 5L), Duration.ofSeconds(5)));
            assertEquals(Set.of(P1), e.partitionErrors().keySet(), e.getMessage());
            assertTrue(e.getMessage().contains("not assigned"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.seek(P0, Consumer.OFFSET_STORED));
            assertEquals(Map.of(P0, 5L), firstOffsets(c, 1), "P0 was moved");
        }
    }
}
