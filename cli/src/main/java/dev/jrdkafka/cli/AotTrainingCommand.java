package dev.jrdkafka.cli;

import dev.jrdkafka.cli.kcat.Kcat;
import dev.jrdkafka.mock.MockCluster;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The training run of the launcher's JDK AOT cache (scripts/aot-cache.sh): what the cache
 * holds — classes loaded and linked, method profiles — is what this run used, so it runs
 * the paths people use: the round trip of {@code perf}, then kcat's -P from a file, -C with a
 * -f format and with -J, and -L, against an in-process mock cluster. Output is discarded.
 * Hidden: not a user command.
 */
@Command(name = "aot-training", hidden = true, description = "Training run for the launcher's AOT cache.")
final class AotTrainingCommand implements Callable<Integer> {
    @Option(names = "-c", defaultValue = "100000", description = "Messages per step.")
    int count;

    @Override
    public Integer call() throws IOException {
        int rc = Main.commandLine().execute("perf", "-c", Integer.toString(count));
        if (rc != 0) return rc;
        Path lines = Files.createTempFile("jrdkafka-aot-training", ".txt");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        try (MockCluster mock = MockCluster.start(1)) {
            try (Writer w = Files.newBufferedWriter(lines)) {
                for (int i = 0; i < count; i++) w.write("key-" + i % 1000 + ":value " + i + ", a line of text\n");
            }
            String b = mock.bootstrapServers();
            rc = kcat(new String[] {"-P", "-b", b, "-t", "training", "-K:", "-q"}, lines, quiet);
            rc |= kcat(new String[] {"-C", "-b", b, "-t", "training", "-o", "beginning", "-e", "-q", "-f", "%k:%s\\n"}, null, quiet);
            rc |= kcat(new String[] {"-C", "-b", b, "-t", "training", "-o", "beginning", "-e", "-q", "-J", "-c", "10000"}, null, quiet);
            rc |= kcat(new String[] {"-L", "-b", b, "-t", "training", "-q"}, null, quiet);
            return rc;
        } finally {
            Files.deleteIfExists(lines);
        }
    }

    /** One kcat command line with stdin from {@code input} (a FileInputStream, as stdin is), output discarded. */
    private static int kcat(String[] args, Path input, PrintStream quiet) throws IOException {
        try (InputStream in = input == null ? InputStream.nullInputStream() : new FileInputStream(input.toFile())) {
            return Kcat.run(args, in, OutputStream.nullOutputStream(), quiet);
        }
    }
}
