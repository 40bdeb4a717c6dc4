package dev.jrdkafka.cli;

import picocli.CommandLine;

/** Entry point of {@code ./jrdkafka}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (dev.jrdkafka.cli.kcat.Kcat.handles(args)) {
            // kcat's command line: ./jrdkafka -C -b ... -t ... works as kcat does.
            dev.jrdkafka.cli.kcat.Kcat.stopOnShutdown();
            System.exit(dev.jrdkafka.cli.kcat.Kcat.run(args, System.getenv(), new java.io.FileInputStream(java.io.FileDescriptor.in), dev.jrdkafka.cli.kcat.Kcat.stdout(), System.err));
        }
        System.exit(commandLine().execute(args));
    }

    /** The command tree, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        return new CommandLine(new JrdkafkaCommand());
    }
}
