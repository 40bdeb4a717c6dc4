package dev.jrdkafka.cli;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * One consumer run: read {@code count} messages with batch polls (views, no copies), either
 * as a group member ({@code group} set: subscribe) or by assigning {@code partition}; measure
 * from the first message to the last, and the process's CPU time.
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
    private final int partition;
    private final String group;
    private final long count;
    private final Duration idleTimeout;

    ConsumePerf(KafkaConfig config, String topic, int partition, String group, long count, Duration idleTimeout) {
        this.config = config;
        this.topic = topic;
        this.partition = partition;
        this.group = group;
        this.count = count;
        this.idleTimeout = idleTimeout;
    }

    Result run() {
        long cpu0 = cpuNanos();
        long messages = 0;
        long bytes = 0;
        long first = 0;
        long last = 0;
        if (group != null) config.groupId(group);
        try (Consumer consumer = Consumer.create(config)) {
            if (group != null) consumer.subscribe(List.of(topic));
            else consumer.assign(List.of(new TopicPartition(topic, Math.max(0, partition))));
            long idleSince = System.nanoTime();
            while (messages < count && System.nanoTime() - idleSince < idleTimeout.toNanos()) {
                try (RecordBatch batch = consumer.pollBatch(10_000, Duration.ofMillis(100))) {
                    if (batch.isEmpty()) continue;
                    if (first == 0) first = System.nanoTime();
                    for (RecordView v : batch) {
                        MemorySegmentLength len = MemorySegmentLength.of(v);
                        bytes += len.bytes;
                        messages++;
                    }
                    last = System.nanoTime();
                    idleSince = last;
                }
            }
        }
        double seconds = first == 0 ? 0 : Math.max(1e-9, (last - first) / 1e9);
        return new Result(messages, bytes, seconds, (cpuNanos() - cpu0) / 1e9);
    }

    /** The value's length from its zero-copy view (reading in place, as a consumer would). */
    private record MemorySegmentLength(long bytes) {
        static MemorySegmentLength of(RecordView v) {
            java.lang.foreign.MemorySegment value = v.value();
            return new MemorySegmentLength(value == null ? 0 : value.byteSize());
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
