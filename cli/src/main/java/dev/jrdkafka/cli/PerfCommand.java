package dev.jrdkafka.cli;

import dev.jrdkafka.config.ConfigException;
import dev.jrdkafka.config.KafkaConfig;
import java.io.PrintWriter;
import dev.jrdkafka.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrdkafka perf}. Without -P or -C it is the main job, the round trip
 * ({@link RoundTrip}). With -P or -C it is librdkafka's {@code rdkafka_performance} in Java:
 * flags mean what they mean there (and the same librdkafka defaults apply: linger.ms=1000,
 * message.send.max.retries=3, retry.backoff.ms=500 to produce; queued.min.messages=1000000
 * to consume), so both programs can run with the same arguments. Without {@code -b} it runs
 * against a mock cluster of 3 brokers served in this process.
 */
@Command(name = "perf", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Without -P or -C: the round trip (the main job) - produce messages and consume them back at the "
                + "same time, then check that what was consumed is what was produced (exit status 1 if not).",
                "-P or -C/-G: measure producing or consuming alone, like librdkafka's rdkafka_performance (same flags)."})
final class PerfCommand implements Callable<Integer> {
    /** What the embedded mock keeps per partition (rdkafka_mock.c: 5 MiB), less room for batch framing. */
    private static final long MOCK_PARTITION_BYTES = 4L << 20;
    /** Per-record bytes on top of the value in a v2 record batch, roughly, for sizing the mock's topic. */
    private static final int RECORD_OVERHEAD = 32;

    @Spec CommandSpec spec;

    @Option(names = "-P", description = "Produce mode.")
    boolean produce;

    @Option(names = "-C", description = "Consume mode (assigned partitions, -p).")
    boolean consume;

    @Option(names = "-G", paramLabel = "GROUP", description = "Consume as a member of this group (subscribe); implies -C.")
    String group;

    @Option(names = "-t", paramLabel = "TOPIC", defaultValue = "jrdkafka-perf", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "-p", paramLabel = "PARTITION", description = "Partition (repeatable for -C). Produce default: the "
            + "partitioner chooses. Consume default on the embedded mock: all partitions; with -b, -C needs -p (or use -G).")
    List<Integer> partitions = new ArrayList<>();

