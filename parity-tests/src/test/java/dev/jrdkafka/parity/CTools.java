package dev.jrdkafka.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * librdkafka's C tools: {@code kcat} (Debian's package, which scripts/install-prerequisites.sh
 * installs for the tests) and {@code rdkafka_performance} (built by native/ from the same
 * librdkafka source as jrdkafka's library). Under CI ({@code CI} set, as .ci/run is run) a
 * missing tool fails the test; elsewhere the test is skipped, saying why.
 */
final class CTools {
    private CTools() {}

    record Run(int status, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    static Path kcat() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "kcat");
            if (Files.isExecutable(p)) return p;
        }
        return missing("kcat is not on PATH: scripts/install-prerequisites.sh installs it for the tests (apt-get install kcat)");
    }

    static Path rdkafkaPerformance() {
        String prop = System.getProperty("jrdkafka.parity.rdkafkaPerformance", "");
        Path p = prop.isEmpty() ? null : Path.of(prop);
        if (p != null && Files.isExecutable(p)) return p;
        return missing("rdkafka_performance is missing at '" + prop + "': native/ builds it (./mvnw -B verify -pl parity-tests -am)");
    }

    private static Path missing(String why) {
        if (underCi()) throw new AssertionError(why + " (CI is set: required)");
        Assumptions.abort(why + " (skipped outside CI)");
        return null;
    }

    /** Runs {@code cmd} with {@code stdin}, bounded by {@code timeoutSeconds}; output is read concurrently. */
    static Run run(byte[] stdin, int timeoutSeconds, Path tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool.toString()));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        assertTrue(ended, cmd + " did not end within " + timeoutSeconds + " s");
        return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
