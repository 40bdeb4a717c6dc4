package dev.jrdkafka.misuse;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The misuse suite (issue 22): every case of {@link MisuseAreas}, one forked JVM per area (a
 * crash or hang fails the cases it took down, not the test run). Each case passes only if it
 * printed PASS, the JVM exited 0 and left no hs_err file. Run alone with
 * {@code ./mvnw -pl api test -Dtest=MisuseSuiteTest}; one area's cases in a JVM of your own
 * with {@code java -cp <test classpath> dev.jrdkafka.misuse.MisuseFork <area> [case]}.
 */
class MisuseSuiteTest {
    private static final Map<String, ForkResult> RESULTS = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicNode> misuse() {
        return MisuseAreas.names().stream().map(area -> DynamicContainer.dynamicContainer(area,
                MisuseAreas.cases(area).stream().map(c -> DynamicTest.dynamicTest(c.id() + " -> " + c.expected(),
                        () -> RESULTS.computeIfAbsent(area, MisuseSuiteTest::fork).check(c.id())))));
    }

    /** What one area's JVM printed per case, and how it ended. */
    private record ForkResult(String area, Map<String, String> outcomes, String output, int exit, String hsErr) {
        void check(String id) {
            String outcome = outcomes.get(id);
            if (hsErr != null) fail("the forked JVM of " + area + " crashed (hs_err file):\n" + hsErr + "\n" + tail(output));
            if (outcome == null) {
                fail(id + ": not run: the forked JVM of " + area + " ended (exit " + exit + ") before it:\n" + tail(output));
            }
            if (!outcome.equals("PASS")) fail(id + ": " + outcome + "\n" + section(output, id));
            if (exit != 0 && !output.contains("DONE")) fail("the forked JVM of " + area + " exited " + exit + ":\n" + tail(output));
        }
    }

    private static ForkResult fork(String area) {
        try {
            Path dir = Files.createTempDirectory("jrdkafka-misuse-");
            Path out = dir.resolve("out.txt");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
                    "-XX:-CreateCoredumpOnCrash", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    MisuseFork.class.getName(), area));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            long bound = MisuseAreas.cases(area).stream().mapToLong(MisuseCase::boundSeconds).sum() + 30;
            int exit;
            if (p.waitFor(bound, TimeUnit.SECONDS)) {
                exit = p.exitValue();
            } else {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                exit = -1;
            }
            String output = Files.readString(out);
            Map<String, String> outcomes = new HashMap<>();
            for (String line : output.split("\n")) {
                if (!line.startsWith("CASE ")) continue;
                String[] w = line.split(" ", 4);
                outcomes.put(w[1], w[2].equals("PASS") ? "PASS" : line.substring(5 + w[1].length() + 1));
            }
            String hsErr = null;
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    if (f.getFileName().toString().startsWith("hs_err")) hsErr = f + ":\n" + head(Files.readString(f));
                }
            }
            if (hsErr == null) deleteAll(dir); // kept for a crash, to read
            return new ForkResult(area, outcomes, output, exit, hsErr);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

    private static String head(String s) {
        return s.length() <= 4_000 ? s : s.substring(0, 4_000) + "\n...";
    }

    private static String tail(String s) {
        return s.length() <= 6_000 ? s : "...\n" + s.substring(s.length() - 6_000);
    }

    /** The output printed while case {@code id} ran. */
    private static String section(String output, String id) {
        int from = output.indexOf("START " + id + "\n");
        if (from < 0) return tail(output);
        int to = output.indexOf("\nSTART ", from + 1);
        return head(output.substring(from, to < 0 ? output.length() : to));
    }
}
