package dev.jrdkafka.examples;

import dev.jrdkafka.OffsetAndMetadata;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transactional producer in the consume-transform-produce shape: the records it writes and
 * the input offsets it has consumed are committed together, or not at all. (There is no
 * consumer here: the example pretends it read records 0..4, then 5..9, of an input topic.)
 *
 * <ol>
 *   <li>{@code transactional.id} makes the producer transactional (and idempotent);
 *       {@code initTransactions} registers it with the transaction coordinator once, fencing
 *       any older producer with the same id;</li>
 *   <li>the first transaction produces 5 records, adds the consumed input offsets with
 *       {@code sendOffsetsToTransaction}, and commits;</li>
 *   <li>the second transaction does the same but is aborted: its records are never seen by
 *       {@code isolation.level=read_committed} consumers, and its offsets are not committed.</li>
 * </ol>
 *
 * <p><b>Errors</b> are classified by librdkafka, and each class has one right reaction (as in
 * librdkafka's {@code examples/transactions.c}):
 * <ul>
 *   <li>{@link KafkaException#isRetriable()}: call the same operation again;</li>
 *   <li>{@link KafkaException#transactionRequiresAbort()}: abort the transaction, rewind the
 *       input to the last committed offsets, and redo the work in a new transaction;</li>
 *   <li>{@link KafkaException#isFatal()} (e.g. fenced by a newer instance), or anything else:
 *       the producer cannot go on; close it.</li>
 * </ul>
 *
 * <p>Usage: {@code TransactionalProducer [bootstrap.servers]}; without servers it starts an
 * embedded mock cluster. On a real cluster the input topic must exist (it is created on the
 * mock). Exits 1 if the first transaction could not be committed.
 */
public final class TransactionalProducer {
    private static final String INPUT_TOPIC = "jrdkafka-example-txn-input";
    private static final String OUTPUT_TOPIC = "jrdkafka-example-txn-output";
    private static final String GROUP_ID = "jrdkafka-example-txn-group";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int RETRIES = 3;

    private TransactionalProducer() {}

    public static void main(String[] args) {
        try (MockCluster mock = args.length == 0 ? MockCluster.start(3) : null) {
            String bootstrap = mock != null ? mock.bootstrapServers() : args[0];
            if (mock != null) {
                System.out.println("no bootstrap servers given: using an embedded mock cluster at " + bootstrap);
                // Offsets are committed for an input topic that must exist.
                mock.createTopic(INPUT_TOPIC, 1, 3);
            }

            KafkaConfig config = KafkaConfig.create()
                    .bootstrapServers(bootstrap)
                    .clientId("transactional-example")
                    .transactionalId("jrdkafka-example-txn"); // keep it stable across restarts of this application

            int committed = 0;
            boolean ok;
            try (Producer producer = Producer.create(config)) {
                retrying("initTransactions", () -> producer.initTransactions(TIMEOUT));

                // Transaction 1: input records 0..4 -> 5 output records, committed.
                ok = transaction(producer, 0, 5, true);
                if (ok) committed += 5;

                // Transaction 2: input records 5..9, aborted (say, a downstream check failed).
                // The group's committed input offset stays at 5, so a restarted application
                // would process records 5..9 again.
                ok &= transaction(producer, 5, 5, false);
            } catch (KafkaException e) {
                // Fatal (or unclassified) errors: the producer is closed by try-with-resources.
                System.err.println("giving up: " + e.error() + " (fatal: " + e.isFatal() + "): " + e.getMessage());
                ok = false;
            }

            System.out.println("done: " + committed + " delivered in committed transactions");
            if (!ok) System.exit(1);
        }
    }

    /**
     * Produces the transformation of input records {@code first .. first+count-1} and commits
     * them with the input offsets, or aborts. Returns whether it went as asked.
     *
     * @throws KafkaException for errors after which the producer cannot go on
     */
    private static boolean transaction(Producer producer, long first, int count, boolean commit) {
        String name = commit ? "transaction 1" : "transaction 2";
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try {
            producer.beginTransaction();
            for (long i = first; i < first + count; i++) {
                long n = i;
                byte[] value = ("transformed input record " + i).getBytes(UTF_8);
                producer.send(new ProducerRecord(OUTPUT_TOPIC, ("key-" + i).getBytes(UTF_8), value), (metadata, error) -> {
                    if (error == null) {
                        delivered.incrementAndGet();
                        System.out.println(name + ": record " + n + " -> " + metadata);
                    } else {
                        // A record that fails makes the transaction abortable: the commit will throw.
                        failed.incrementAndGet();
                        System.out.println(name + ": record " + n + " not written: " + error.error());
                    }
                });
            }

            // The consumed input, committed for the group with the transaction: the offset of
            // the next record to read. With a real consumer, pass its groupMetadata() instead.
            Map<TopicPartition, OffsetAndMetadata> consumed = Map.of(new TopicPartition(INPUT_TOPIC, 0),
                    new OffsetAndMetadata(first + count));
            retrying("sendOffsetsToTransaction",
                    () -> producer.sendOffsetsToTransaction(consumed, ConsumerGroupMetadata.forGroup(GROUP_ID), TIMEOUT));

            if (commit) {
                // Flushes the records, then commits records and offsets atomically.
                retrying("commitTransaction", () -> producer.commitTransaction(TIMEOUT));
                System.out.println(name + ": committed " + delivered.get() + " records and input offset " + (first + count));
                return true;
            }
            // Aborting purges records not sent yet (their reports fail with _PURGE_QUEUE); this
            // example flushes first, to show that records already written are aborted too.
            producer.flush(TIMEOUT);
            retrying("abortTransaction", () -> producer.abortTransaction(TIMEOUT));
            System.out.println(name + ": aborted; read_committed consumers skip its " + delivered.get() + " written records"
                    + (failed.get() > 0 ? " (" + failed.get() + " more were purged unsent)" : ""));
            return true;
        } catch (KafkaException e) {
            if (!e.transactionRequiresAbort()) throw e; // fatal or unclassified: the caller closes the producer
            System.out.println(name + ": " + e.error() + " requires an abort: " + e.getMessage());
            retrying("abortTransaction", () -> producer.abortTransaction(TIMEOUT));
            // Here a real application would seek its consumer back to the committed offsets
            // and process the input again, in a new transaction.
            return !commit;
        }
    }

    /** Runs {@code operation}, again while librdkafka says the error is retriable. */
    private static void retrying(String name, Runnable operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                operation.run();
                return;
            } catch (KafkaException e) {
                if (!e.isRetriable() || attempt == RETRIES) throw e;
                System.out.println(name + " failed with a retriable error, retrying: " + e.getMessage());
            }
        }
    }
}
