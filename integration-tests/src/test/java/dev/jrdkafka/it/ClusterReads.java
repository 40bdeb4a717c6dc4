package dev.jrdkafka.it;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.RecordBatch;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a topic of the fault ITs from the beginning to its end as it is now (until every
 * partition reports EOF: with read_committed, the last stable offset), handing each
 * record's partition, offset and message id (the first 8 bytes of its value) to a sink.
 */
final class ClusterReads {
    static final ValueLayout.OfLong ID = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** One record read: partition, offset, id. */
    @FunctionalInterface
    interface Sink {
        void accept(int partition, long offset, long id);
    }

    private ClusterReads() {}

    static long readAll(String bootstrap, String topic, int partitions, String isolationLevel, Sink sink) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) tps.add(new TopicPartition(topic, p));
        Set<TopicPartition> atEnd = new HashSet<>();
        ConsumerOptions options = ConsumerOptions.defaults().withPartitionEofListener((c, tp, offset) -> atEnd.add(tp));
        KafkaConfig config = KafkaConfig.create().bootstrapServers(bootstrap).set("log_level", 3L)
                .set("auto.offset.reset", "earliest").set("enable.partition.eof", true)
                .set("isolation.level", isolationLevel);
        long records = 0;
        List<String> errors = new ArrayList<>();
        try (Consumer c = Consumer.create(config, options)) {
            // From the beginning explicitly: assigning without offsets made librdkafka fetch the
            // (absent) committed offsets from a group coordinator, which after a node kill
            // answered NOT_COORDINATOR for the whole 90 s in 2 of 4 CI runs.
            java.util.Map<TopicPartition, Long> start = new java.util.LinkedHashMap<>();
            for (TopicPartition tp : tps) start.put(tp, Consumer.OFFSET_BEGINNING);
            c.assign(start);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!atEnd.containsAll(tps)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("reading " + topic + " (" + isolationLevel + ") to its end within 90 s: " + records
                            + " records read, end reached on " + atEnd + " of " + partitions + " partitions, "
                            + "errors: " + errors);
                }
                try (RecordBatch batch = c.pollBatch(10_000, Duration.ofMillis(200))) {
                    for (int i = 0; i < batch.size(); i++) {
                        TopicPartition tp = new TopicPartition(topic, batch.partition(i));
                        atEnd.remove(tp); // more came after an EOF
                        sink.accept(batch.partition(i), batch.offset(i), batch.value(i).get(ID, 0));
                        records++;
                    }
                } catch (KafkaException e) {
                    if (e.isFatal()) throw e;
                    if (errors.size() < 10) errors.add(e.getMessage());
                }
            }
        }
        return records;
    }
}
