package dev.jrdkafka.faults;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.testkit.invariants.GroupProgressCheck;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a consumer-group scenario on a fresh 3-broker mock cluster: n messages are produced
 * first, then the group reads them, committing each batch (auto-commit off) and checking
 * with a {@link GroupProgressCheck} that nothing is skipped and that only uncommitted work
 * is read twice. Faults fire as the records read pass each step's mark. All members are
 * polled from this one thread, in turn.
 */
final class GroupRun {
    static final String GROUP = "faults-group";
    private static final int BATCH = 500;
    private static final long PACE_MS = 8;

    private GroupRun() {}

    static Outcome run(Scenario s, int n) throws Exception {
        long started = System.nanoTime();
        int partitions = ProducerRun.PARTITIONS;
        String topic = ProducerRun.TOPIC;
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic(topic, partitions, 3);
            for (int p = 0; p < partitions; p++) cluster.setPartitionLeader(topic, p, p % 3 + 1);
            cluster.setGroupCoordinator(GROUP, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ofMillis(100));
            produce(cluster.bootstrapServers(), topic, partitions, n);
            long[] end = new long[partitions];
            for (int i = 0; i < n; i++) end[i % partitions]++;
            GroupProgressCheck check = new GroupProgressCheck(end);
            KafkaConfig config = s.config().apply(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                    .groupId(GROUP).enableAutoCommit(false).set("auto.offset.reset", "earliest").set("log_level", 2L)
                    // The mock's classic group waits up to the session timeout less 1 s for members
                    // to rejoin a rebalance (rdkafka_mock_cgrp.c): 6 s, not the default 45 s.
                    .sessionTimeoutMs(6000));
            List<Consumer> members = new ArrayList<>();
            int commitFailures = 0;
            int commitTimeouts = 0;
            int pollErrors = 0;
            boolean crashed = false;
            boolean joined = false;
            boolean left = false;
            try (Progress progress = new Progress(s.steps(), cluster, topic)) {
                members.add(member(config, topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!check.complete()) {
                    if (System.nanoTime() - deadline > 0) throw new AssertionError(s + ": group stuck: " + check.summary());
                    double fraction = (double) (n - check.missing()) / n;
                    progress.reach(fraction);
                    if (s.role() == Scenario.Role.GROUP_CRASH && !crashed && fraction >= 0.4) {
                        crashed = crashWithUncommittedWork(members.removeFirst(), check);
                        members.add(member(config, topic));
                    }
                    if (s.role() == Scenario.Role.GROUP_REBALANCE && !joined && fraction >= 0.3) {
                        joined = members.add(member(config, topic));
                    }
                    if (s.role() == Scenario.Role.GROUP_REBALANCE && !left && fraction >= 0.7) {
                        members.removeLast().close(Duration.ofSeconds(10));
                        left = true;
                    }
                    for (Consumer m : members) {
                        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                        try (RecordBatch batch = m.pollBatch(BATCH, Duration.ofMillis(20))) {
                            for (int i = 0; i < batch.size(); i++) {
                                int p = batch.partition(i);
                                check.consumed(p, batch.offset(i));
                                next.put(new TopicPartition(topic, p), new OffsetAndMetadata(batch.offset(i) + 1));
                            }
                        } catch (KafkaException e) {
                            if (e.isFatal()) throw e;
                            pollErrors++;
                        }
                        if (next.isEmpty()) continue;
                        try {
                            m.commitSync(next);
                            next.forEach((tp, o) -> check.committed(tp.partition(), o.offset()));
                        } catch (KafkaException e) {
                            commitFailures++; // that work stays uncommitted: a later owner may read it again
                            if (e.error() == KafkaError._TIMED_OUT) commitTimeouts++; // no reply within commitSync's bound
                        }
                    }
                    Thread.sleep(PACE_MS);
                }
                progress.finish();
            } finally {
                for (Consumer m : members) m.close(Duration.ofSeconds(10));
            }
            check.assertNothingSkippedNothingCommittedReread();
            if (s.role() == Scenario.Role.GROUP_CRASH && check.reread() == 0) {
                throw new AssertionError(s + ": the crashed member's uncommitted batch was not read again: " + check.summary());
            }
            Map<String, Integer> outcomes = new java.util.TreeMap<>();
            outcomes.put("commit failures", commitFailures);
            if (commitTimeouts > 0) outcomes.put("commit timeouts", commitTimeouts);
            outcomes.put("poll errors", pollErrors);
            return new Outcome(s.name(), s.role().name(), n, check.records(), check.missing(), 0, check.skipped(), 0,
                    check.reread(), outcomes, null, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static Consumer member(KafkaConfig config, String topic) {
        Consumer c = Consumer.create(config.copy());
        c.subscribe(List.of(topic));
        return c;
    }

    /** Reads one non-empty batch without committing it, then leaves (as a crash after processing would). */
    private static boolean crashWithUncommittedWork(Consumer member, GroupProgressCheck check) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                try (RecordBatch batch = member.pollBatch(BATCH, Duration.ofMillis(100))) {
                    for (int i = 0; i < batch.size(); i++) check.consumed(batch.partition(i), batch.offset(i));
                    if (batch.size() > 0) return true;
                } catch (KafkaException e) {
                    if (e.isFatal()) throw e;
                }
            }
            throw new AssertionError("the member to crash read nothing in 30 s");
        } finally {
            member.close(Duration.ofSeconds(10));
        }
    }

    private static void produce(String bootstrap, String topic, int partitions, int n) {
        try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(bootstrap).lingerMs(5).set("log_level", 3L))) {
            byte[] value = new byte[16];
            for (int i = 0; i < n; i++) {
                ByteBuffer.wrap(value).putLong(0, i);
                p.produce(topic, i % partitions, null, value, i);
            }
            p.flush(Duration.ofSeconds(60));
            if (p.outstanding() != 0) throw new AssertionError(p.outstanding() + " messages not delivered before the group run");
        }
    }
}
