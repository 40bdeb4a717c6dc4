package dev.jrdkafka.examples;

import dev.jrdkafka.OffsetAndMetadata;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.config.OffsetReset;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Exactly-once consume-transform-produce: read an input topic, write a transformed record to an
 * output topic for each input record, and commit the consumed input offsets <em>in the same
 * transaction</em> as the output. Either both happen or neither does, so after any failure
 * and restart each input record is reflected in the output exactly once.
 *
 * <ul>
 *   <li>the consumer has {@code enable.auto.commit=false}: its offsets are committed by the
 *       producer's {@code sendOffsetsToTransaction(offsets, consumer.groupMetadata())}; and
 *       {@code isolation.level=read_committed}, so it never reads records of aborted (or
 *       still open) upstream transactions;</li>
 *   <li>the producer has a {@code transactional.id}; per polled batch it runs
 *       {@code beginTransaction}, {@code send}s, {@code sendOffsetsToTransaction},
 *       {@code commitTransaction};</li>
 *   <li>on an error that is not fatal (abortable, or retriable), it calls
 *       {@code abortTransaction} and rewinds the consumer to the offsets of the last committed
 *       transaction, so the batch is processed again in a new transaction. On the embedded
 *       mock cluster the example provokes one: an AddPartitionsToTxn request fails with
 *       TOPIC_AUTHORIZATION_FAILED;</li>
 *   <li>a fatal error (e.g. fenced by a newer instance with the same transactional.id) ends
 *       the producer: close it.</li>
 * </ul>
 * At the end a separate {@code read_committed} consumer reads the output and checks that it
 * holds every input record exactly once.
 *
 * <p>Usage: {@code ConsumeTransformProduce [bootstrap.servers]}; without servers it starts an
 * embedded mock cluster. On a real cluster the input topic should exist before the consumer
 * subscribes (it is produced to first, which auto-creates it where brokers allow). Exits 1 if
 * the output does not hold each input record exactly once.
 */
public final class ConsumeTransformProduce {
    private static final String INPUT_TOPIC = "jrdkafka-example-eos-input";
    private static final String OUTPUT_TOPIC = "jrdkafka-example-eos-output";
    private static final String GROUP_ID = "jrdkafka-example-eos";
    private static final int RECORDS = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ConsumeTransformProduce() {}

    public static void main(String[] args) throws Exception {
        try (MockCluster mock = args.length == 0 ? MockCluster.start(3) : null) {
            String bootstrap = mock != null ? mock.bootstrapServers() : args[0];
            if (mock != null) {
                System.out.println("no bootstrap servers given: using an embedded mock cluster at " + bootstrap);
                mock.createTopic(INPUT_TOPIC, 3, 3);
                mock.createTopic(OUTPUT_TOPIC, 3, 3);
                mock.setGroupInitialRebalanceDelay(Duration.ZERO); // no need to wait for more group members
            }
            // Values carry a run id: on a real cluster the topics may hold records of earlier runs.
            String run = Long.toString(System.currentTimeMillis());
            produceInput(bootstrap, run);

            KafkaConfig consumerConfig = KafkaConfig.create()
                    .bootstrapServers(bootstrap)
                    .clientId("eos-example-consumer")
                    .groupId(GROUP_ID)
                    .enableAutoCommit(false) // offsets are committed by the transactions
                    .autoOffsetReset(OffsetReset.EARLIEST)
                    .set("isolation.level", "read_committed");
            KafkaConfig producerConfig = KafkaConfig.create()
                    .bootstrapServers(bootstrap)
                    .clientId("eos-example-producer")
                    .transactionalId("jrdkafka-example-eos-1"); // one per input partition set; stable across restarts

            int transformed = 0; // input records of this run, in committed transactions
            int committed = 0;
            int aborted = 0;
            try (Consumer consumer = Consumer.create(consumerConfig);
                 Producer producer = Producer.create(producerConfig)) {
                producer.initTransactions(TIMEOUT);
                consumer.subscribe(List.of(INPUT_TOPIC));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (transformed < RECORDS && System.nanoTime() - deadline < 0) {
                    try (RecordBatch batch = consumer.pollBatch(50, Duration.ofMillis(500))) {
                        if (batch.isEmpty()) continue;
                        if (mock != null && committed == 1 && aborted == 0) {
                            System.out.println("mock cluster: the next AddPartitionsToTxn request fails with TOPIC_AUTHORIZATION_FAILED");
                            mock.pushRequestErrors(ApiKey.ADD_PARTITIONS_TO_TXN, KafkaError.TOPIC_AUTHORIZATION_FAILED);
                        }
                        // Per partition: where this batch starts (to rewind to) and the next offset to read.
                        Map<TopicPartition, Long> rewindTo = new HashMap<>();
                        Map<TopicPartition, Long> consumed = new HashMap<>();
                        for (RecordView record : batch) {
                            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                            rewindTo.putIfAbsent(tp, record.offset());
                            consumed.put(tp, record.offset() + 1);
                        }
                        int mine = 0;
                        try {
                            producer.beginTransaction();
                            for (RecordView record : batch) {
                                String value = record.valueString();
                                if (value.startsWith(run + " ")) mine++;
                                // The transformation. Delivery errors make the commit below fail.
                                producer.send(new ProducerRecord(OUTPUT_TOPIC, record.keyBytes(), transform(value).getBytes(UTF_8)));
                            }
                            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                            consumed.forEach((tp, next) -> positions.put(tp, new OffsetAndMetadata(next)));
                            producer.sendOffsetsToTransaction(positions, consumer.groupMetadata(), TIMEOUT);
                            producer.commitTransaction(TIMEOUT); // flushes, then commits the output and the offsets together
                            transformed += mine;
                            committed++;
                            System.out.println("transaction " + (committed + aborted) + ": " + batch.size()
                                    + " records transformed, committed with input offsets " + new TreeMap<>(byPartition(consumed)));
                        } catch (KafkaException e) {
                            if (e.isFatal()) throw e; // e.g. fenced: this producer cannot go on
                            aborted++;
                            System.out.println("transaction " + (committed + aborted) + " failed: " + e.getMessage());
                            producer.abortTransaction(TIMEOUT);
                            // Back to the offsets the last committed transaction stored for the
                            // group: for the partitions of this batch, where the batch started.
                            // (Consumer.committed() would ask the coordinator, but the mock
                            // cluster does not keep offsets committed in transactions.)
                            consumer.seek(rewindTo, TIMEOUT);
                            System.out.println("  aborted; input rewound to " + new TreeMap<>(byPartition(rewindTo)) + " to process it again");
                        }
                    }
                }
            } catch (KafkaException e) {
                System.out.println("giving up: " + e.error() + " (fatal: " + e.isFatal() + "): " + e.getMessage());
            }

            boolean exactlyOnce = verify(bootstrap, run);
            System.out.println("done: " + transformed + " of " + RECORDS + " input records transformed in " + committed
                    + " committed transactions, " + aborted + " aborted; output exactly once: " + (exactlyOnce ? "yes" : "no"));
            if (transformed != RECORDS || !exactlyOnce) System.exit(1);
        }
    }

