package dev.jrdkafka.leak;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.cluster.OffsetSpec;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Creates and closes one kind of client many times in a fresh JVM and prints what a leak
 * would show in ({@link ProcessFigures}): at the start (before any librdkafka handle), after
 * a warm-up of {@value #WARMUP} cycles (class loading, JIT, malloc arenas settle), every 100 cycles, after the cycles,
 * and after the shared mock cluster is closed too. {@link LeakCyclesTest} runs it and
 * checks the figures.
 *
 * <p>Usage: {@code LeakCycles producer|consumer|admin|mock CYCLES}
 */
public final class LeakCycles {
    static final int WARMUP = 200;
    static final String TOPIC = "leak";

    private LeakCycles() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int cycles = Integer.parseInt(args[1]);
        settle(() -> Rd.threadCount() == 0); // loads the library; nothing created yet
        System.out.println(ProcessFigures.now().line("start"));
        java.util.Set<String> startFds = ProcessFigures.fdTargets();
        MockCluster cluster = kind.equals("mock") ? null : MockCluster.start(1);
        if (cluster != null) {
            cluster.createTopic(TOPIC, 1, 1);
            try (Producer p = Producer.create(config(cluster))) {
                for (int i = 0; i < 100; i++) p.produce(TOPIC, 0, null, ("v" + i).getBytes());
                p.flush(Duration.ofSeconds(30));
            }
            Thread.sleep(500); // the producer's threads are gone; what remains is the cluster's
        }
        int clusterThreads = Rd.threadCount();
        System.out.println("clusterThreads=" + clusterThreads);
        Runnable cycle = switch (kind) {
            case "producer" -> counted(i -> producerCycle(cluster, i));
            case "consumer" -> counted(i -> consumerCycle(cluster, i));
            case "admin" -> counted(i -> adminCycle(cluster, i));
            case "mock" -> counted(LeakCycles::mockCycle);
            default -> throw new IllegalArgumentException("kind: producer, consumer, admin or mock, not " + kind);
        };
        for (int i = 0; i < WARMUP; i++) cycle.run();
        ProcessFigures base = quiesced(clusterThreads, Integer.MAX_VALUE);
        System.out.println(base.line("baseline"));
        java.util.Set<String> baseFds = ProcessFigures.fdTargets();
        long t0 = System.nanoTime();
        for (int i = 1; i <= cycles; i++) {
            cycle.run();
            if (i % 100 == 0) System.out.println("rss" + i + " rssKb=" + ProcessFigures.readRssKb());
        }
        System.out.println("elapsedMs=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        System.out.println(quiesced(clusterThreads, base.fds()).line("after"));
        System.out.println("fdsNotAtBaseline " + ProcessFigures.newFds(baseFds));
        if (cluster != null) cluster.close();
        System.out.println(quiesced(0, Integer.MAX_VALUE).line("end"));
        System.out.println("fdsNotAtStart " + ProcessFigures.newFds(startFds));
    }

    private interface Cycle {
        void run(int i) throws Exception;
    }

    private static Runnable counted(Cycle c) {
        int[] n = {0};
        return () -> {
            try {
                c.run(n[0]++);
            } catch (Exception e) {
                throw new IllegalStateException("cycle " + n[0] + " failed", e);
            }
        };
    }

    static KafkaConfig config(MockCluster cluster) {
        return KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).set("log_level", 3L);
    }

    /** Create, close; every 10th cycle a message is sent and acknowledged first. */
    private static void producerCycle(MockCluster cluster, int i) throws Exception {
        try (Producer p = Producer.create(config(cluster))) {
            if (i % 10 == 0) p.send(new dev.jrdkafka.producer.ProducerRecord(TOPIC, 0, null, "x".getBytes(), 0, List.of()))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Every 50th cycle subscribes in a group and closes mid-join (leaving the group takes
     * about a second with the mock cluster, too slow for every cycle); the others assign the
     * partition and poll once; every 20th reads a record first (fetch buffers in use at close;
     * the first record takes librdkafka about 0.5 s, also too slow for every cycle).
     */
    private static void consumerCycle(MockCluster cluster, int i) {
        KafkaConfig config = config(cluster).set("auto.offset.reset", "earliest");
        boolean group = i % 50 == 0;
        if (group) config.groupId("leak-group");
        try (Consumer c = Consumer.create(config)) {
            if (group) {
                c.subscribe(List.of(TOPIC));
                c.poll(Duration.ofMillis(10));
            } else {
                c.assign(Map.of(new TopicPartition(TOPIC, 0), Consumer.OFFSET_BEGINNING));
                if (i % 20 == 1) {
                    ConsumerRecord r = null;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (r == null && System.nanoTime() < deadline) r = c.poll(Duration.ofMillis(100));
                    if (r == null) throw new IllegalStateException("no record within 30 s");
                } else {
                    c.poll(Duration.ofMillis(1));
                }
            }
        }
    }

    /**
     * Create, one call, close: ListGroups (answered in a few ms); every 50th cycle ListOffsets
     * instead, which needs the partition's leader first (librdkafka may wait a second for the
     * metadata: too slow for every cycle).
     */
    private static void adminCycle(MockCluster cluster, int i) throws Exception {
        try (Admin a = Admin.create(config(cluster))) {
            if (i % 50 == 0) {
                a.listOffsets(Map.of(new TopicPartition(TOPIC, 0), OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS);
            } else {
                a.listConsumerGroups().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Start a one-broker cluster, close it; every 10th cycle a producer round trip first. */
    private static void mockCycle(int i) throws Exception {
        try (MockCluster c = MockCluster.start(1)) {
            if (i % 10 == 0) {
                c.createTopic(TOPIC, 1, 1);
                producerCycle(c, 0);
            }
        }
    }

    /**
     * Figures once the process is quiet (each wait bounded by 10 s): after a GC (a dropped
     * client would be closed by the Cleaner), once librdkafka's thread count is down to what
     * the shared mock cluster holds, and once the descriptor count is at most {@code maxFds} and
     * holds still for half a second (the mock brokers close their end of a closed client's
     * connections when they next poll it).
     */
    private static ProcessFigures quiesced(int expected, int maxFds) throws InterruptedException {
        System.gc();
        settle(() -> Rd.threadCount() <= expected && ProcessFigures.now().liveClients() == 0);
        settle(() -> ProcessFigures.openFds() <= maxFds);
        int[] last = {-1};
        long[] since = {System.nanoTime()};
        settle(() -> {
            int fds = ProcessFigures.openFds();
            if (fds != last[0]) {
                last[0] = fds;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > TimeUnit.MILLISECONDS.toNanos(500);
        });
        return ProcessFigures.now();
    }

    private static void settle(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    }
}
