package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.KafkaBroker;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The soak (profile {@code -Psoak}, not default CI): an idempotent producer and a group
 * consumer run for {@code jrdkafka.soak.minutes} against a real broker that is restarted
 * every {@code jrdkafka.soak.restartSeconds} (stopped, alternately SIGTERM and SIGKILL, then
 * started again on the same data directory and port). Checked: no acknowledged message is
 * missing from what the consumer read, no delivery failed, order per partition holds, and
 * memory stays flat (RSS and heap after GC, sampled after every restart, grow less than
 * {@link #RSS_GROWTH_BOUND_MB} / {@link #HEAP_GROWTH_BOUND_MB} from the first sample to the
 * last). Bounded: {@code rate × duration} messages at most, every wait has a deadline.
 * Figures: stdout and {@code target/failsafe-reports/soak-figures.txt}.
 */
@EnabledIfSystemProperty(named = "jrdkafka.soak.minutes", matches = "\\d+")
class SoakIT {
    static final String TOPIC = "soak";
    static final int PARTITIONS = 3;
    /** JIT, metaspace and malloc caches settle during the first minute; a leak per message or per restart would not stay below this. */
    static final long RSS_GROWTH_BOUND_MB = 64;
    static final long HEAP_GROWTH_BOUND_MB = 16;

    private final int minutes = Integer.getInteger("jrdkafka.soak.minutes", 10);
    private final int restartSeconds = Integer.getInteger("jrdkafka.soak.restartSeconds", 60);
    private final int rate = Integer.getInteger("jrdkafka.soak.rate", 1000);
    private final List<String> figures = new ArrayList<>();

    @Test
    void mixedProduceConsumeAcrossBrokerRestartsLosesNothingAndStaysFlat() throws Exception {
        Path reports = Files.createDirectories(Path.of("target", "failsafe-reports"));
        KafkaBroker broker = KafkaBroker.builder().logFile(reports.resolve("soak-broker.log")).start();
        try {
            broker.createTopic(TOPIC, PARTITIONS);
            run(broker);
        } finally {
            broker.close();
            Files.write(reports.resolve("soak-figures.txt"), figures);
        }
    }

    private void run(KafkaBroker broker) throws Exception {
        long total = (long) rate * minutes * 60;
        BitSet acked = new BitSet();
        Map<Long, String> failed = new ConcurrentHashMap<>();
        ConsumerSide consumer = new ConsumerSide(broker);
        Thread consuming = Thread.ofPlatform().name("soak-consumer").start(consumer);
        KafkaConfig pc = Clients.config(broker).enableIdempotence(true).lingerMs(5)
                .set("message.timeout.ms", 300_000L).set("queue.buffering.max.messages", 1_000_000L);
        long start = System.nanoTime();
        long sent = 0;
        int restarts = 0;
        try (Producer producer = Producer.create(pc)) {
            long nextRestart = start + TimeUnit.SECONDS.toNanos(restartSeconds);
            while (sent < total) {
                long now = System.nanoTime();
                if (now - nextRestart >= 0) {
                    restart(broker, ++restarts);
                    sample("restart " + restarts, start, sent, acked, consumer);
                    nextRestart += TimeUnit.SECONDS.toNanos(restartSeconds);
                    continue;
                }
                long due = Math.min(total, (now - start) * rate / 1_000_000_000L);
                for (; sent < due; sent++) {
                    long id = sent;
                    producer.send(new ProducerRecord(TOPIC, (int) (id % PARTITIONS), null, idBytes(id), 0, List.of()),
                            (m, e) -> delivered(id, e, acked, failed));
                }
                Thread.sleep(1);
            }
            producer.flush(Duration.ofMinutes(5));
            assertEquals(0, producer.outstanding(), "every message has an outcome after flush");
        }
        long ackedCount;
        synchronized (acked) {
            ackedCount = acked.cardinality();
        }
        boolean caughtUp = consumer.awaitAll(acked, Duration.ofMinutes(3));
        consumer.stop();
        consuming.join(TimeUnit.SECONDS.toMillis(60));
        sample("end", start, sent, acked, consumer);
        BitSet missing;
        synchronized (acked) {
            missing = (BitSet) acked.clone();
        }
        synchronized (consumer.seen) {
            missing.andNot(consumer.seen);
        }
        figures.add("sent=" + sent + " acked=" + ackedCount + " failed=" + failed.size() + " consumed=" + consumer.records.get()
                + " distinct=" + consumer.distinct() + " duplicates=" + consumer.duplicates.get() + " missing=" + missing.cardinality()
                + " orderViolations=" + consumer.orderViolations.get() + " restarts=" + restarts + " consumerErrors="
                + consumer.errors.get() + " minutes=" + minutes);
        figures.forEach(System.out::println);
        assertEquals(sent, ackedCount + failed.size(), "one outcome per message");
        assertTrue(failed.isEmpty(), "deliveries failed: " + failed.entrySet().stream().limit(5).toList());
        assertTrue(caughtUp && missing.isEmpty(), "acknowledged but never consumed: " + missing.cardinality()
                + " (first " + missing.nextSetBit(0) + ")");
        assertEquals(0, consumer.orderViolations.get(), "order per partition");
        checkFlat();
    }

    private void delivered(long id, KafkaException e, BitSet acked, Map<Long, String> failed) {
        if (e != null) {
            failed.put(id, e.toString());
        } else {
            synchronized (acked) {
                acked.set(Math.toIntExact(id));
            }
        }
    }

    /** Stops the broker (odd restarts: SIGKILL, even: SIGTERM with a 20 s grace), waits 2 s, starts it again. */
    private void restart(KafkaBroker broker, int n) throws InterruptedException {
        long t0 = System.nanoTime();
        broker.stop(n % 2 == 1 ? Duration.ZERO : Duration.ofSeconds(20));
        long stopped = System.nanoTime();
        Thread.sleep(2000);
        broker.restart(Duration.ofSeconds(120));
        figures.add("restart " + n + (n % 2 == 1 ? " (SIGKILL)" : " (SIGTERM)") + ": stopped in "
                + TimeUnit.NANOSECONDS.toMillis(stopped - t0) + " ms, down 2 s, serving again after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped - 2_000_000_000L) + " ms");
    }

    private final List<long[]> memory = new ArrayList<>(); // {rssKb, heapAfterGcKb}

    private void sample(String label, long start, long sent, BitSet acked, ConsumerSide consumer) {
        System.gc();
        long heapKb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        long rssKb = rssKb();
        memory.add(new long[] {rssKb, heapKb});
        long ackedNow;
        synchronized (acked) {
            ackedNow = acked.cardinality();
        }
        figures.add(String.format("%s t=%ds sent=%d acked=%d consumed=%d rssMb=%d heapAfterGcMb=%d rdThreads=%d javaThreads=%d",
                label, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), sent, ackedNow, consumer.records.get(),
                rssKb / 1024, heapKb / 1024, Rd.threadCount(), ManagementFactory.getThreadMXBean().getThreadCount()));
        System.out.println(figures.getLast());
    }

    /** First sample (after the first restart: warm) to the last. */
    private void checkFlat() {
        if (memory.size() < 2) return;
        long[] first = memory.getFirst(), last = memory.getLast();
        long rssGrowthMb = (last[0] - first[0]) / 1024, heapGrowthMb = (last[1] - first[1]) / 1024;
        assertTrue(rssGrowthMb < RSS_GROWTH_BOUND_MB, "RSS grew " + rssGrowthMb + " MiB: " + figures);
        assertTrue(heapGrowthMb < HEAP_GROWTH_BOUND_MB, "heap after GC grew " + heapGrowthMb + " MiB: " + figures);
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return -1;
    }

    static byte[] idBytes(long id) {
        return ByteBuffer.allocate(8).putLong(id).array();
    }

    /** A group member reading the topic until stopped; records which ids it saw, and in which order per partition. */
    static final class ConsumerSide implements Runnable {
        final BitSet seen = new BitSet();
        final AtomicLong records = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong orderViolations = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        private final long[] lastNew = new long[PARTITIONS];
        private final KafkaBroker broker;
        private volatile boolean stop;

        ConsumerSide(KafkaBroker broker) {
            this.broker = broker;
            java.util.Arrays.fill(lastNew, -1);
        }

        @Override
        public void run() {
            try (Consumer c = Consumer.create(Clients.consumer(broker, "soak-group", "read_uncommitted")
                    .set("enable.auto.commit", true))) {
                c.subscribe(List.of(TOPIC));
                long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(2); // bounded even if never stopped
                while (!stop && System.nanoTime() < deadline) {
                    ConsumerRecord r;
                    try {
                        r = c.poll(Duration.ofMillis(100));
                    } catch (KafkaException e) {
                        errors.incrementAndGet(); // transient errors while the broker is down are reported, not fatal
                        continue;
                    }
                    if (r != null) record(r);
                }
            }
        }

        private void record(ConsumerRecord r) {
            records.incrementAndGet();
            long id = ByteBuffer.wrap(r.value()).getLong();
            int i = Math.toIntExact(id);
            synchronized (seen) {
                if (seen.get(i)) {
                    duplicates.incrementAndGet();
                    return;
                }
                seen.set(i);
            }
            if (id < lastNew[r.partition()]) orderViolations.incrementAndGet();
            lastNew[r.partition()] = id;
        }

        long distinct() {
            synchronized (seen) {
                return seen.cardinality();
            }
        }

        /** Waits until every acknowledged id was seen. */
        boolean awaitAll(BitSet acked, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                BitSet missing;
                synchronized (acked) {
                    missing = (BitSet) acked.clone();
                }
                synchronized (seen) {
                    missing.andNot(seen);
                }
                if (missing.isEmpty()) return true;
                Thread.sleep(100);
            }
            return false;
        }

        void stop() {
            stop = true;
        }
    }
}