    @Option(names = "-s", paramLabel = "BYTES", defaultValue = "100", description = "Message size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "-c", paramLabel = "COUNT", defaultValue = "1000000", description = "Messages (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "-D", description = "Copy each message's payload (librdkafka copies a byte[]); without -D one "
            + "native payload buffer is produced for every message without copying, as rdkafka_performance does.")
    boolean copyEachMessage;

    @Option(names = "-o", paramLabel = "OFFSET", description = "Consume start: beginning (default), end, stored, or an offset.")
    String offset;

    @Option(names = "-B", paramLabel = "SIZE", defaultValue = "10000",
            description = "Consume batch size: records per pollBatch, read in place (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--single", description = "Consume one record per poll(), each an owned copy, instead of batches.")
    boolean single;

    @Option(names = "-a", paramLabel = "ACKS", description = "Required acks (acks).")
    String acks;

    @Option(names = "-z", paramLabel = "CODEC", description = "Compression codec (compression.codec).")
    String codec;

    @Option(names = "-b", paramLabel = "BROKERS", description = "Bootstrap servers (default: an embedded mock cluster of 3 brokers).")
    String brokers;

    @Option(names = "-X", paramLabel = "KEY=VALUE", description = "Any librdkafka property (repeatable).")
    List<String> properties = new ArrayList<>();

    private enum Mode { PRODUCE, CONSUME, ROUND_TRIP }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (group != null) consume = true;
        if (consume && produce) {
            throw usage("choose one mode: -P (produce), -C / -G GROUP (consume), or neither (the round trip)");
        }
        Mode mode = produce ? Mode.PRODUCE : consume ? Mode.CONSUME : Mode.ROUND_TRIP;
        if (size < 0) throw usage("-s must be >= 0, got " + size);
        if (count < 1) throw usage("-c must be >= 1, got " + count);
        if (batchSize < 1) throw usage("-B must be >= 1, got " + batchSize);
        if (mode == Mode.PRODUCE && partitions.size() > 1) throw usage("-P takes at most one -p");
        if (mode == Mode.ROUND_TRIP && !partitions.isEmpty()) throw usage("the round trip uses every partition: drop -p");
        if (mode == Mode.ROUND_TRIP && size < RoundTrip.MIN_SIZE) {
            throw usage("the round trip needs -s >= " + RoundTrip.MIN_SIZE + " (each value carries its sequence number "
                    + "and produce time), got " + size);
        }
        if (mode == Mode.CONSUME && group == null && brokers != null && partitions.isEmpty()) {
            throw usage("-C with -b needs the partitions to read (-p N, repeatable), or -G GROUP to subscribe");
        }
        for (int p : partitions) if (p < 0) throw usage("-p must be >= 0, got " + p);
        KafkaConfig config;
        try {
            config = config(mode);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        out.printf("%% jrdkafka %s on librdkafka %s%n", JrdkafkaCommand.jrdkafkaVersion(), dev.jrdkafka.Librdkafka.version());
        dev.jrdkafka.mock.MockCluster cluster = null;
        try {
            int topicPartitions = 0;
            if (brokers == null) {
                // The embedded cluster is served in this process; its topic gets enough
                // partitions to hold every message within the mock's retention.
                cluster = dev.jrdkafka.mock.MockCluster.start(3);
                topicPartitions = mockPartitions(mode);
                cluster.createTopic(topic, topicPartitions, 1);
                cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
                config.bootstrapServers(cluster.bootstrapServers());
            }
            String where = brokers == null ? "the embedded mock cluster (3 brokers)" : brokers;
            return switch (mode) {
                case PRODUCE -> produce(out, config, where);
                case CONSUME -> consume(out, config, topicPartitions);
                case ROUND_TRIP -> roundTrip(out, config, where, topicPartitions);
            };
        } catch (dev.jrdkafka.KafkaException | IllegalStateException e) {
            spec.commandLine().getErr().println("% " + e.getMessage());
            return 1;
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    /**
     * Partitions of a topic that rdkafka_performance's embedded mock cluster creates on first
     * use (rdkafka_mock.c: defaults.partition_cnt).
     */
    static final int MOCK_DEFAULT_PARTITIONS = 4;

    private int mockPartitions(Mode mode) {
        // Producing alone: the same topic as rdkafka_performance -P gets on its mock (the mock
        // drops the oldest messages beyond 5 MiB per partition, as there), so the two measure
        // the same work. Sized for every message (up to 1,000 partitions: 500 for 2,000,000
        // messages of 1 KiB), the producer had to serve hundreds of partitions with small
        // batches, which cost it 2-3x C's CPU per message at 1 KiB.
        if (mode == Mode.PRODUCE) return MOCK_DEFAULT_PARTITIONS;
        int needed = (int) Math.min(1000, ((long) count * (size + RECORD_OVERHEAD) + MOCK_PARTITION_BYTES - 1) / MOCK_PARTITION_BYTES);
        int asked = mode == Mode.CONSUME ? partitions.stream().mapToInt(p -> p + 1).max().orElse(0) : 0;
        return Math.max(Math.max(3, needed), asked);
    }

    private int produce(PrintWriter out, KafkaConfig config, String where) {
        int partition = partitions.isEmpty() ? -1 : partitions.getFirst();
        out.printf("%% Producing %d messages of %d bytes to \"%s\" on %s%n", count, size, topic, where);
        out.flush();
        ProducePerf.Result r = new ProducePerf(config, topic, partition, size, count, copyEachMessage).run();
        out.printf("%% %d messages produced (%d bytes), %d delivered, %d failed in %.3f s%n",
                r.produced(), r.bytes(), r.delivered(), r.failed(), r.seconds());
        out.printf("%% %.0f msgs/s, %.2f MB/s, %.3f us CPU/msg (process), delivery latency p50 %.2f ms, p99 %.2f ms%n",
                r.msgsPerSecond(), r.megabytesPerSecond(), r.cpuMicrosPerMessage(), r.p50Millis(), r.p99Millis());
        if (r.heapBytesPerMessage() >= 0) {
            out.printf("%% %.1f B heap/msg (all threads, from before the client is created to after it is closed)%n",
                    r.heapBytesPerMessage());
        }
        long jvmStartMicros = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() * 1000;
        out.printf("%% first delivery report at %d us since the epoch, %.1f ms after the JVM started%n",
                r.firstDeliveryEpochMicros(), (r.firstDeliveryEpochMicros() - jvmStartMicros) / 1e3);
        out.flush();
        return r.failed() == 0 && r.delivered() == r.produced() ? 0 : 1;
    }

    /**
     * Consume mode. On the embedded mock cluster the topic is first filled with the messages
     * to read (sized to fit the mock's 5 MiB per partition).
     */
    private int consume(PrintWriter out, KafkaConfig config, int topicPartitions) {
        long start = startOffset();
        if (brokers == null) {
            // From an absolute -o, one partition needs that many more messages before the ones to read.
            int fillCount = (int) Math.min(Integer.MAX_VALUE, count + (start >= 0 && partitions.size() == 1 ? start : 0));
            out.printf("%% Filling the embedded mock cluster with %d messages of %d bytes (%d partitions)%n",
                    fillCount, size, topicPartitions);
            out.flush();
            KafkaConfig fill = KafkaConfig.create().set("log_level", "4").bootstrapServers(config.get("bootstrap.servers").orElseThrow())
                    .set("linger.ms", "5");
            ProducePerf perf = new ProducePerf(fill, topic, partitions.size() == 1 ? partitions.getFirst() : -1,
                    size, fillCount, false);
            if (partitions.size() > 1) perf.spreadOver(partitions.stream().mapToInt(Integer::intValue).toArray());
            else if (partitions.isEmpty()) perf.spreadOver(java.util.stream.IntStream.range(0, topicPartitions).toArray());
            ProducePerf.Result filled = perf.run();
            if (filled.delivered() != fillCount) {
                spec.commandLine().getErr().println("% filling the mock cluster failed: " + filled.failed() + " failed");
                return 1;
            }
        }
        List<TopicPartition> assigned = new ArrayList<>();
        if (group == null) {
            if (partitions.isEmpty()) for (int p = 0; p < topicPartitions; p++) assigned.add(new TopicPartition(topic, p));
            else for (int p : partitions) assigned.add(new TopicPartition(topic, p));
        }
        out.printf("%% Consuming %d messages from \"%s\"%s, %s%n", count, topic,
                group != null ? " as group " + group : " (" + assigned.size() + " partitions)",
                single ? "one record per poll()" : "batches of up to " + batchSize + " (views in place)");
        out.flush();
        ConsumePerf.Result r = new ConsumePerf(config, topic, assigned, group, start, count,
                single ? 0 : batchSize, Duration.ofSeconds(30)).run();
        out.printf("%% %d messages (%d bytes) consumed in %.3f s%n", r.messages(), r.bytes(), r.seconds());
        out.printf("%% %.0f msgs/s, %.2f MB/s, %.3f us CPU/msg (process)%n", r.msgsPerSecond(), r.megabytesPerSecond(),
                r.cpuMicrosPerMessage());
        out.flush();
        return r.messages() == count ? 0 : 1;
    }

    private int roundTrip(PrintWriter out, KafkaConfig config, String where, int topicPartitions) throws InterruptedException {
        out.printf("%% Round trip: %d messages of %d bytes to \"%s\"%s on %s, consumed back at the same time%n",
                count, size, topic, topicPartitions > 0 ? " (" + topicPartitions + " partitions)" : "", where);
        out.flush();
        // Each client gets its own settings (a consumer warns about producer properties).
        // fetch.wait.max.ms: the mock cluster answers a fetch that found no data only after
        // this wait, even when data arrives meanwhile (rdkafka_mock_handlers.c), so a consumer
        // that has caught up would idle for librdkafka's default 500 ms.
        KafkaConfig producerConfig = config.copy().set("linger.ms", "5");
        // fetch.queue.backoff.ms: when the producer outpaces the consumer, librdkafka's fetch
        // queue fills (queued.max.messages.kbytes) and fetching pauses for this long (default
        // 1 s) even if the application drains the queue at once: stalls of seconds, measured.
        KafkaConfig consumerConfig = config.copy().set("fetch.queue.backoff.ms", "10");
        if (brokers == null) consumerConfig.set("fetch.wait.max.ms", "5");
        applyProperties(producerConfig); // -X wins over both
        applyProperties(consumerConfig);
        RoundTrip.Result r = new RoundTrip(producerConfig, consumerConfig, topic, size, count, topicPartitions,
                Duration.ofSeconds(30)).run();
        out.printf("%% produced %d messages (%d bytes) in %.3f s: %.0f msgs/s, %.2f MB/s; %d delivered, %d failed%n",
                r.produced(), r.produced() * size, r.produceSeconds(), r.delivered() / r.produceSeconds(),
                r.produced() * size / r.produceSeconds() / 1e6, r.delivered(), r.failed());
        double cs = Math.max(1e-9, r.consumeSeconds());
        out.printf("%% consumed %d messages (%d bytes) in %.3f s: %.0f msgs/s, %.2f MB/s%n",
                r.consumed(), r.bytes(), r.consumeSeconds(), r.consumed() / cs, r.bytes() / cs / 1e6);
        out.printf("%% end-to-end latency (produce to consume) p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                r.p50Millis(), r.p99Millis(), r.maxMillis());
        out.printf("%% %.3f us CPU/msg (the whole process: producer, consumer, librdkafka's and the mock brokers' threads)%n",
                r.cpuSeconds() * 1e6 / count);
        out.printf("%% check: %d of %d messages consumed, %d missing, %d duplicated, %d corrupt, %d out of order: %s%n",
                r.consumed(), r.produced(), r.missing(), r.duplicates(), r.corrupt(), r.outOfOrder(),
                r.ok() ? "OK, consumed = produced" : "MISMATCH");
        out.flush();
        return r.ok() ? 0 : 1;
    }

    /** -o as a librdkafka logical offset or an absolute one; null for the default (beginning). */
    private long startOffset() {
        if (offset == null || offset.equals("beginning")) return dev.jrdkafka.consumer.Consumer.OFFSET_BEGINNING;
        if (offset.equals("end")) return dev.jrdkafka.consumer.Consumer.OFFSET_END;
        if (offset.equals("stored")) return dev.jrdkafka.consumer.Consumer.OFFSET_STORED;
        try {
            long o = Long.parseLong(offset);
            if (o < 0) throw usage("-o takes beginning, end, stored or an offset >= 0, got " + offset);
            return o;
        } catch (NumberFormatException e) {
            throw usage("-o takes beginning, end, stored or an offset >= 0, got '" + offset + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private KafkaConfig config(Mode mode) {
        // rdkafka_performance's own defaults, so the same arguments mean the same run (its
        // producer settings only in produce mode: a consumer would warn about them). The
        // round trip is tuned for throughput and latency instead (see roundTrip()).
        KafkaConfig c = KafkaConfig.create().set("log_level", "4");
        switch (mode) {
            case PRODUCE -> c.set("linger.ms", "1000").set("message.send.max.retries", "3").set("retry.backoff.ms", "500");
            case CONSUME -> c.set("queued.min.messages", "1000000").set("session.timeout.ms", "6000");
            case ROUND_TRIP -> { } // per client, in roundTrip()
        }
        if (brokers != null) c.bootstrapServers(brokers);
        if (acks != null) c.set("acks", acks);
        if (codec != null) c.set("compression.codec", codec);
        return applyProperties(c);
    }

    /** The -X properties, set on {@code c}. */
    private KafkaConfig applyProperties(KafkaConfig c) {
        for (String kv : properties) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw usage("-X expects key=value, got '" + kv + "'");
            c.set(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return c;
    }
}
