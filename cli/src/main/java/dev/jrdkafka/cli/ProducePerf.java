package dev.jrdkafka.cli;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.producer.DeliveryReport;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One producer run on the fast path ({@code produce} of a {@code byte[]}, copied by
 * librdkafka; reports to a listener, nothing allocated per message): produce {@code count}
 * messages, wait for every delivery report, measure wall time from the first produce to the
 * last report, the process's CPU time (from before the client is created to after it is
 * closed, librdkafka's threads and the embedded mock brokers included) and each message's
 * produce-to-report latency.
 */
final class ProducePerf {
    record Result(long produced, long bytes, long delivered, long failed, double seconds, double cpuSeconds,
                  double p50Millis, double p99Millis) {
        double msgsPerSecond() {
            return delivered / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }

        double cpuMicrosPerMessage() {
            return cpuSeconds * 1_000_000.0 / Math.max(1, produced);
        }
    }

    private final KafkaConfig config;
    private final String topic;
    private final int partition;
    private final int size;
    private final int count;

    ProducePerf(KafkaConfig config, String topic, int partition, int size, int count) {
        this.config = config;
        this.topic = topic;
        this.partition = partition;
        this.size = size;
        this.count = count;
    }

    Result run() {
        long[] sentAt = new long[count];
        long[] latency = new long[count];
        AtomicLong delivered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ProducerOptions options = ProducerOptions.defaults().withDeliveryListener((DeliveryReport r) -> {
            int i = (int) r.opaque();
            latency[i] = System.nanoTime() - sentAt[i];
            if (r.succeeded()) delivered.incrementAndGet();
            else failed.incrementAndGet();
        });
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        long cpu0 = cpuNanos();
        long t0;
        double seconds;
        try (Producer producer = Producer.create(config, options)) {
            t0 = System.nanoTime(); // like rdkafka_performance: from the first produce to the last report
            for (int i = 0; i < count; i++) {
                sentAt[i] = System.nanoTime();
                producer.produce(topic, partition, null, payload, i);
            }
            try {
                producer.flush(Duration.ofMinutes(5));
            } catch (KafkaException e) {
                // counted below: what was not delivered is reported as failed
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
        Arrays.sort(latency);
        return new Result(count, (long) count * size, delivered.get(), failed.get(), seconds, cpuSeconds,
                latency[(int) (count * 0.50)] / 1e6, latency[Math.min(count - 1, (int) (count * 0.99))] / 1e6);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
