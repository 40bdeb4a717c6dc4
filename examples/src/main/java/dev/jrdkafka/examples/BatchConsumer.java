package dev.jrdkafka.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.config.OffsetReset;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consuming in batches, reading keys and values where librdkafka received them, without
 * copying.
 *
 * <ul>
 *   <li>{@code pollBatch(max, timeout)} returns the records that are ready (up to
 *       {@code max}) as a {@link RecordBatch}; close it when done (try-with-resources): it
 *       holds librdkafka's fetch buffers until then;</li>
 *   <li>each {@link RecordView}'s {@code key()} and {@code value()} are read-only
 *       {@link MemorySegment}s over those buffers: here each value is an order, an 8-byte
 *       amount followed by the item's name, and the amounts are summed in place;</li>
 *   <li>what must outlive the batch is copied: {@code toRecord()} (or {@code valueBytes()},
 *       {@code valueString()}...); here the biggest order;</li>
 *   <li>the lifetime rule: once the batch is closed, a view or a segment taken from it
 *       throws {@link IllegalStateException} on use; it never reads released memory.</li>
 * </ul>
 *
 * <p>The consumer {@code assign}s the partitions the records went to, each from the first
 * offset this run wrote there (no group, no commits), so earlier runs' records are not read.
 *
 * <p>Usage: {@code BatchConsumer [bootstrap.servers]}; without servers it starts an embedded
 * mock cluster. Exits 1 if a record is missing or its amount differs from the one produced.
 */
public final class BatchConsumer {
    private static final String TOPIC = "jrdkafka-example-batches";
    private static final int RECORDS = 1000;
    private static final String[] ITEMS = {"apples", "pears", "plums", "quinces"};
    /** An order's amount in cents: the value's first 8 bytes, big-endian (as ByteBuffer writes it). */
    private static final ValueLayout.OfLong AMOUNT = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private BatchConsumer() {}

    public static void main(String[] args) throws Exception {
        try (MockCluster mock = args.length == 0 ? MockCluster.start(3) : null) {
            String bootstrap = mock != null ? mock.bootstrapServers() : args[0];
            if (mock != null) {
                System.out.println("no bootstrap servers given: using an embedded mock cluster at " + bootstrap);
                mock.createTopic(TOPIC, 3, 3);
            }

            // 1. Produce the orders, noting where they land: the first offset per partition.
            Map<TopicPartition, Long> firstOffsets = new ConcurrentHashMap<>();
            AtomicInteger failed = new AtomicInteger();
            long producedTotal = 0;
            try (Producer producer = Producer.create(KafkaConfig.create().bootstrapServers(bootstrap).clientId("batch-example-producer"))) {
                for (int n = 0; n < RECORDS; n++) {
                    long amount = 100 + (n * 7919L) % 10_000; // cents
                    producedTotal += amount;
                    byte[] item = ITEMS[n % ITEMS.length].getBytes(UTF_8);
                    byte[] value = ByteBuffer.allocate(8 + item.length).putLong(amount).put(item).array();
                    producer.send(new ProducerRecord(TOPIC, ("order-" + n).getBytes(UTF_8), value), (metadata, error) -> {
                        if (error != null) failed.incrementAndGet();
                        else firstOffsets.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::min);
                    });
                }
                producer.flush(Duration.ofSeconds(30));
            }
            System.out.println("produced " + RECORDS + " orders, total " + cents(producedTotal) + ", to partitions "
                    + firstOffsets.keySet().stream().map(TopicPartition::partition).sorted().toList());

            // 2. Read them back, batch by batch.
            KafkaConfig config = KafkaConfig.create()
                    .bootstrapServers(bootstrap)
                    .clientId("batch-example")
                    .autoOffsetReset(OffsetReset.EARLIEST);
            int records = 0;
            int batches = 0;
            long total = 0;
            ConsumerRecord biggest = null; // a copy: it outlives its batch
            RecordView escapedView = null;  // kept past its batch, to show the lifetime rule
            MemorySegment escapedValue = null;
            try (Consumer consumer = Consumer.create(config)) {
                consumer.assign(firstOffsets); // start offsets per partition: where this run's records begin
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (records < RECORDS && System.nanoTime() - deadline < 0) {
                    try (RecordBatch batch = consumer.pollBatch(300, Duration.ofMillis(500))) {
                        if (batch.isEmpty()) continue;
                        long batchTotal = 0;
                        for (RecordView record : batch) {
                            MemorySegment value = record.value(); // no copy: librdkafka's buffer
                            long amount = value.get(AMOUNT, 0);
                            batchTotal += amount;
                            if (biggest == null || amount > amountOf(biggest)) biggest = record.toRecord();
                            escapedView = record;
                            escapedValue = value;
                        }
                        records += batch.size();
                        batches++;
                        total += batchTotal;
                        System.out.println("batch " + batches + ": " + batch.size() + " records, from " + batch.get(0)
                                + ", total " + cents(batchTotal));
                    } // close(): the records are released here
                }
            }

            // 3. The lifetime rule: views and segments of a closed batch refuse access.
            boolean refused = escapedView != null && refusesAccess(escapedView, escapedValue);

            if (biggest != null) {
                String item = new String(biggest.value(), 8, biggest.value().length - 8, UTF_8);
                System.out.println("biggest order (copied with toRecord()): " + new String(biggest.key(), UTF_8) + " at " + biggest
                        + ": " + cents(amountOf(biggest)) + " of " + item);
            }
            boolean ok = failed.get() == 0 && records == RECORDS && total == producedTotal && refused;
            System.out.println("done: " + records + " of " + RECORDS + " records in " + batches + " batches, total " + cents(total)
                    + (total == producedTotal ? " as produced" : ", but " + cents(producedTotal) + " was produced"));
            if (!ok) System.exit(1);
        }
    }

    /** Uses a view and a value segment of a closed batch: each must throw IllegalStateException. */
    private static boolean refusesAccess(RecordView view, MemorySegment value) {
        try {
            view.value();
            return false;
        } catch (IllegalStateException expected) {
            System.out.println("RecordView.value() after its batch was closed: IllegalStateException: " + expected.getMessage());
        }
        try {
            value.get(AMOUNT, 0);
            return false;
        } catch (IllegalStateException expected) {
            System.out.println("reading a value segment after its batch was closed: IllegalStateException: " + expected.getMessage());
        }
        return true;
    }

    /** The amount of an owned copy: the same layout, read from its byte array. */
    private static long amountOf(ConsumerRecord record) {
        return MemorySegment.ofArray(record.value()).get(AMOUNT, 0);
    }

    private static String cents(long cents) {
        return String.format("%d.%02d", cents / 100, cents % 100);
    }
}
