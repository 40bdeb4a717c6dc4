package dev.jrdkafka.benchmarks.scale;

import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many producers in one JVM: PRODUCERS {@link Producer}s (default 100), each its own
 * librdkafka client, each fed by its own platform thread, all producing at once MESSAGES
 * (default 20,000) records of SIZE bytes (default 100) to TOPIC with librdkafka's
 * partitioner. Prints, per producer, what the clients cost at rest (OS threads, resident
 * memory, Java heap, NMT) once all are connected, then the total msgs/s and process CPU per
 * message while producing, the peak thread count and peak RSS, and the time to close them.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -XX:NativeMemoryTracking=summary \
 *     -cp benchmarks/target/benchmarks.jar dev.jrdkafka.benchmarks.scale.ManyProducers \
 *     [--producers=100] [--messages=20000] [--size=100] [--bootstrap=HOST:PORT] [--topic=scale-many] \
 *     [--partitions=100] [-X key=value]...
 * </pre>
 * Without {@code --bootstrap} it starts an in-process mock cluster (3 brokers; its threads'
 * CPU is then counted too); with it, the topic must exist. Defaults: {@code linger.ms=5};
 * every other property is librdkafka's default unless given with -X.
 */
public final class ManyProducers {
    private ManyProducers() {}

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        int producers = flags.integer("producers", 100);
        int messages = flags.integer("messages", 20_000);
        int size = flags.integer("size", 100);
        String topic = flags.string("topic", "scale-many");
        String bootstrap = flags.string("bootstrap", null);
        MockCluster mock = null;
        if (bootstrap == null) {
            mock = MockCluster.start(3);
            mock.createTopic(topic, flags.integer("partitions", 100), 1);
            bootstrap = mock.bootstrapServers();
        }
        try {
            run(flags, producers, messages, size, topic, bootstrap);
        } finally {
            if (mock != null) mock.close();
        }
    }

    private static void run(Flags flags, int producers, int messages, int size, String topic, String bootstrap)
            throws Exception {
        KafkaConfig config = flags.apply(KafkaConfig.create().bootstrapServers(bootstrap).lingerMs(5));
        LongAdder delivered = new LongAdder();
        LongAdder failed = new LongAdder();
        ProducerOptions options = ProducerOptions.defaults().withDeliveryListener(r -> {
            if (r.succeeded()) delivered.increment();
            else failed.increment();
        });
        byte[] value = new byte[size];
        Results.note("%d producers x %d messages of %d B to %s at %s; -X %s", producers, messages, size, topic, bootstrap,
                flags.properties());

        ProcessProbe base = ProcessProbe.take(true);
        var censusBase = ThreadCensus.take();
        long t0 = System.nanoTime();
        List<Producer> all = new ArrayList<>(producers);
        for (int i = 0; i < producers; i++) all.add(Producer.create(config, options));
        long created = System.nanoTime();
        // One message each: every client has its metadata and its connections before the readings.
        for (Producer p : all) p.produce(topic, ProducerRecord.UNASSIGNED, null, value, 0);
        for (Producer p : all) p.flush(Duration.ofSeconds(60));
        Results.note("created %d producers in %.0f ms, first message of each delivered after %.0f ms", producers,
                (created - t0) / 1e6, (System.nanoTime() - t0) / 1e6);
        ProcessProbe.sleep(2000); // let connection set-up settle
        ProcessProbe idle = ProcessProbe.take(true);
        Results.perClient("idle", base, idle, producers);
        Results.note("threads at rest: %s", ThreadCensus.describe(ThreadCensus.take(), censusBase));

        long total = (long) producers * messages;
        long deliveredBefore = delivered.sum();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(producers);
        CountDownLatch release = new CountDownLatch(1); // feeders stay alive until their CPU time is read
        AtomicInteger peakThreads = new AtomicInteger(ProcessProbe.osThreadsNow());
        List<Thread> feeders = new ArrayList<>(producers);
        for (int i = 0; i < producers; i++) {
            Producer p = all.get(i);
            feeders.add(Thread.ofPlatform().name("scale-feeder-" + i).start(() -> {
                try {
                    start.await();
                    for (int m = 0; m < messages; m++) p.produce(topic, ProducerRecord.UNASSIGNED, null, value, 0);
                    p.flush(Duration.ofSeconds(120));
                    finished.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        var namesBefore = ThreadCensus.byName(); // one read of /proc: reading it costs CPU too
        var censusBefore = ThreadCensus.categories(namesBefore);
        long cpu0 = ProcessProbe.processCpuNanos();
        long w0 = System.nanoTime();
        start.countDown();
        while (!finished.await(50, TimeUnit.MILLISECONDS)) {
            peakThreads.accumulateAndGet(ProcessProbe.osThreadsNow(), Math::max);
        }
        long w1 = System.nanoTime();
        long cpu1 = ProcessProbe.processCpuNanos();
        var namesAfter = ThreadCensus.byName();
        var censusAfter = ThreadCensus.categories(namesAfter);
        release.countDown();
        for (Thread f : feeders) f.join();
        long done = delivered.sum() - deliveredBefore;
        double seconds = (w1 - w0) / 1e9;
        Results.note("produced %d messages in %.3f s (each feeder thread until its producer's flush returned): %.0f msgs/s,"
                + " %.3f us CPU/msg (whole process); %d delivered, %d failed", total, seconds, total / seconds,
                (cpu1 - cpu0) / 1e3 / total, done, failed.sum());
        Results.note("thread CPU while producing: %s", ThreadCensus.describe(censusAfter, censusBefore));
        Results.note("busiest thread names while producing: %s", ThreadCensus.busiest(namesAfter, namesBefore, 6));
        Results.result("produce.messages", total);
        Results.result("produce.delivered", done);
        Results.result("produce.failed", failed.sum());
        Results.result("produce.seconds", seconds);
        Results.result("produce.msgs_per_s", total / seconds);
        Results.result("produce.cpu_us_per_msg", (cpu1 - cpu0) / 1e3 / total);
        Results.result("produce.peak_threads", peakThreads.get());
        Results.result("produce.peak_rss_mb", ProcessProbe.peakRssKb() / 1024.0);

        long c0 = System.nanoTime();
        for (Producer p : all) p.close();
        long c1 = System.nanoTime();
        all.clear();
        ProcessProbe closed = ProcessProbe.take(true);
        Results.note("closed %d producers in %.0f ms; then %d OS threads, RSS %.1f MB (%.1f MB at the start)", producers,
                (c1 - c0) / 1e6, closed.osThreads(), closed.rssKb() / 1024.0, base.rssKb() / 1024.0);
        Results.result("close.ms", (c1 - c0) / 1e6);
        Results.result("close.threads", closed.osThreads());
        Results.result("close.rss_mb", closed.rssKb() / 1024.0);
    }
}
