package dev.jrdkafka.cli;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.producer.DeliveryReport;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One producer run on the fast path (reports to a listener, nothing allocated per message):
 * by default one native payload buffer is produced for every message without a copy
 * ({@code produceBorrowed}), as rdkafka_performance produces its buffer without
 * RD_KAFKA_MSG_F_COPY; with {@code copy} a {@code byte[]} is produced and copied by
 * librdkafka for each message (rdkafka_performance -D copies too). Produce {@code count}
 * messages, wait for every delivery report, measure wall time from the first produce to the
 * last report, the process's CPU time (from before the client is created to after it is
 * closed, librdkafka's threads and the embedded mock brokers included), the Java heap bytes
 * allocated over the same span by all threads, and each message's produce-to-report latency
 * (sampled: every 32nd message).
 */
final class ProducePerf {
    record Result(long produced, long bytes, long delivered, long failed, double seconds, double cpuSeconds,
                  double p50Millis, double p99Millis, long firstDeliveryEpochMicros, long heapBytes) {
        double msgsPerSecond() {
            return delivered / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }

        double cpuMicrosPerMessage() {
            return cpuSeconds * 1_000_000.0 / Math.max(1, produced);
        }

        /** Heap bytes allocated per message, the client's creation and close included; negative: not measured. */
        double heapBytesPerMessage() {
            return heapBytes < 0 ? -1 : (double) heapBytes / Math.max(1, produced);
        }
    }

    private final KafkaConfig config;
    private final String topic;
    private final int partition;
    private final int size;
    private final int count;
    private final boolean copy;
    private int[] spread = new int[0]; // not empty: message i goes to spread[i % spread.length]

    ProducePerf(KafkaConfig config, String topic, int partition, int size, int count, boolean copy) {
        this.copy = copy;
        this.config = config;
        this.topic = topic;
        this.partition = partition;
        this.size = size;
        this.count = count;
    }

    /**
     * Spreads the messages evenly over these partitions instead of leaving the choice to the
     * partitioner (whose sticky batching can overfill one partition of the mock cluster).
     */
    ProducePerf spreadOver(int[] partitions) {
        this.spread = partitions.clone();
        return this;
    }

    /** Every 32nd message is timed: enough samples for p99, without a clock read per message. */
    private static final int SAMPLE_SHIFT = 5;

    Result run() {
        int samples = ((count - 1) >> SAMPLE_SHIFT) + 1;
        long[] sentAt = new long[samples];
        long[] latency = new long[samples];
        AtomicLong delivered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] firstDelivery = new long[1]; // wall clock of the first report, for start-up latency
        // Like rdkafka_performance, the producing thread also serves the delivery reports
        // (poll between produce calls), instead of a separate poller thread.
        ProducerOptions options = ProducerOptions.defaults().withPollerThread(false).withDeliveryListener((DeliveryReport r) -> {
            int i = (int) r.opaque();
            if ((i & ((1 << SAMPLE_SHIFT) - 1)) == 0) latency[i >> SAMPLE_SHIFT] = System.nanoTime() - sentAt[i >> SAMPLE_SHIFT];
            if (firstDelivery[0] == 0) firstDelivery[0] = epochMicros();
            if (r.succeeded()) delivered.incrementAndGet();
            else failed.incrementAndGet();
        });
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        Arena arena = Arena.ofShared(); // the borrowed payload lives until after close
        MemorySegment nativePayload = arena.allocate(Math.max(1, size)).asSlice(0, size).fill((byte) 'x');
        long heap0 = heapBytes();
        long cpu0 = cpuNanos();
        long t0;
        double seconds;
        try (Producer producer = Producer.create(config, options)) {
            t0 = System.nanoTime(); // like rdkafka_performance: from the first produce to the last report
            for (int i = 0; i < count; i++) {
                if ((i & ((1 << SAMPLE_SHIFT) - 1)) == 0) sentAt[i >> SAMPLE_SHIFT] = System.nanoTime();
                int p = spread.length > 0 ? spread[i % spread.length] : partition;
                if (copy) producer.produce(topic, p, null, payload, i);
                else producer.produceBorrowed(topic, p, null, nativePayload, i);
                if ((i & 255) == 0) producer.poll(Duration.ZERO);
            }
            try {
                producer.flush(Duration.ofMinutes(5));
            } catch (KafkaException e) {
                // counted below: what was not delivered is reported as failed
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        } finally {
            arena.close();
        }
        double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
        long heap1 = heapBytes();
        Arrays.sort(latency);
        return new Result(count, (long) count * size, delivered.get(), failed.get(), seconds, cpuSeconds,
                latency[(int) (samples * 0.50)] / 1e6, latency[Math.min(samples - 1, (int) (samples * 0.99))] / 1e6,
                firstDelivery[0], heap0 < 0 || heap1 < 0 ? -1 : heap1 - heap0);
    }

    /** Microseconds since the epoch, comparable with a shell's {@code date +%s%6N} before the JVM started. */
    static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * Heap bytes allocated so far by all threads, ended ones included (the delivery reports
     * run on the producing thread; librdkafka's own threads allocate no Java heap); -1 when
     * the JVM does not count them.
     */
    private static long heapBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()
                ? threads.getTotalThreadAllocatedBytes() : -1;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
