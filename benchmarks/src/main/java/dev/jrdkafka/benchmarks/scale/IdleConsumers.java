package dev.jrdkafka.benchmarks.scale;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.Queue;
import dev.jrdkafka.consumer.QueueSelector;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many idle consumers in one JVM, read from virtual threads: CONSUMERS {@link Consumer}s
 * (default 1,000), consumer {@code i} assigned partition {@code i % partitions} of TOPIC
 * (default a 1,000-partition topic) from its end, so nothing arrives. They are read either by
 * SELECTORS virtual threads, each waiting with a {@link QueueSelector} on its share of the
 * consumer queues ({@code --selectors=1}, the default), or by one virtual thread per consumer
 * parked in {@link Queue#pollBatch} ({@code --selectors=0}). After a settling time it measures,
 * over an idle window, the process CPU per idle consumer and second, which threads spent it,
 * and per consumer the OS threads, resident memory, Java heap and NMT. Then it produces
 * TRICKLE records to every partition and reports how long until all were read, and their
 * latency (the mock answers an empty fetch after {@code fetch.wait.max.ms}, so a record
 * produced during that wait is fetched only when it ends).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -XX:NativeMemoryTracking=summary \
 *     -cp benchmarks/target/benchmarks.jar dev.jrdkafka.benchmarks.scale.IdleConsumers \
 *     [--consumers=1000] [--selectors=1] [--settle-seconds=10] [--idle-seconds=20] [--trickle=1] \
 *     [--bootstrap=HOST:PORT --topic=scale-idle --partitions=1000] [-X key=value]...
 * </pre>
 * Without {@code --bootstrap} it starts an in-process mock cluster (3 brokers; its CPU then
 * counts too). Consumer settings: {@code enable.partition.eof=false}, no group (assign);
 * everything else is librdkafka's default unless given with -X.
 */
public final class IdleConsumers {
    private IdleConsumers() {}

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        String topic = flags.string("topic", "scale-idle");
        int partitions = flags.integer("partitions", 1000);
        String bootstrap = flags.string("bootstrap", null);
        MockCluster mock = null;
        if (bootstrap == null) {
            mock = MockCluster.start(3);
            mock.createTopic(topic, partitions, 1);
            bootstrap = mock.bootstrapServers();
        }
        try {
            new IdleConsumers.Run(flags, topic, partitions, bootstrap).run();
        } finally {
            if (mock != null) mock.close();
        }
    }

    private static final class Run {
        private final Flags flags;
        private final String topic;
        private final int partitions;
        private final String bootstrap;
        private final int consumers;
        private final int selectors;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final LongAdder received = new LongAdder();
        private final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();

        Run(Flags flags, String topic, int partitions, String bootstrap) {
            this.flags = flags;
            this.topic = topic;
            this.partitions = partitions;
            this.bootstrap = bootstrap;
            this.consumers = flags.integer("consumers", 1000);
            this.selectors = flags.integer("selectors", 1);
        }

        void run() throws Exception {
            int settle = flags.integer("settle-seconds", 10);
            int idleSeconds = flags.integer("idle-seconds", 20);
            int trickle = flags.integer("trickle", 1);
            KafkaConfig config = flags.apply(KafkaConfig.create().bootstrapServers(bootstrap).set("enable.partition.eof", "false"));
            Results.note("%d consumers on %s (%d partitions) at %s, read by %s; -X %s", consumers, topic, partitions, bootstrap,
                    selectors > 0 ? selectors + " QueueSelector virtual thread(s)" : "one virtual thread each (Queue.pollBatch)",
                    flags.properties());

            ProcessProbe base = ProcessProbe.take(true);
            var censusBase = ThreadCensus.take();
            long t0 = System.nanoTime();
            List<Consumer> all = new ArrayList<>(consumers);
            for (int i = 0; i < consumers; i++) {
                Consumer c = Consumer.create(config);
                c.assign(Map.of(new TopicPartition(topic, i % partitions), Consumer.OFFSET_END));
                all.add(c);
            }
            Results.note("created and assigned %d consumers in %.0f ms", consumers, (System.nanoTime() - t0) / 1e6);
            List<Thread> readers = startReaders(all);
            ProcessProbe.sleep(settle * 1000L);

            // The idle window: no GC forced inside it, nothing else done by this thread.
            ProcessProbe idle = ProcessProbe.take(true);
            var namesBefore = ThreadCensus.byName(); // one read of /proc: reading it costs CPU too
            var censusBefore = ThreadCensus.categories(namesBefore);
            long cpu0 = ProcessProbe.processCpuNanos();
            long w0 = System.nanoTime();
            ProcessProbe.sleep(idleSeconds * 1000L);
            long cpu1 = ProcessProbe.processCpuNanos();
            long w1 = System.nanoTime();
            var namesAfter = ThreadCensus.byName();
            var censusAfter = ThreadCensus.categories(namesAfter);
            double seconds = (w1 - w0) / 1e9;
            double cpuSeconds = (cpu1 - cpu0) / 1e9;
            Results.perClient("idle", base, idle, consumers);
            Results.result("idle.window_s", seconds);
            Results.result("idle.cpu_percent_of_one_core", 100 * cpuSeconds / seconds);
            Results.result("idle.per_client.cpu_us_per_s", cpuSeconds * 1e6 / seconds / consumers);
            Results.result("idle.received", received.sum());
            Results.note("idle %.1f s: process CPU %.2f s = %.1f%% of one core, %.0f us per consumer per second; records read: %d",
                    seconds, cpuSeconds, 100 * cpuSeconds / seconds, cpuSeconds * 1e6 / seconds / consumers, received.sum());
            Results.note("threads (CPU in the idle window): %s", ThreadCensus.describe(censusAfter, censusBefore));
            Results.note("busiest thread names in the idle window: %s", ThreadCensus.busiest(namesAfter, namesBefore, 6));
            Results.note("threads before the consumers: %s", ThreadCensus.describe(censusBase, null));

            if (trickle > 0) trickle(config, trickle);

            running.set(false);
            for (Thread r : readers) r.join(5_000);
            long c0 = System.nanoTime();
            closeAll(all);
            Results.result("close.ms", (System.nanoTime() - c0) / 1e6);
            ProcessProbe closed = ProcessProbe.take(true);
            Results.note("closed %d consumers in %.0f ms; then %d OS threads, RSS %.1f MB (%.1f MB at the start)", consumers,
                    (System.nanoTime() - c0) / 1e6, closed.osThreads(), closed.rssKb() / 1024.0, base.rssKb() / 1024.0);
        }

        /** The readers: SELECTORS virtual threads with a QueueSelector each, or one virtual thread per consumer. */
        private List<Thread> startReaders(List<Consumer> all) {
            List<Thread> readers = new ArrayList<>();
            if (selectors <= 0) {
                for (Consumer c : all) {
                    Queue q = c.consumerQueue();
                    readers.add(Thread.ofVirtual().name("scale-reader").start(() -> {
                        while (running.get()) {
                            try (RecordBatch b = q.pollBatch(500, Duration.ofSeconds(1))) {
                                count(b);
                            }
                        }
                    }));
                }
                return readers;
            }
            for (int s = 0; s < selectors; s++) {
                Map<Queue, Consumer> mine = new HashMap<>();
                for (int i = s; i < all.size(); i += selectors) mine.put(all.get(i).consumerQueue(), all.get(i));
                readers.add(Thread.ofVirtual().name("scale-selector-" + s).start(() -> {
                    try (QueueSelector selector = QueueSelector.open()) {
                        for (Queue q : mine.keySet()) selector.register(q);
                        while (running.get()) {
                            for (Queue q : selector.select(Duration.ofSeconds(1))) {
                                // A consumer queue is read by its consumer's poll (it also serves the client's events).
                                try (RecordBatch b = mine.get(q).pollBatch(500, Duration.ZERO)) {
                                    count(b);
                                }
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            return readers;
        }

        private void count(RecordBatch b) {
            long now = System.nanoTime();
            for (int i = 0; i < b.size(); i++) {
                if (b.valueSize(i) == Long.BYTES) latenciesNanos.add(now - ByteBuffer.wrap(b.valueBytes(i)).getLong());
            }
            received.add(b.size());
        }

        /** TRICKLE records to every partition, each carrying its send time; waits until every consumer has read its share. */
        private void trickle(KafkaConfig config, int perPartition) {
            long expected = 0;
            int[] readersOf = new int[partitions];
            for (int i = 0; i < consumers; i++) readersOf[i % partitions]++;
            for (int p = 0; p < partitions; p++) expected += (long) readersOf[p] * perPartition;
            long before = received.sum();
            KafkaConfig pc = KafkaConfig.create().bootstrapServers(bootstrap).lingerMs(5);
            long t0 = System.nanoTime();
            try (Producer producer = Producer.create(pc)) {
                for (int r = 0; r < perPartition; r++) {
                    for (int p = 0; p < partitions; p++) {
                        producer.produce(topic, p, null, ByteBuffer.allocate(Long.BYTES).putLong(System.nanoTime()).array(), 0);
                    }
                }
                producer.flush(Duration.ofSeconds(30));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.sum() - before < expected && System.nanoTime() < deadline) ProcessProbe.sleep(10);
            }
            long got = received.sum() - before;
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] lat = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            Results.result("trickle.expected", expected);
            Results.result("trickle.received", got);
            Results.result("trickle.seconds", seconds);
            if (lat.length > 0) {
                Results.result("trickle.latency_p50_ms", lat[lat.length / 2] / 1e6);
                Results.result("trickle.latency_max_ms", lat[lat.length - 1] / 1e6);
            }
            Results.note("trickle: %d records produced (%d per partition), %d of %d expected reads done in %.2f s; latency p50 %.1f ms, max %.1f ms",
                    (long) perPartition * partitions, perPartition, got, expected, seconds,
                    lat.length > 0 ? lat[lat.length / 2] / 1e6 : Double.NaN, lat.length > 0 ? lat[lat.length - 1] / 1e6 : Double.NaN);
        }

        /** Closes on a few platform threads: close waits in librdkafka, and 1,000 one after another take long. */
        private static void closeAll(List<Consumer> all) throws InterruptedException {
            try (ExecutorService pool = Executors.newFixedThreadPool(8, Thread.ofPlatform().name("scale-close-", 0).factory())) {
                for (Consumer c : all) pool.execute(c::close);
            }
            all.clear();
        }
    }
}
