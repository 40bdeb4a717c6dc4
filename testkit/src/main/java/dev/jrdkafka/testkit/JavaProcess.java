package dev.jrdkafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child JVMs that run Kafka's classes from the lib directory, their output appended to one log file. */
final class JavaProcess {
    private JavaProcess() {}

    /** Starts {@code java [jvmArgs] -cp <libDir>/* mainClass [args]} with the JDK running this code. */
    static Process start(Path libDir, List<String> jvmArgs, String mainClass, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(libDir.resolve("*").toString()); // expanded by the java launcher, not a shell
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        // Every JVM reads these: options meant for the test JVM (e.g. a debug agent on a fixed
        // port) must not reach the broker.
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        return pb.start();
    }

    /** Runs a short-lived tool to its end; fails with the log's tail if it fails or overruns. */
    static void run(Path libDir, List<String> jvmArgs, String mainClass, List<String> args, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Process p = start(libDir, jvmArgs, mainClass, args, log);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            destroy(p, Duration.ZERO);
            throw new IllegalStateException(mainClass + " did not finish within " + timeout + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " " + String.join(" ", args) + " failed with exit code "
                    + p.exitValue() + tail(log));
        }
    }

    /** Asks {@code p} (and only it) to stop; kills it after {@code grace}. Returns once it has exited. */
    static void destroy(Process p, Duration grace) throws InterruptedException {
        if (!p.isAlive()) return;
        p.destroy();
        if (p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) return;
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + p.pid() + " still runs 30 s after SIGKILL");
        }
    }

    /** The last {@code lines} lines of {@code log}, for error messages ("" if none). */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) return "";
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    static String tail(Path log) {
        return "\n--- last lines of " + log + " ---\n" + tail(log, 40);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
