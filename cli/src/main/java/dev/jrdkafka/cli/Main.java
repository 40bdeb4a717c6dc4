package dev.jrdkafka.cli;

import picocli.CommandLine;

/** Entry point of {@code ./jrdkafka}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        return new CommandLine(new JrdkafkaCommand());
    }
}
