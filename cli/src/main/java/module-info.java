/** The jrdkafka command-line program. */
module dev.jrdkafka.cli {
    requires dev.jrdkafka.api;
    requires info.picocli;
    requires jdk.management;

    // picocli reads the command classes reflectively.
    opens dev.jrdkafka.cli to info.picocli;
}
