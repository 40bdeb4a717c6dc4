package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three members over a 12-partition topic, joining one after another and one leaving, under
 * each rebalance protocol, committing after every poll and on revocation.
 *
 * <p>At-least-once accounting, precisely: every record is consumed at least once, and a
 * record is consumed again only if its offset had not been committed yet. A commit can fail
 * during a rebalance (librdkafka's mock coordinator refuses OffsetCommit while the group is
 * JOINING, where a real broker accepts it), so records consumed after the last successful
 * commit of a partition may be delivered again to its next owner; a record below a
 * successfully committed offset never is.
 */
class ConsumerGroupTest {
    static final int PARTITIONS = 12;
    static final int RECORDS = 100_000;
    /**
     * member-1 leaves once it consumed this many records itself: so it leaves mid-stream and
     * only after it took part, however long the rebalances take (a classic-protocol rebalance
     * on the mock waits up to session.timeout.ms - 1 s for members to rejoin).
     */
    static final long LEAVE_AFTER_RECORDS = 5_000;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"eager,classic,range", "cooperative,classic,cooperative-sticky", "kip848,consumer,none"})
    void membersJoiningAndLeavingConsumeEveryRecordExactlyOnce(String name, String protocol, String assignor) throws Exception {
        try (MockCluster cluster = MockCluster.start(3)) {
            String topic = "group-" + name;
            cluster.createTopic(topic, PARTITIONS, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>(); // partition << 32 | offset
            Map<Integer, Long> committed = new ConcurrentHashMap<>();   // highest offset committed per partition
            List<String> violations = new CopyOnWriteArrayList<>();
            List<String> events = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> members = new ArrayList<>();
            try (Producer producer = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                    .lingerMs(5), ProducerOptions.defaults())) {
                for (int i = 0; i < RECORDS; i++) producer.produce(topic, i % PARTITIONS, null, new byte[] {(byte) i}, i);
                producer.flush(Duration.ofSeconds(30));
            }
            for (int m = 0; m < 3; m++) {
                int member = m;
                KafkaConfig config = KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).groupId("g-" + name)
                        .set("group.protocol", protocol).set("auto.offset.reset", "earliest")
                        .set("enable.auto.commit", "false").set("log_level", 3L);
                if (!assignor.equals("none")) config.set("partition.assignment.strategy", assignor).set("session.timeout.ms", "6000");
                Thread t = Thread.ofPlatform().name("member-" + m).start(() -> runMember(member, config, topic, seen,
                        committed, violations, events, stop, member == 1 ? LEAVE_AFTER_RECORDS : Long.MAX_VALUE));
                members.add(t);
                Thread.sleep(1_500); // join one after another, while records are being consumed
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (seen.size() < RECORDS && System.nanoTime() < deadline) Thread.sleep(50);
            stop.set(true);
            for (Thread t : members) t.join(60_000);
            org.slf4j.LoggerFactory.getLogger(ConsumerGroupTest.class).info("{}: {}", name, events);
            assertEquals(RECORDS, seen.size(), "every record consumed at least once; events: " + events);
            assertTrue(violations.isEmpty(), violations.size() + " records consumed again below a committed offset, e.g. "
                    + violations.stream().limit(5).toList() + "; events: " + events);
            assertTrue(events.stream().filter(e -> e.contains(" assigned ")).count() >= 3, "rebalances happened: " + events);
            // The premise: members got partitions, and one left, while records remained.
            for (String m : List.of("member-1", "member-2")) {
                assertTrue(events.stream().filter(e -> e.startsWith(m + " assigned ")).map(e -> e.split(" "))
                        .anyMatch(w -> Integer.parseInt(w[2]) > 0 && Long.parseLong(w[5]) < RECORDS), m + " got partitions mid-stream: " + events);
            }
            long leftAt = events.stream().filter(e -> e.startsWith("member-1 leaves after "))
                    .mapToLong(e -> Long.parseLong(e.split(" ")[3])).findFirst().orElse(-1);
            assertTrue(leftAt >= 0 && leftAt < RECORDS, "member-1 left mid-stream: " + leftAt + "; events: " + events);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits the positions of the assignment and, on success, records them as committed. */
    private static void commit(Consumer c, Map<Integer, Long> committed) {
        Map<TopicPartition, Long> positions = c.position(c.assignment());
        c.commitSync();
        positions.forEach((tp, offset) -> {
            if (offset >= 0) committed.merge(tp.partition(), offset, Math::max);
        });
    }

    private static void runMember(int member, KafkaConfig config, String topic, Map<Long, AtomicInteger> seen,
                                  Map<Integer, Long> committed, List<String> violations, List<String> events,
                                  AtomicBoolean stop, long leaveAfterRecords) {
        RebalanceListener listener = new RebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer c, Collection<TopicPartition> partitions) {
                events.add("member-" + member + " assigned " + partitions.size() + " (" + c.rebalanceProtocol() + ") at " + seen.size());
            }

            @Override
            public void onPartitionsRevoked(Consumer c, Collection<TopicPartition> partitions) {
                events.add("member-" + member + " revoked " + partitions.size());
                if (!partitions.isEmpty()) commit(c, committed);
            }
        };
        long own = 0;
        try (Consumer consumer = Consumer.create(config, ConsumerOptions.defaults().withRebalanceListener(listener))) {
            consumer.subscribe(List.of(topic));
            while (!stop.get() && own < leaveAfterRecords) {
                try (RecordBatch batch = consumer.pollBatch(100, Duration.ofMillis(100))) {
                    own += batch.size();
                    for (RecordView v : batch) {
                        Long done = committed.get(v.partition());
                        int times = seen.computeIfAbsent(((long) v.partition() << 32) | v.offset(), k -> new AtomicInteger())
                                .incrementAndGet();
                        if (times > 1 && done != null && v.offset() < done) violations.add(v.partition() + "@" + v.offset());
                    }
                    if (!batch.isEmpty()) {
                        try {
                            commit(consumer, committed);
                        } catch (dev.jrdkafka.KafkaException e) {
                            // e.g. REBALANCE_IN_PROGRESS: normal while the group changes; the
                            // revoke-time commit covers these offsets.
                            String event = "member-" + member + " commit failed: " + e.error();
                            if (!events.contains(event)) events.add(event);
                        }
                    }
                }
                sleep(20); // <= 5,000 records/s per member, so members join and leave mid-stream
            }
            if (!stop.get()) events.add("member-" + member + " leaves after " + seen.size() + " records");
        }
    }
}
