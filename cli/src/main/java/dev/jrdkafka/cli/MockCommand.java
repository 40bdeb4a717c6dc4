package dev.jrdkafka.cli;

import dev.jrdkafka.mock.MockCluster;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrdkafka mock}: serves librdkafka's mock cluster on 127.0.0.1 until interrupted
 * (Ctrl-C), so any Kafka client or tool in another process can use it.
 */
@Command(name = "mock", mixinStandardHelpOptions = true,
        description = "Serve an in-process mock Kafka cluster on 127.0.0.1 until interrupted; prints its bootstrap servers.")
final class MockCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--brokers", defaultValue = "3", paramLabel = "N", description = "Brokers (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Parameters(paramLabel = "TOPIC[:PARTITIONS[:REPLICATION]]", arity = "0..*",
            description = "Topics to create, e.g. orders:12:3 (default 4 partitions, replication 1).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long instead of waiting for Ctrl-C.")
    Long durationSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (brokers < 1 || brokers > MockCluster.MAX_BROKERS) {
            throw new ParameterException(spec.commandLine(), "--brokers must be 1.." + MockCluster.MAX_BROKERS + ", got " + brokers);
        }
        try (MockCluster cluster = MockCluster.start(brokers)) {
            for (String t : topics) create(cluster, t);
            out.println(cluster.bootstrapServers());
            out.printf("%% mock cluster of %d brokers serving%s; stop with Ctrl-C%n", brokers,
                    topics.isEmpty() ? "" : " topics " + String.join(", ", topics));
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (durationSeconds != null) stop.await(durationSeconds, TimeUnit.SECONDS);
                else stop.await();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the cluster closes below all the same
                }
            }
        }
        return 0;
    }

    private void create(MockCluster cluster, String spec) {
        String[] parts = spec.split(":");
        try {
            int partitions = parts.length > 1 ? Integer.parseInt(parts[1]) : 4;
            int replication = parts.length > 2 ? Integer.parseInt(parts[2]) : 1;
            if (parts.length > 3 || parts[0].isEmpty()) throw new NumberFormatException();
            cluster.createTopic(parts[0], partitions, replication);
        } catch (NumberFormatException e) {
            throw new ParameterException(this.spec.commandLine(), "topic '" + spec + "' is not TOPIC[:PARTITIONS[:REPLICATION]]");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(this.spec.commandLine(), "topic '" + spec + "': " + e.getMessage());
        }
    }
}
