package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.EffectiveConfig;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./jrdkafka} with kcat's command line: a kcat user replaces {@code kcat} with
 * {@code ./jrdkafka}. Modes -P, -C, -G, -L, -Q with kcat's flags (see {@link KcatOptions}),
 * -X list and -X dump. Without -b (and no {@code bootstrap.servers} in -X/-F) it runs against
 * an embedded mock cluster and says so on stderr. Exit status as kcat: 0, or 1 after an
 * error (one line on stderr).
 */
public final class Kcat {
    private static final Set<String> NOT_KCAT = Set.of("-h", "--help", "-V", "--version");
    /** stdout's buffer: large, so that output leaves in few writes. */
    private static final int OUT_BUFFER = 1 << 18;

    private static final String USAGE = """
            Usage: jrdkafka <options> [file1 file2 .. | topic1 topic2 ..]
            jrdkafka's kcat mode: kcat 1.7.1's command line (./jrdkafka --help: jrdkafka's own commands)
              -C | -P | -L | -Q  Mode: consume, produce, metadata list, query offsets by time
              -G <group-id>      Mode: balanced consumer group member; the operands are the topics
              -t <topic>         Topic (-Q: -t <topic>:<partition>:<timestamp-ms>, repeatable)
              -p <partition>     Partition
              -b <brokers,..>    Bootstrap brokers (without: an embedded mock cluster)
              -X prop=val        librdkafka property (-X list: all properties; -X dump: effective config)
              -F <config-file>   property=value file (default: $KCAT_CONFIG or ~/.config/kcat.conf)
              -o <offset>        beginning | end | stored | N | -N | s@<ms> | e@<ms>   (default: beginning)
              -e                 Exit when every partition reached its end
              -c <cnt>           Limit message count
              -f <fmt>           Output format: %s %S %R %k %K %t %p %o %T %h %% and \\n \\r \\t \\xHH
              -J                 Output with kcat's JSON envelope (-C, -G, -L, -Q)
              -s [key=|value=]<pack>  Deserialize with a pack format: <> bBhHiIqQ c s $ and spaces
              -D <delim> -K <delim>   Message and key delimiters;  -k <key>  a fixed key
              -H <name=value>    Header to add (repeatable);  -z <codec>  compression
              -l                 Produce each line of the one file operand;  -T  echo what is produced
              -Z                 NULL for null keys/values (produce: send empty ones as NULL)
              -m <seconds>       Metadata and request timeout (default 5)
              -d <contexts>      librdkafka debug;  -q quiet;  -v more verbose;  -E do not exit on errors
              -u                 Unbuffered output
            """;

    private static volatile boolean stopRequested;
    private static volatile int status = 1;
    private static final java.util.concurrent.CountDownLatch RUN_ENDED = new java.util.concurrent.CountDownLatch(1);

    private Kcat() {}

