package dev.jrdkafka.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code jrdkafka}: the top-level command; the work is done by its subcommands. */
@Command(name = "jrdkafka",
        mixinStandardHelpOptions = true,
        versionProvider = JrdkafkaCommand.ManifestVersion.class,
        description = "Kafka client tools on librdkafka, from Java (FFM).",
        footer = {"", "kcat's command line works too (kcat 1.7.1's flags): a first argument that is a flag",
            "selects it, e.g. ./jrdkafka -C -b localhost:9092 -t orders -e -J; ./jrdkafka -C -h lists its flags."},
        subcommands = {VersionCommand.class, PerfCommand.class, MockCommand.class, AotTrainingCommand.class, picocli.CommandLine.HelpCommand.class})
final class JrdkafkaCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: try 'jrdkafka version'");
    }

    /** jrdkafka's own version, from the jar manifest. */
    static final class ManifestVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jrdkafka " + jrdkafkaVersion()};
        }
    }

    /** The module's version on the module path, the jar manifest's on the class path. */
    static String jrdkafkaVersion() {
        Module module = JrdkafkaCommand.class.getModule();
        if (module.getDescriptor() != null && module.getDescriptor().rawVersion().isPresent()) {
            return module.getDescriptor().rawVersion().get();
        }
        String v = JrdkafkaCommand.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }
}
