package dev.jrdkafka.cli;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.RebalanceListener;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.producer.DeliveryReport;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The main job: produce {@code count} messages and consume them back at the same time, then
 * check that what was consumed is exactly what was produced.
 *
 * <p>Each value carries its sequence number (bytes 0-7), its produce time (8-15, for the
 * end-to-end latency) and, when there is room, the inverted sequence number in its last 8
 * bytes (a cheap check that the value arrived whole); the rest is filler. The consumer
 * reads these in place from zero-copy views. The check: every sequence number seen exactly
 * once, none corrupt, and in produce order within each partition (the producer is
 * idempotent, so librdkafka keeps that order even across retries).
 */
final class RoundTrip {
    /** Bytes each value needs for the check: sequence number and produce time. */
    static final int MIN_SIZE = 16;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final ValueLayout.OfLong IN_PLACE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    /**
     * Spread messages in runs of this many per partition: even over the partitions, yet in
     * batches as large as a sticky partitioner makes (the mock returns one batch per
     * partition per fetch, so many tiny batches would throttle the consumer).
     */
    static final int SPREAD_RUN = 1000;
    /** Every 32nd message's latency is kept: enough for p99 without a clock read per message. */
    private static final int SAMPLE_SHIFT = 5;

    record Result(long produced, long delivered, long failed, long consumed, long bytes, long missing,
                  long duplicates, long corrupt, long outOfOrder, double produceSeconds, double consumeSeconds,
                  double cpuSeconds, double p50Millis, double p99Millis, double maxMillis) {
        boolean ok() {
            return delivered == produced && failed == 0 && consumed == produced && missing == 0 && duplicates == 0
                    && corrupt == 0 && outOfOrder == 0;
        }
    }

    private final KafkaConfig producerConfig;
    private final KafkaConfig consumerConfig;
    private final String topic;
    private final int size;
    private final int count;
    private final int spread;
    private final Duration idleTimeout;

    /** @param spread > 0: spread evenly over partitions 0..spread-1 (as the mock's retention needs); 0: the partitioner chooses */
    RoundTrip(KafkaConfig producerConfig, KafkaConfig consumerConfig, String topic, int size, int count, int spread,
              Duration idleTimeout) {
        if (size < MIN_SIZE) throw new IllegalArgumentException("size must be >= " + MIN_SIZE + ", got " + size);
        this.producerConfig = producerConfig;
        this.consumerConfig = consumerConfig;
        this.topic = topic;
        this.size = size;
        this.count = count;
        this.spread = spread;
        this.idleTimeout = idleTimeout;
    }

    Result run() throws InterruptedException {
        long cpu0 = cpuNanos();
        Reader reader = new Reader();
        Thread consumerThread = Thread.ofPlatform().name("jrdkafka-roundtrip-consumer").start(reader);
        try {
            reader.awaitAssigned(idleTimeout);
            Produced produced = produce();
            reader.producerDone(produced.delivered);
            consumerThread.join();
            if (reader.failure.get() != null) throw reader.failure.get();
            double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
            long[] latency = Arrays.copyOf(reader.latency, reader.samples);
            Arrays.sort(latency);
            long missing = count - reader.seen.cardinality();
            return new Result(count, produced.delivered, produced.failed, reader.consumed, reader.bytes, missing,
                    reader.duplicates, reader.corrupt, reader.outOfOrder, produced.seconds, reader.seconds(), cpuSeconds,
                    percentile(latency, 0.50), percentile(latency, 0.99),
                    latency.length == 0 ? 0 : latency[latency.length - 1] / 1e6);
        } finally {
            reader.stop = true;
            consumerThread.join();
        }
    }

    private record Produced(long delivered, long failed, double seconds) {}

