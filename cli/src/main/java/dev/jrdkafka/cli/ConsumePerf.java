package dev.jrdkafka.cli;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RecordBatch;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One consumer run: read {@code count} messages, either as a group member ({@code group}
 * set: subscribe) or from {@code partitions} (assign), with batch polls read in place
 * ({@code batchSize} > 0: no copies) or one owned record per poll ({@code batchSize} 0).
 * Measured like rdkafka_performance: wall time from the first message to the last, and the
 * process's CPU time over the whole run.
 */
final class ConsumePerf {
    record Result(long messages, long bytes, double seconds, double cpuSeconds) {
        double msgsPerSecond() {
            return messages / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }

        double cpuMicrosPerMessage() {
            return cpuSeconds * 1_000_000.0 / Math.max(1, messages);
        }
    }

    private final KafkaConfig config;
    private final String topic;
    private final List<TopicPartition> partitions;
    private final String group;
    private final long startOffset;
    private final long count;
    private final int batchSize;
    private final Duration idleTimeout;

    ConsumePerf(KafkaConfig config, String topic, List<TopicPartition> partitions, String group, long startOffset,
                long count, int batchSize, Duration idleTimeout) {
        this.config = config;
        this.topic = topic;
        this.partitions = partitions;
        this.group = group;
        this.startOffset = startOffset;
        this.count = count;
        this.batchSize = batchSize;
        this.idleTimeout = idleTimeout;
    }

    private long messages;
    private long bytes;
    private long first;
    private long last;

    Result run() {
        long cpu0 = cpuNanos();
        KafkaConfig c = config.copy();
        if (group != null) c.groupId(group);
        // Where to start: assigned partitions start at the given offset (like
        // rdkafka_performance's consume_start); a fresh group through auto.offset.reset.
        c.set("auto.offset.reset", startOffset == Consumer.OFFSET_END ? "latest" : "earliest").set("enable.partition.eof", "false");
        try (Consumer consumer = Consumer.create(c)) {
            if (group != null) {
                consumer.subscribe(List.of(topic));
            } else {
                Map<TopicPartition, Long> at = new LinkedHashMap<>();
                for (TopicPartition tp : partitions) at.put(tp, startOffset);
                consumer.assign(at);
            }
            long idleSince = System.nanoTime();
            while (messages < count && System.nanoTime() - idleSince < idleTimeout.toNanos()) {
                boolean got = batchSize > 0 ? pollBatch(consumer) : pollOne(consumer);
                if (got) idleSince = last;
            }
        }
        double seconds = first == 0 ? 0 : Math.max(1e-9, (last - first) / 1e9);
        return new Result(messages, bytes, seconds, (cpuNanos() - cpu0) / 1e9);
    }

    /**
     * The fast path: a batch read in place through its indexed accessors (no object per
     * record), counting each value's length as rdkafka_performance counts rkmessage->len.
     */
    private boolean pollBatch(Consumer consumer) {
        try (RecordBatch batch = consumer.pollBatch((int) Math.min(batchSize, count - messages), Duration.ofMillis(100))) {
            int n = batch.size();
            if (n == 0) return false;
            if (first == 0) first = System.nanoTime();
            for (int i = 0; i < n; i++) bytes += Math.max(0, batch.valueSize(i));
            messages += n;
            last = System.nanoTime();
            return true;
        }
    }

    /** kafka-clients' shape: one owned record (key and value copied to the heap) per poll. */
    private boolean pollOne(Consumer consumer) {
        ConsumerRecord r = consumer.poll(Duration.ofMillis(100));
        if (r == null) return false;
        if (first == 0) first = System.nanoTime();
        bytes += r.value() == null ? 0 : r.value().length;
        messages++;
        last = System.nanoTime();
        return true;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
