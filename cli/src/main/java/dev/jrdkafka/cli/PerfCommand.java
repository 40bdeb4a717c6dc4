package dev.jrdkafka.cli;

import dev.jrdkafka.config.ConfigException;
import dev.jrdkafka.config.KafkaConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrdkafka perf}: librdkafka's {@code rdkafka_performance}, in Java. Flags mean what
 * they mean there (and the same librdkafka defaults apply: linger.ms=1000,
 * message.send.max.retries=3, retry.backoff.ms=500), so both programs can run with the
 * same arguments. Without {@code -b} it runs against an embedded mock cluster
 * ({@code test.mock.num.brokers=3}), like {@code rdkafka_performance -X test.mock.num.brokers=3}.
 */
@Command(name = "perf", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure producing (-P) or consuming (-C, -G), like librdkafka's rdkafka_performance (same flags).")
final class PerfCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "-P", description = "Produce mode.")
    boolean produce;

    @Option(names = "-C", description = "Consume mode.")
    boolean consume;

    @Option(names = "-G", paramLabel = "GROUP", description = "Consume as a member of this group (subscribe); implies -C.")
    String group;

    @Option(names = "-t", paramLabel = "TOPIC", defaultValue = "jrdkafka-perf", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "-p", paramLabel = "PARTITION", defaultValue = "-1",
            description = "Partition (default: -1, the partitioner chooses).")
    int partition;

    @Option(names = "-s", paramLabel = "BYTES", defaultValue = "100", description = "Message size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "-c", paramLabel = "COUNT", defaultValue = "1000000", description = "Messages (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "-D", description = "Copy each message's payload (librdkafka copies a byte[]); without -D one "
            + "native payload buffer is produced for every message without copying, as rdkafka_performance does.")
    boolean copyEachMessage;

    @Option(names = "-a", paramLabel = "ACKS", description = "Required acks (acks).")
    String acks;

    @Option(names = "-z", paramLabel = "CODEC", description = "Compression codec (compression.codec).")
    String codec;

    @Option(names = "-b", paramLabel = "BROKERS", description = "Bootstrap servers (default: an embedded mock cluster of 3 brokers).")
    String brokers;

    @Option(names = "-X", paramLabel = "KEY=VALUE", description = "Any librdkafka property (repeatable).")
    List<String> properties = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (group != null) consume = true;
        if (consume == produce) {
            throw new ParameterException(spec.commandLine(), "choose one mode: -P (produce) or -C / -G GROUP (consume)");
        }
        if (size < 0) throw new ParameterException(spec.commandLine(), "-s must be >= 0, got " + size);
        if (count < 1) throw new ParameterException(spec.commandLine(), "-c must be >= 1, got " + count);
        KafkaConfig config;
        try {
            config = config();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        String where = brokers == null ? "the embedded mock cluster (3 brokers)" : brokers;
        out.printf("%% jrdkafka %s on librdkafka %s%n", JrdkafkaCommand.jrdkafkaVersion(), dev.jrdkafka.Librdkafka.version());
        if (consume) return consume(out, config);
        out.printf("%% Producing %d messages of %d bytes to \"%s\" on %s%n", count, size, topic, where);
        out.flush();
        ProducePerf.Result r;
        try {
            r = new ProducePerf(config, topic, partition, size, count, copyEachMessage).run();
        } catch (dev.jrdkafka.KafkaException e) {
            spec.commandLine().getErr().println("% " + e.getMessage());
            return 1;
        }
        out.printf("%% %d messages produced (%d bytes), %d delivered, %d failed in %.3f s%n",
                r.produced(), r.bytes(), r.delivered(), r.failed(), r.seconds());
        out.printf("%% %.0f msgs/s, %.2f MB/s, %.3f us CPU/msg (process), delivery latency p50 %.2f ms, p99 %.2f ms%n",
                r.msgsPerSecond(), r.megabytesPerSecond(), r.cpuMicrosPerMessage(), r.p50Millis(), r.p99Millis());
        out.flush();
        return r.failed() == 0 && r.delivered() == r.produced() ? 0 : 1;
    }

    /**
     * Consume mode. Without -b, an embedded mock cluster is started and first filled with
     * the messages to read (the mock keeps at most 5 MiB per partition: size -c and -s so).
     */
    private int consume(PrintWriter out, KafkaConfig config) {
        dev.jrdkafka.mock.MockCluster cluster = null;
        try {
            if (brokers == null) {
                cluster = dev.jrdkafka.mock.MockCluster.start(3);
                cluster.createTopic(topic, 1, 1);
                config.remove("test.mock.num.brokers").bootstrapServers(cluster.bootstrapServers());
                out.printf("%% Filling the embedded mock cluster with %d messages of %d bytes%n", count, size);
                out.flush();
                KafkaConfig fill = config.copy().remove("queued.min.messages").remove("session.timeout.ms")
                        .set("linger.ms", "5");
                ProducePerf.Result filled = new ProducePerf(fill, topic, 0, size, count, false).run();
                if (filled.delivered() != count) {
                    spec.commandLine().getErr().println("% filling the mock cluster failed: " + filled.failed() + " failed");
                    return 1;
                }
            }
            config.set("auto.offset.reset", "earliest").set("enable.partition.eof", "false");
            out.printf("%% Consuming %d messages from \"%s\"%s%n", count, topic, group != null ? " as group " + group : "");
            out.flush();
            ConsumePerf.Result r = new ConsumePerf(config, topic, partition, group, count, Duration.ofSeconds(30)).run();
            out.printf("%% %d messages (%d bytes) consumed in %.3f s%n", r.messages(), r.bytes(), r.seconds());
            out.printf("%% %.0f msgs/s, %.2f MB/s, %.3f us CPU/msg (process)%n", r.msgsPerSecond(), r.megabytesPerSecond(),
                    r.cpuMicrosPerMessage());
            out.flush();
            return r.messages() == count ? 0 : 1;
        } catch (dev.jrdkafka.KafkaException e) {
            spec.commandLine().getErr().println("% " + e.getMessage());
            return 1;
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    private KafkaConfig config() {
        // rdkafka_performance's own defaults, so the same arguments mean the same run
        // (its producer settings only in produce mode: a consumer would warn about them).
        KafkaConfig c = KafkaConfig.create().set("log_level", "4");
        if (produce) c.set("linger.ms", "1000").set("message.send.max.retries", "3").set("retry.backoff.ms", "500");
        else c.set("queued.min.messages", "1000000").set("session.timeout.ms", "6000");
        if (brokers != null) c.bootstrapServers(brokers);
        else c.set("test.mock.num.brokers", "3");
        if (acks != null) c.set("acks", acks);
        if (codec != null) c.set("compression.codec", codec);
        for (String kv : properties) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new ParameterException(spec.commandLine(), "-X expects key=value, got '" + kv + "'");
            c.set(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return c;
    }
}
