package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.Acks;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.testkit.KafkaCluster;
import dev.jrdkafka.testkit.invariants.DeliveryLedger;
import dev.jrdkafka.testkit.invariants.GroupProgressCheck;
import dev.jrdkafka.testkit.invariants.LogCheck;
import dev.jrdkafka.testkit.invariants.TransactionCheck;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults on a real 3-node KRaft cluster (testkit's {@link KafkaCluster}: replication 3,
 * min.insync.replicas=2): kill -9 of a partition leader under an idempotent producer
 * (acks=all) and under transactions read back with read_committed, and a broker frozen with
 * SIGSTOP past the broker and consumer session timeouts under a committing consumer group.
 * Each over {@value #DEFAULT_MESSAGES} messages (system property jrdkafka.faults.messages),
 * checked with testkit's invariant checkers. Figures go to
 * {@code target/faults-cluster.md} for RELIABILITY.md.
 */
@Timeout(240)
class ClusterFaultsIT {
    static final int DEFAULT_MESSAGES = 100_000;
    static final int PARTITIONS = 3;
    static final int N = Integer.getInteger("jrdkafka.faults.messages", DEFAULT_MESSAGES);
    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.builder().logDirectory(Path.of("target", "failsafe-reports", "cluster")).start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    private static KafkaConfig config() {
        return KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).set("log_level", 3L);
    }

    /** Produces message {@code i}; false if the producer refused it (that refusal is its outcome). */
    private static boolean produceId(Producer producer, DeliveryLedger ledger, String topic, byte[] value, int i) {
        ByteBuffer.wrap(value).putLong(0, i);
        try {
            producer.produce(topic, i % PARTITIONS, null, value, i);
            return true;
        } catch (KafkaException refused) {
            ledger.report(i, false, "refused:" + refused.error().name(), DeliveryLedger.NOT_PERSISTED);
            return false;
        }
    }

    @Test
    void idempotentProducerKeepsExactlyOnceInOrderWhenTheLeaderIsKilledAndRestarted() throws Exception {
        String topic = "kill-leader";
        cluster.createTopic(topic, PARTITIONS, 3, Map.of());
        long started = System.nanoTime();
        DeliveryLedger ledger = new DeliveryLedger(N);
        int killed = -1;
        KafkaConfig config = config().enableIdempotence(true).acks(Acks.ALL).lingerMs(5);
        ProducerOptions options = ProducerOptions.defaults().withQueueFullTimeout(Duration.ofSeconds(120))
                .withDeliveryListener(r -> ledger.report(r.opaque(), r.succeeded(), r.error().name(),
                        r.persistenceStatus().name()));
        try (Producer producer = Producer.create(config, options)) {
            byte[] value = new byte[16];
            for (int i = 0; i < N; i++) {
                if (i == N * 3 / 10) {
                    killed = cluster.leader(topic, 0);
                    cluster.kill(killed);
                }
                if (i == N * 6 / 10) cluster.restart(killed);
                produceId(producer, ledger, topic, value, i);
                if (i % 1000 == 999) Thread.sleep(20);
            }
            producer.flush(Duration.ofSeconds(120));
        }
        ledger.assertOneOutcomePerMessage();
        assertEquals(N, ledger.deliveredCount(), ledger.summary());
        LogCheck log = new LogCheck(ledger, PARTITIONS);
        ClusterReads.readAll(cluster.bootstrapServers(), topic, PARTITIONS, "read_uncommitted", log::consumed);
        log.assertExactlyOnceInOrder();
        record("kill -9 the leader of partition 0 (node " + killed + ") at 30%, restart at 60%", "idempotent, acks=all",
                log.records(), log.lost(), log.duplicated(), log.outOfOrder(), ledger.outcomes().toString(), started);
    }

    @Test
    void committingGroupSkipsNothingWhenTheCoordinatorIsPausedPastTheSessionTimeout() throws Exception {
        String topic = "pause-group";
        String group = "pause-group";
        cluster.createTopic(topic, PARTITIONS, 3, Map.of());
        long started = System.nanoTime();
        try (Producer p = Producer.create(config().acks(Acks.ALL).lingerMs(5))) {
            byte[] value = new byte[16];
            for (int i = 0; i < N; i++) {
                ByteBuffer.wrap(value).putLong(0, i);
                p.produce(topic, i % PARTITIONS, null, value, i);
            }
            p.flush(Duration.ofSeconds(60));
            assertEquals(0, p.outstanding(), "pre-produced");
        }
        long[] end = new long[PARTITIONS];
        for (int i = 0; i < N; i++) end[i % PARTITIONS]++;
        GroupProgressCheck check = new GroupProgressCheck(end);
        KafkaConfig consumerConfig = config().groupId(group).enableAutoCommit(false).set("auto.offset.reset", "earliest")
                .sessionTimeoutMs(6000).set("heartbeat.interval.ms", 1000L);
        int paused = -1;
        Thread thaw = null;
        java.util.concurrent.atomic.AtomicBoolean resumed = new java.util.concurrent.atomic.AtomicBoolean();
        int commitFailures = 0;
        try (Consumer consumer = Consumer.create(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (!check.complete() || !resumed.get()) {
                if (System.nanoTime() - deadline > 0) throw new AssertionError("group stuck: " + check.summary());
                if (paused < 0 && check.records() >= N * 3L / 10) {
                    // One partition of __consumer_offsets: its leader is the group's coordinator.
                    int node = cluster.leader("__consumer_offsets", 0);
                    paused = node;
                    cluster.pause(node);
                    // The fault heals on its own clock, whatever the consumer is blocked in.
                    thaw = Thread.ofPlatform().name("thaw-node-" + node).start(() -> {
                        try {
                            Thread.sleep(9_000);
                            cluster.resume(node);
                            resumed.set(true);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                try (RecordBatch batch = consumer.pollBatch(500, Duration.ofMillis(50))) {
                    for (int i = 0; i < batch.size(); i++) {
                        check.consumed(batch.partition(i), batch.offset(i));
                        next.put(new TopicPartition(topic, batch.partition(i)), new OffsetAndMetadata(batch.offset(i) + 1));
                    }
                } catch (KafkaException e) {
                    if (e.isFatal()) throw e;
                }
                if (!next.isEmpty()) {
                    try {
                        consumer.commitSync(next);
                        next.forEach((tp, o) -> check.committed(tp.partition(), o.offset()));
                    } catch (KafkaException e) {
                        commitFailures++;
                    }
                }
                Thread.sleep(15);
            }
        }
        if (thaw != null) thaw.join(60_000);
        check.assertNothingSkippedNothingCommittedReread();
        assertTrue(paused > 0 && resumed.get(), "the coordinator was paused and resumed");
        record("SIGSTOP the group coordinator (node " + paused + ") at 30% for 9 s (broker session 3 s, consumer session 6 s)",
                "committing group", check.records(), check.missing(), 0, check.skipped(),
                "re-read (uncommitted) " + check.reread() + ", commit failures " + commitFailures, started);
    }

    @Test
    void readCommittedNeverSeesAbortedTransactionsAcrossALeaderKill() throws Exception {
        String topic = "txn-kill";
        cluster.createTopic(topic, PARTITIONS, 3, Map.of());
        long started = System.nanoTime();
        int size = Math.max(1, N / 100);
        TransactionCheck check = new TransactionCheck(N);
        DeliveryLedger reports = new DeliveryLedger(N);
        int killed = -1;
        int failedCommits = 0;
        KafkaConfig config = config().transactionalId("txn-kill").lingerMs(5);
        ProducerOptions options = ProducerOptions.defaults().withQueueFullTimeout(Duration.ofSeconds(120))
                .withDeliveryListener(r -> reports.report(r.opaque(), r.succeeded(), r.error().name(),
                        r.persistenceStatus().name()));
        try (Producer producer = Producer.create(config, options)) {
            producer.initTransactions(Duration.ofSeconds(60));
            byte[] value = new byte[16];
            for (int from = 0, txn = 0; from < N; from += size, txn++) {
                int to = Math.min(N, from + size);
                if (from >= N * 4 / 10 && killed < 0) {
                    killed = cluster.leader(topic, 0);
                    cluster.kill(killed);
                }
                if (from >= N * 6 / 10 && killed > 0 && !cluster.node(killed).isAlive()) cluster.restart(killed);
                producer.beginTransaction();
                boolean refused = false;
                for (int i = from; i < to; i++) refused |= !produceId(producer, reports, topic, value, i);
                boolean commit = txn % 3 != 2 && !refused; // every third transaction is aborted on purpose
                if (commit) {
                    try {
                        producer.commitTransaction(Duration.ofSeconds(60));
                    } catch (KafkaException e) {
                        if (!e.transactionRequiresAbort()) throw e;
                        commit = false;
                        failedCommits++;
                    }
                }
                if (!commit) {
                    producer.flush(Duration.ofSeconds(60)); // in the log before the abort: read_committed must skip them
                    producer.abortTransaction(Duration.ofSeconds(60));
                }
                if (commit) check.committed(from, to);
                else check.aborted(from, to);
            }
        }
        reports.assertOneOutcomePerMessage();
        long uncommitted = ClusterReads.readAll(cluster.bootstrapServers(), topic, PARTITIONS, "read_uncommitted",
                (p, o, id) -> { });
        ClusterReads.readAll(cluster.bootstrapServers(), topic, PARTITIONS, "read_committed", (p, o, id) -> check.consumed(id));
        check.assertReadCommitted();
        assertTrue(uncommitted > check.committedCount(),
                "the aborted records are in the log (read_uncommitted sees " + uncommitted + ")");
        record("transactions (every third aborted), kill -9 the leader of partition 0 (node " + killed + ") at 40%, restart at 60%",
                "transactional + read_committed", check.committedCount() + check.abortedCount(), check.missing(), 0, 0,
                "aborted " + check.abortedCount() + " (" + failedCommits + " by the fault), aborted seen " + check.abortedSeen()
                        + ", read_uncommitted saw " + uncommitted, started);
    }

    private static synchronized void record(String fault, String client, long verified, long lost, long duplicated,
                                            long disorder, String notes, long started) throws java.io.IOException {
        Path file = Path.of("target", "faults-cluster.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "| " + fault + " | " + client + " | " + N + " | " + verified + " | " + lost + " | "
                        + duplicated + " | " + disorder + " | " + notes + " | " + (System.nanoTime() - started) / 1_000_000 + " |\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
