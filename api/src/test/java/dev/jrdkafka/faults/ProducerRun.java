package dev.jrdkafka.faults;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.testkit.invariants.DeliveryLedger;
import dev.jrdkafka.testkit.invariants.LogCheck;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Runs a producer scenario on a fresh 3-broker mock cluster: produces messages
 * {@code 0..n-1} (16 bytes, the id first) round-robin over the partitions, paced so that the
 * faults land while it works, then reads the topic back. Each message's id is its opaque
 * value, so every report lands in the {@link DeliveryLedger}; a message the producer refuses
 * outright (e.g. after a fatal error) is recorded there as its outcome too.
 */
final class ProducerRun {
    static final String TOPIC = "faults";
    static final int PARTITIONS = 6;
    private static final int CHUNKS = 100;
    private static final long PACE_MS = 15;

    private ProducerRun() {}

    static Outcome run(Scenario s, int n) throws Exception {
        long started = System.nanoTime();
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic(TOPIC, PARTITIONS, 3);
            for (int p = 0; p < PARTITIONS; p++) cluster.setPartitionLeader(TOPIC, p, p % 3 + 1);
            DeliveryLedger reports = new DeliveryLedger(n);
            KafkaConfig config = s.config().apply(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                    .lingerMs(5).set("log_level", 2L));
            switch (s.role()) {
                case IDEMPOTENT -> config.enableIdempotence(true);
                case TRANSACTIONAL -> config.transactionalId("faults-txn");
                default -> { }
            }
            ProducerOptions options = ProducerOptions.defaults().withQueueFullTimeout(Duration.ofSeconds(60))
                    .withDeliveryListener(r -> reports.report(r.opaque(), r.succeeded(), r.error().name(),
                            r.persistenceStatus().name()));
            DeliveryLedger inLog; // what the log must hold: the reports, or for transactions their outcome
            String fatal;
            try (Progress progress = new Progress(s.steps(), cluster, TOPIC);
                 Producer producer = Producer.create(config, options)) {
                inLog = s.role() == Scenario.Role.TRANSACTIONAL
                        ? transactional(producer, progress, reports, n)
                        : plain(producer, progress, reports, n);
                progress.finish();
                producer.flush(Duration.ofSeconds(60));
                fatal = producer.fatalError().map(e -> e.error().name()).orElse(null);
            }
            reports.assertOneOutcomePerMessage();
            LogCheck log = new LogCheck(inLog, PARTITIONS);
            ReadBack.read(cluster.bootstrapServers(), TOPIC, PARTITIONS, log, KafkaConfig.create(),
                    s.role() == Scenario.Role.TRANSACTIONAL);
            return new Outcome(s.name(), s.role().name(), n, log.records(), log.lost(), log.duplicated(), log.outOfOrder(),
                    reports.failedCount(), 0, reports.outcomes(), fatal, (System.nanoTime() - started) / 1_000_000)
                    .verify(s, log);
        }
    }

    private static DeliveryLedger plain(Producer producer, Progress progress, DeliveryLedger reports, int n)
            throws InterruptedException {
        byte[] value = new byte[16];
        int chunk = Math.max(1, n / CHUNKS);
        for (int i = 0; i < n; i++) {
            progress.reach((double) i / n);
            send(producer, reports, value, i);
            if (i % chunk == chunk - 1) Thread.sleep(PACE_MS);
        }
        return reports;
    }

    /**
     * Transactions of n/50 messages each. A commit that fails with an abortable error is
     * aborted; the log ledger records each message as its transaction ended.
     */
    private static DeliveryLedger transactional(Producer producer, Progress progress, DeliveryLedger reports, int n)
            throws Exception {
        DeliveryLedger outcome = new DeliveryLedger(n);
        producer.initTransactions(Duration.ofSeconds(30));
        byte[] value = new byte[16];
        int size = Math.max(1, n / 50);
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            producer.beginTransaction();
            boolean refused = false;
            for (int i = from; i < to; i++) {
                progress.reach((double) i / n);
                refused |= !send(producer, reports, value, i);
                if (i % (size / 2 + 1) == 0) Thread.sleep(PACE_MS);
            }
            boolean committed = !refused && commit(producer);
            if (!committed) producer.abortTransaction(Duration.ofSeconds(30));
            for (int i = from; i < to; i++) outcome.report(i, committed, "ABORTED", committed ? "PERSISTED" : "ABORTED");
        }
        return outcome;
    }

    private static boolean commit(Producer producer) {
        for (int attempt = 0; ; attempt++) {
            try {
                producer.commitTransaction(Duration.ofSeconds(30));
                return true;
            } catch (KafkaException e) {
                if (e.transactionRequiresAbort()) return false;
                if (!e.isRetriable() || attempt == 5) throw e;
            }
        }
    }

    /** Produces message {@code i}; false if the producer refused it (recorded as its outcome). */
    private static boolean send(Producer producer, DeliveryLedger reports, byte[] value, int i) {
        ByteBuffer.wrap(value).putLong(0, i);
        try {
            producer.produce(TOPIC, i % PARTITIONS, null, value, i);
            return true;
        } catch (KafkaException refused) {
            reports.report(i, false, "refused:" + refused.error().name(), DeliveryLedger.NOT_PERSISTED);
            return false;
        }
    }
}
