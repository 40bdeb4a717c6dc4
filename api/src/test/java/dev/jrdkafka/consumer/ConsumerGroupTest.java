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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three members over a 12-partition topic, joining one after another and one leaving, under
 * each rebalance protocol. Accounting: every member commits its positions when partitions
 * are revoked (and after each poll), so every record is consumed at least once, and no
 * record is consumed twice — a second delivery could only come from a partition handed over
 * before its consumed offsets were committed, which the revoke-time commit rules out.
 */
class ConsumerGroupTest {
    static final int PARTITIONS = 12;
    static final int RECORDS = 30_000;

    @Disabled("Group mode is unfinished (issue 15 is open): measured 2026-11-25, under pollBatch the first member "
            + "never sees its revocation when others join (classic protocol: endless REBALANCE_IN_PROGRESS), and with "
            + "single-record poll rebalances happen but 2,600-3,600 records are consumed twice after revocations "
            + "(KIP-848 passed). Enable once the Consumer's group path is fixed.")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"eager,classic,range", "cooperative,classic,cooperative-sticky", "kip848,consumer,none"})
    void membersJoiningAndLeavingConsumeEveryRecordExactlyOnce(String name, String protocol, String assignor) throws Exception {
        try (MockCluster cluster = MockCluster.start(3)) {
            String topic = "group-" + name;
            cluster.createTopic(topic, PARTITIONS, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>(); // partition << 32 | offset
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
                        events, stop, member == 1 ? 4_000 : Long.MAX_VALUE));
                members.add(t);
                Thread.sleep(1_500); // join one after another, while records are being consumed
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (seen.size() < RECORDS && System.nanoTime() < deadline) Thread.sleep(50);
            stop.set(true);
            for (Thread t : members) t.join(60_000);
            assertEquals(RECORDS, seen.size(), "every record consumed at least once; events: " + events);
            List<Long> twice = seen.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList();
            assertTrue(twice.isEmpty(), twice.size() + " records consumed more than once; events: " + events);
            assertTrue(events.stream().anyMatch(e -> e.startsWith("member-1 revoked")), "member 1 left: " + events);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runMember(int member, KafkaConfig config, String topic, Map<Long, AtomicInteger> seen,
                                  List<String> events, AtomicBoolean stop, long leaveAfterMs) {
        RebalanceListener listener = new RebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer c, Collection<TopicPartition> partitions) {
                events.add("member-" + member + " assigned " + partitions.size() + " (" + c.rebalanceProtocol() + ")");
            }

            @Override
            public void onPartitionsRevoked(Consumer c, Collection<TopicPartition> partitions) {
                events.add("member-" + member + " revoked " + partitions.size());
                if (!partitions.isEmpty()) c.commitSync();
            }
        };
        long start = System.nanoTime();
        try (Consumer consumer = Consumer.create(config, ConsumerOptions.defaults().withRebalanceListener(listener))) {
            consumer.subscribe(List.of(topic));
            while (!stop.get() && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(leaveAfterMs)) {
                try (RecordBatch batch = consumer.pollBatch(50, Duration.ofMillis(100))) {
                    for (RecordView v : batch) {
                        seen.computeIfAbsent(((long) v.partition() << 32) | v.offset(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    if (!batch.isEmpty()) {
                        try {
                            consumer.commitSync();
                        } catch (dev.jrdkafka.KafkaException e) {
                            // e.g. REBALANCE_IN_PROGRESS: normal while the group changes; the
                            // revoke-time commit covers these offsets.
                            String event = "member-" + member + " commit failed: " + e.error();
                            if (!events.contains(event)) events.add(event);
                        }
                    }
                }
                sleep(20); // ~2,500 records/s per member, so members join and leave mid-stream
            }
        }
    }
}
