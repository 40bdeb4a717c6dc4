package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Set;

/**
 * {@code ./jrdkafka} with kcat's command line: a kcat user replaces {@code kcat} with
 * {@code ./jrdkafka}. Modes -P, -C, -G, -L with kcat's flags (see {@link KcatOptions}).
 * Without -b (and no {@code bootstrap.servers} in -X/-F) it runs against an embedded mock
 * cluster and says so on stderr. Errors: one line on stderr, exit status 1.
 */
public final class Kcat {
    private static final Set<String> NOT_KCAT = Set.of("-h", "--help", "-V", "--version");

    private Kcat() {}

    /** Whether {@code args} are a kcat command line (a flag first) rather than a jrdkafka subcommand. */
    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].startsWith("-") && !NOT_KCAT.contains(args[0]);
    }

    /** Runs a kcat command line; returns kcat's exit status. */
    public static int run(String[] args, InputStream in, OutputStream stdout, PrintStream err) {
        MockCluster mock = null;
        try {
            KcatOptions o = KcatOptions.parse(args);
            KafkaConfig config = KafkaConfig.create().set("log_level", o.verbosity > 2 ? 6L : 3L);
            o.config.forEach(config::set);
            if (o.brokers != null) {
                config.bootstrapServers(o.brokers);
            } else if (!o.config.containsKey("bootstrap.servers") && !o.config.containsKey("metadata.broker.list")) {
                mock = MockCluster.start(1);
                config.bootstrapServers(mock.bootstrapServers());
                if (!o.quiet) err.println("% No -b given: using an embedded mock cluster at " + mock.bootstrapServers());
            }
            return switch (o.mode) {
                case 'L' -> {
                    PrintStream out = new PrintStream(stdout, false, java.nio.charset.StandardCharsets.UTF_8);
                    int rc = KcatMetadata.run(o, config, out);
                    out.flush();
                    yield rc;
                }
                case 'P' -> new KcatProduce(o, err).run(config, in);
                default -> {
                    OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
                    int rc = new KcatConsume(o, out, err).run(config);
                    out.flush();
                    yield rc;
                }
            };
        } catch (KcatOptions.UsageException | IllegalArgumentException e) {
            err.println("% ERROR: " + e.getMessage());
            return 1;
        } catch (KafkaException e) {
            err.println("% ERROR: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("% ERROR: " + e);
            return 1;
        } finally {
            if (mock != null) mock.close();
        }
    }

    /** stdout without Java's PrintStream line flushing: output is written through one buffer. */
    public static OutputStream stdout() {
        return new FileOutputStream(FileDescriptor.out);
    }
}
