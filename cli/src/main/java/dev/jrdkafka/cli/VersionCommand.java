package dev.jrdkafka.cli;

import dev.jrdkafka.Librdkafka;
import dev.jrdkafka.mock.MockCluster;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrdkafka version}: loads librdkafka, starts the embedded mock cluster and prints
 * what a bug report needs: versions, builtin features, the library file, the brokers.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Load librdkafka, start an embedded mock cluster, and print versions, "
                + "builtin features, the library path and the cluster's bootstrap servers.")
final class VersionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--brokers", defaultValue = "3", paramLabel = "N",
            description = "Brokers in the embedded mock cluster (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("jrdkafka          %s%n", JrdkafkaCommand.jrdkafkaVersion());
        out.printf("librdkafka        %s (0x%08x)%n", Librdkafka.version(), Librdkafka.versionNumber());
        out.printf("builtin features  %s%n", String.join(",", Librdkafka.builtinFeatures()));
        out.printf("library           %s (%s)%n", Librdkafka.libraryPath(),
                Librdkafka.isBundled() ? "bundled" : "override");
        out.printf("java              %s (%s)%n", Runtime.version(), System.getProperty("java.vm.name"));
        try (MockCluster cluster = MockCluster.start(brokers)) {
            out.printf("mock cluster      %d brokers at %s%n", cluster.brokerCount(), cluster.bootstrapServers());
        }
        out.flush();
        return 0;
    }
}