    private Produced produce() {
        AtomicLong delivered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        ProducerOptions options = ProducerOptions.defaults().withPollerThread(false).withDeliveryListener((DeliveryReport r) -> {
            if (r.succeeded()) {
                delivered.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstError.compareAndSet(null, r.error().toString());
            }
        });
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        long t0 = System.nanoTime();
        try (Producer producer = Producer.create(producerConfig.copy().set("enable.idempotence", "true"), options)) {
            for (int i = 0; i < count; i++) {
                LONG.set(value, 0, (long) i);
                LONG.set(value, 8, System.nanoTime());
                if (size >= MIN_SIZE + 8) LONG.set(value, size - 8, ~(long) i);
                producer.produce(topic, spread > 0 ? (i / SPREAD_RUN) % spread : -1, null, value, i); // librdkafka copies the value
                if ((i & 255) == 0) producer.poll(Duration.ZERO);
            }
            try {
                producer.flush(Duration.ofMinutes(5));
            } catch (KafkaException e) {
                // what was not delivered is counted as failed
            }
        }
        if (firstError.get() != null) System.err.println("% first delivery error: " + firstError.get());
        return new Produced(delivered.get(), failed.get(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Consumes every partition of the topic from the beginning, as the only member of a new
     * group (so it needs no partition count), checking each message in place.
     */
    private final class Reader implements Runnable {
        final BitSet seen = new BitSet(count);
        final long[] latency = new long[((count - 1) >> SAMPLE_SHIFT) + 1];
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);
        volatile boolean stop;
        volatile long expected = -1; // set when the producer is done: how many were delivered
        long[] lastSeq = new long[0]; // per partition, the last sequence number read
        int samples;
        long consumed;
        long bytes;
        long duplicates;
        long corrupt;
        long outOfOrder;
        long first;
        long last;

        @Override
        public void run() {
            KafkaConfig c = consumerConfig.copy().set("auto.offset.reset", "earliest").set("enable.partition.eof", "false")
                    .groupId("jrdkafka-roundtrip-" + java.util.UUID.randomUUID());
            RebalanceListener onAssigned = new RebalanceListener() {
                @Override
                public void onPartitionsAssigned(Consumer consumer, Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) assigned.countDown();
                }
            };
            try (Consumer consumer = Consumer.create(c, ConsumerOptions.defaults().withRebalanceListener(onAssigned))) {
                consumer.subscribe(List.of(topic));
                long idleSince = System.nanoTime();
                while (!stop && (expected < 0 || consumed < expected)) {
                    if (assigned.getCount() > 0 && System.nanoTime() - idleSince > idleTimeout.toNanos()) {
                        throw new IllegalStateException("the consumer got no partitions of \"" + topic + "\" within "
                                + idleTimeout.toSeconds() + " s; does the topic exist?");
                    }
                    if (expected >= 0 && System.nanoTime() - idleSince > idleTimeout.toNanos()) break;
                    try (RecordBatch batch = consumer.pollBatch(10_000, Duration.ofMillis(100))) {
                        if (batch.isEmpty()) continue;
                        long now = System.nanoTime();
                        if (first == 0) first = now;
                        for (RecordView v : batch) check(v, now);
                        last = System.nanoTime();
                        idleSince = last;
                    }
                }
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                assigned.countDown();
            }
        }

        private void check(RecordView v, long now) {
            consumed++;
            MemorySegment value = v.value();
            long len = value == null ? 0 : value.byteSize();
            bytes += len;
            if (len != size) {
                corrupt++;
                return;
            }
            long seq = value.get(IN_PLACE, 0);
            if (seq < 0 || seq >= count || (size >= MIN_SIZE + 8 && value.get(IN_PLACE, size - 8) != ~seq)) {
                corrupt++;
                return;
            }
            int i = (int) seq;
            if (seen.get(i)) duplicates++;
            else seen.set(i);
            int p = v.partition();
            if (p >= lastSeq.length) {
                int old = lastSeq.length;
                lastSeq = Arrays.copyOf(lastSeq, p + 1);
                Arrays.fill(lastSeq, old, p + 1, -1);
            }
            if (seq <= lastSeq[p]) outOfOrder++;
            lastSeq[p] = seq;
            if ((i & ((1 << SAMPLE_SHIFT) - 1)) == 0 && samples < latency.length) {
                latency[samples++] = now - value.get(IN_PLACE, 8);
            }
        }

        void awaitAssigned(Duration timeout) throws InterruptedException {
            if (!assigned.await(timeout.toMillis() + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS) && failure.get() == null) {
                throw new IllegalStateException("the consumer was not assigned partitions within " + timeout.toSeconds() + " s");
            }
            if (failure.get() != null) throw failure.get();
        }

        void producerDone(long delivered) {
            expected = delivered;
        }

        double seconds() {
            return first == 0 ? 0 : Math.max(1e-9, (last - first) / 1e9);
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
