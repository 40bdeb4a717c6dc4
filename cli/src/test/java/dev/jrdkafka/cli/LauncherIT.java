package dev.jrdkafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged program as users start it: {@code ./jrdkafka} (module path) and
 * {@code java -jar} (class path). Runs after {@code package}, so nothing is rebuilt.
 */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("jrdkafka.test.rootDir"));

    private static String run(List<String> command) throws IOException, InterruptedException {
        // No AOT cache built in the background by the other tests (see launcherBuildsAndUsesTheAotCache).
        return run(command, Map.of("JRDKAFKA_AOT", "off"));
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), command + ":\n" + out);
        return out;
    }

    private static void assertVersionOutput(String out) {
        assertTrue(out.contains("librdkafka        2.15.0"), out);
        assertTrue(out.contains("jrdkafka          0.1.0-SNAPSHOT"), out);
        for (String f : List.of("gzip", "snappy", "ssl", "sasl_plain", "sasl_scram", "sasl_oauthbearer", "lz4", "zstd")) {
            assertTrue(out.matches("(?s).*builtin features  (\\S+,)?" + f + "(,\\S+)?\\n.*"), f + " in:\n" + out);
        }
        assertTrue(out.matches("(?s).*library           /\\S+/librdkafka\\.so \\(bundled\\)\\n.*"), out);
        assertTrue(out.matches("(?s).*mock cluster      3 brokers at 127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+){2}\\n.*"), out);
        assertTrue(!out.contains("WARNING"), "no JVM warnings expected:\n" + out);
    }

    @Test
    void launcherRunsVersionOnTheModulePath() throws Exception {
        assertVersionOutput(run(List.of("./jrdkafka", "version")));
        // Built now (if it was not already): a second run starts at once.
        String again = run(List.of("./jrdkafka", "version"));
        assertTrue(!again.contains("jrdkafka: building"), "rebuilt although nothing changed:\n" + again);
    }

    @Test
    void launcherRunsTheMainJobTheRoundTripOnTheEmbeddedCluster() throws Exception {
        String out = run(List.of("./jrdkafka", "perf", "-c", "100000"));
        assertTrue(out.contains("% produced 100000 messages (10000000 bytes) in "), out);
        assertTrue(out.contains("% check: 100000 of 100000 messages consumed, 0 missing, 0 duplicated, 0 corrupt, "
                + "0 out of order: OK, consumed = produced"), out);
        assertTrue(!out.contains("WARNING") && !out.contains("WARN "), "no warnings expected:\n" + out);
    }

    @Test
    void launcherRunsAProduceRunOnTheEmbeddedCluster() throws Exception {
        String out = run(List.of("./jrdkafka", "perf", "-P", "-c", "50000"));
        assertTrue(out.contains("50000 messages produced (5000000 bytes), 50000 delivered, 0 failed"), out);
        assertTrue(!out.contains("WARNING"), "no JVM warnings expected:\n" + out);
    }

    @Test
    void runnableJarRunsVersionOnTheClassPath() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        assertVersionOutput(run(List.of(java, "-jar", "cli/target/jrdkafka-cli.jar", "version")));
    }

    /**
     * The first run builds the JDK AOT cache in the background, after the command; the next
     * run uses it ({@code -XX:AOTMode=on} makes the JVM fail if it cannot), and says nothing
     * about it.
     */
    @Test
    void launcherBuildsTheAotCacheInTheBackgroundAndUsesItNextTime(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("JRDKAFKA_AOT_DIR", dir.toString());
        Path cache = Path.of(run(List.of("./jrdkafka", "--aot-cache", "path"), env).strip());
        assertTrue(cache.startsWith(dir) && !Files.exists(cache), cache.toString());
        String first = run(List.of("./jrdkafka", "version"), env);
        assertVersionOutput(first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(cache) && System.nanoTime() < deadline) Thread.sleep(200);
        assertTrue(Files.size(cache) > 1_000_000, "no AOT cache built in the background: " + cache);
        while (Files.exists(Path.of(cache + ".lock")) && System.nanoTime() < deadline) Thread.sleep(100);
        String second = run(List.of("./jrdkafka", "version"),
                Map.of("JRDKAFKA_AOT_DIR", dir.toString(), "JRDKAFKA_JAVA_OPTS", "-XX:AOTMode=on"));
        assertVersionOutput(second);
        assertTrue(!second.contains("aot") && !second.contains("AOT"), second);
        assertEquals("", run(List.of("./jrdkafka", "--aot-cache", "path"),
                Map.of("JRDKAFKA_AOT_DIR", dir.toString(), "JRDKAFKA_AOT", "off")).strip());
    }
}
