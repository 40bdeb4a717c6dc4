package dev.jrdkafka.faults;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.testkit.invariants.LogCheck;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Reads a topic from the beginning to its end (the high watermarks), feeding each record's id to a {@link LogCheck}. */
final class ReadBack {
    static final ValueLayout.OfLong ID = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private ReadBack() {}

    static void read(String bootstrap, String topic, int partitions, LogCheck check, KafkaConfig extra,
            boolean transactional) throws Exception {
        KafkaConfig config = KafkaConfig.create().bootstrapServers(bootstrap).set("log_level", 3L)
                .set("auto.offset.reset", "earliest").setAll(extra.toMap());
        try (Consumer consumer = Consumer.create(config)) {
            Map<TopicPartition, Long> start = new HashMap<>();
            Map<Integer, Long> end = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                start.put(tp, Consumer.OFFSET_BEGINNING);
                long high = consumer.watermarks(tp, Duration.ofSeconds(30)).high();
                // Since librdkafka 2.15.0 the mock writes a COMMIT/ABORT control batch (one offset)
                // per partition at EndTxn (rd_kafka_mock_partition_write_control_batch), so after a
                // transactional run the last offset is a marker no consumer is handed. A record
                // missed there would still show as lost in the LogCheck.
                end.put(p, transactional ? Math.max(0, high - 1) : high);
            }
            consumer.assign(start);
            long[] next = new long[partitions];
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!reachedEnd(next, end)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("reading back " + topic + ": stuck at " + java.util.Arrays.toString(next)
                            + " of " + end + "; " + check.summary());
                }
                try (RecordBatch batch = consumer.pollBatch(10_000, Duration.ofMillis(200))) {
                    for (int i = 0; i < batch.size(); i++) {
                        int p = batch.partition(i);
                        check.consumed(p, batch.offset(i), batch.value(i).get(ID, 0));
                        next[p] = batch.offset(i) + 1;
                    }
                } catch (KafkaException transientError) {
                    if (transientError.isFatal()) throw transientError;
                }
            }
        }
    }

    /** Whether every partition was read up to its end (see the transactional end in {@link #read}). */
    private static boolean reachedEnd(long[] next, Map<Integer, Long> end) {
        for (int p = 0; p < next.length; p++) if (next[p] < end.get(p)) return false;
        return true;
    }
}