    private static String transform(String value) {
        return value.toUpperCase(java.util.Locale.ROOT);
    }

    /** Produces the input: "run item-n" for n in 0..RECORDS-1. */
    private static void produceInput(String bootstrap, String run) {
        try (Producer producer = Producer.create(KafkaConfig.create().bootstrapServers(bootstrap).clientId("eos-example-input"))) {
            for (int n = 0; n < RECORDS; n++) {
                producer.send(new ProducerRecord(INPUT_TOPIC, ("key-" + n).getBytes(UTF_8), (run + " item-" + n).getBytes(UTF_8)));
            }
            producer.flush(TIMEOUT);
        }
        System.out.println("produced " + RECORDS + " input records to " + INPUT_TOPIC);
    }

    /** Reads the output as read_committed consumers do, and checks each input record is there exactly once. */
    private static boolean verify(String bootstrap, String run) throws InterruptedException {
        KafkaConfig config = KafkaConfig.create()
                .bootstrapServers(bootstrap)
                .clientId("eos-example-verifier")
                .groupId("jrdkafka-example-eos-verifier-" + run) // a new group: reads from the beginning
                .autoOffsetReset(OffsetReset.EARLIEST)
                .enableAutoCommit(false)
                .set("isolation.level", "read_committed");
        int[] seen = new int[RECORDS];
        String prefix = transform(run + " item-");
        try (Consumer consumer = Consumer.create(config)) {
            consumer.subscribe(List.of(OUTPUT_TOPIC));
            int records = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long quietUntil = Long.MAX_VALUE; // once all are seen, read 1 s more for duplicates
            while (System.nanoTime() - Math.min(deadline, quietUntil) < 0) {
                try (RecordBatch batch = consumer.pollBatch(500, Duration.ofMillis(100))) {
                    for (RecordView record : batch) {
                        String value = record.valueString();
                        if (!value.startsWith(prefix)) continue; // an earlier run's
                        seen[Integer.parseInt(value.substring(prefix.length()))]++;
                        if (++records == RECORDS) quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    }
                }
            }
        }
        long missing = java.util.Arrays.stream(seen).filter(n -> n == 0).count();
        long duplicated = java.util.Arrays.stream(seen).filter(n -> n > 1).count();
        System.out.println("read_committed output: " + (RECORDS - missing) + " of " + RECORDS + " input records, "
                + missing + " missing, " + duplicated + " more than once");
        return missing == 0 && duplicated == 0;
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((tp, offset) -> out.put(tp.partition(), offset));
        return out;
    }
}