    /**
     * For the process's main: on Ctrl-C or SIGTERM (a JVM shutdown) the run stops as kcat's
     * does on its signals (a consumer prints what it has and leaves its group, a producer
     * stops reading and delivers what it took, a transaction is aborted), and the shutdown
     * waits up to 5 s for it.
     */
    public static void stopOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (RUN_ENDED.getCount() == 0) return; // an ordinary exit after the run
            stopRequested = true;
            try {
                if (RUN_ENDED.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    // kcat exits with its own status after a signal (0 unless something failed), not 128+signal
                    Runtime.getRuntime().halt(status);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kcat-stop"));
    }

    /** Whether the process is shutting down (Ctrl-C, SIGTERM): loops end as kcat's do. */
    static boolean stopRequested() {
        return stopRequested;
    }

    /** Whether {@code args} are a kcat command line (a flag first) rather than a jrdkafka subcommand. */
    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].startsWith("-") && !NOT_KCAT.contains(args[0]);
    }

    /** Runs a kcat command line, without kcat's default configuration files (tests); returns kcat's exit status. */
    public static int run(String[] args, InputStream in, OutputStream stdout, PrintStream err) {
        return run(args, Map.of(), in, stdout, err);
    }

    /**
     * Runs a kcat command line; {@code env} gives KCAT_CONFIG and HOME for kcat's default
     * configuration file. Returns kcat's exit status.
     */
    public static int run(String[] args, Map<String, String> env, InputStream in, OutputStream stdout, PrintStream err) {
        int rc = 1;
        try {
            rc = execute(args, env, in, stdout, err);
            return rc;
        } finally {
            status = rc;
            RUN_ENDED.countDown();
        }
    }

    private static int execute(String[] args, Map<String, String> env, InputStream in, OutputStream stdout, PrintStream err) {
        MockCluster mock = null;
        KcatOut out = new KcatOut(stdout, OUT_BUFFER);
        try {
            KcatOptions o = KcatOptions.parse(args, env);
            if (o.listConfig) {
                out.write(KafkaConfig.propertiesTable().getBytes(StandardCharsets.UTF_8));
                out.flush();
                return 0;
            }
            if (o.help || o.version) {
                out.write(USAGE.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return 0;
            }
            KafkaConfig config = KafkaConfig.create();
            o.config.forEach(config::set);
            if (o.dumpConfig) {
                dump(config, out);
                return 0;
            }
            if (o.mode == 0) { // kcat: consume when stdin is a terminal, else produce
                o.mode = Progress.isTerminal(0) ? 'C' : 'P';
                if (o.verbosity >= 1) err.printf("%% Auto-selecting %s mode (use -P or -C to override)%n", o.mode == 'C' ? "Consumer" : "Producer");
            }
            o.validate();
            if (!o.config.containsKey("log_level")) { // as kcat: silent with -q, librdkafka's debug lines with -d
                config.set("log_level", o.config.containsKey("debug") ? 7L : o.verbosity == 0 ? 0L : o.verbosity > 2 ? 6L : 3L);
            }
            if (o.brokers != null) {
                config.bootstrapServers(o.brokers);
            } else if (!o.config.containsKey("bootstrap.servers") && !o.config.containsKey("metadata.broker.list")) {
                mock = MockCluster.start(1);
                config.bootstrapServers(mock.bootstrapServers());
                if (o.verbosity >= 1) err.println("% No -b given: using an embedded mock cluster at " + mock.bootstrapServers());
            }
            int rc = switch (o.mode) {
                case 'L' -> KcatMetadata.run(o, config, stdout, err);
                case 'Q' -> KcatQuery.run(o, config, out, err);
                case 'P' -> new KcatProduce(o, out, err).run(config, in);
                default -> new KcatConsume(o, out, err).run(config);
            };
            out.flush();
            return rc;
        } catch (KcatOptions.UsageException | IllegalArgumentException e) {
            err.println("% ERROR: " + e.getMessage());
            return 1;
        } catch (KafkaException e) {
            err.println("% ERROR: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            if ("Broken pipe".equals(e.getMessage())) return 0; // the reader left (| head): kcat stops on SIGPIPE, quietly
            err.println("% ERROR: Output write error: " + e.getMessage());
            return 1;
        } finally {
            try {
                out.flush();
            } catch (IOException ignored) {
                // the error, if any, was reported above; a closed pipe has no reader left to tell
            }
            if (mock != null) mock.close();
        }
    }

    /** -X dump: librdkafka's view of the configuration, as kcat prints it. */
    private static void dump(KafkaConfig config, KcatOut out) throws IOException {
        EffectiveConfig c = config.effectiveConfig();
        section("# Global config\n", c.global(), out);
        section("# Topic config\n", c.topic(), out);
        out.flush();
    }

    private static void section(String title, Map<String, String> properties, KcatOut out) throws IOException {
        StringBuilder b = new StringBuilder(title);
        properties.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        b.append('\n');
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** stdout without Java's PrintStream line flushing: output is written through one buffer. */
    public static OutputStream stdout() {
        return new FileOutputStream(FileDescriptor.out);
    }
}
