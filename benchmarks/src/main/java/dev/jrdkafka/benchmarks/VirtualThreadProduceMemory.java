package dev.jrdkafka.benchmarks;

import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Native memory held by produce staging buffers after many virtual threads have produced.
 * Starts an in-process {@link MockCluster} (1 broker) and a {@link Producer}, then THREADS
 * virtual threads (default 10,000), all started together, that each produce PER_THREAD
 * (default 5) records of VALUE_BYTES (default 100) with the {@code byte[]} fast path. After
 * every thread has finished and every record is delivered, and before any GC, it prints the
 * JVM's Native Memory Tracking category "Other": FFM arenas ({@code Unsafe.allocateMemory})
 * are counted there, librdkafka's own {@code malloc}s are not. Then again once the producer
 * is closed (which frees the client's own arena), and after {@code System.gc()}. The time
 * from the start signal until every thread has finished is printed too.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -XX:NativeMemoryTracking=summary -Xms2g -Xmx2g \
 *     -cp benchmarks/target/benchmarks.jar dev.jrdkafka.benchmarks.VirtualThreadProduceMemory [THREADS [PER_THREAD [VALUE_BYTES]]]
 * </pre>
 * The large fixed heap keeps the GC from running (and freeing automatic arenas) before the
 * measurement; the GC count is printed to show it did not.
 */
public final class VirtualThreadProduceMemory {
    private static final Pattern OTHER = Pattern.compile(
            "-\\s+Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)\\s*\\n\\s*\\(malloc=(\\d+)KB(?: tag=Other)? #(\\d+)");

    private VirtualThreadProduceMemory() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int valueSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        String topic = "vt-memory";
        byte[] value = new byte[valueSize];
        AtomicLong delivered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long gcs = 0;
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic(topic, 1, 1);
            KafkaConfig config = KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).lingerMs(5)
                    .queueBufferingMaxMessages(10_000_000).queueBufferingMaxKbytes(2_000_000);
            try (Producer producer = Producer.create(config, ProducerOptions.defaults().withDeliveryListener(r -> {
                if (r.succeeded()) delivered.incrementAndGet();
                else failed.incrementAndGet();
            }))) {
                producer.produce(topic, 0, null, value, 0); // connect, load classes, stage once on this thread
                producer.flush(Duration.ofSeconds(30));
                report("before the virtual threads", -1);
                gcs = gcCount();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> all = new ArrayList<>(threads);
                long t0;
                try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int t = 0; t < threads; t++) {
                        int id = t;
                        all.add(vt.submit(() -> {
                            start.await();
                            for (int i = 0; i < perThread; i++) producer.produce(topic, 0, null, value, (long) id * perThread + i + 1);
                            return null;
                        }));
                    }
                    t0 = System.nanoTime();
                    start.countDown();
                    for (Future<?> f : all) f.get();
                }
                long produceNanos = System.nanoTime() - t0;
                producer.flush(Duration.ofSeconds(60));
                System.out.printf("%d virtual threads x %d records of %d bytes: produced in %.1f ms (from the start signal"
                                + " until every thread finished), %d delivered, %d failed%n", threads, perThread, value.length,
                        produceNanos / 1e6, delivered.get() - 1, failed.get());
                report("after all threads finished, before GC", gcCount() - gcs);
            }
            // Closing the producer frees its own arena (its delivery-report array, which grows
            // with the largest batch of reports), so what remains is the staging buffers.
            report("after producer.close(), before GC", gcCount() - gcs);
            System.gc();
            Thread.sleep(500); // cleaners of automatic arenas run on their own thread
            report("after System.gc()", gcCount() - gcs);
        }
    }

    private static void report(String when, long gcsSince) throws Exception {
        String nmt = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        Matcher m = OTHER.matcher(nmt);
        if (!m.find()) {
            throw new IllegalStateException("no \"Other\" category in the NMT summary (run with"
                    + " -XX:NativeMemoryTracking=summary):\n" + nmt);
        }
        System.out.printf("NMT Other %-40s committed %,9d KB (malloc %,9d KB in %,6d blocks)%s%n", when + ":",
                Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                gcsSince < 0 ? "" : ", GCs since start: " + gcsSince);
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, gc.getCollectionCount());
        return n;
    }
}
