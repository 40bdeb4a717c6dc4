package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cmake/build-native.sh: its source routes fail clearly, and a rebuild is a no-op. */
class NativeBuildScriptTest {
    private static final Path ROOT = Path.of(System.getProperty("jrdkafka.test.rootDir"));
    private static final Path SCRIPT = ROOT.resolve("cmake/build-native.sh");
    private static final String PINNED_SHA256 = "259015220cdca708afe838b5aa79ebf1a5fb710fb4179cf918d390aed85d5dbc";

    @TempDir Path tmp;

    private record Run(int exitCode, String output) {}

    private Run build(List<String> args) throws IOException, InterruptedException {
        return run(SCRIPT, args);
    }

    private Run run(Path script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JRDKAFKA_RDKAFKA_TARBALL");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "build-native.sh timed out:\n" + out);
        return new Run(p.exitValue(), out);
    }

    @Test
    void aCorruptExplicitArchiveIsRefusedBeforeAnythingIsBuilt() throws Exception {
        Path corrupt = Files.write(tmp.resolve("librdkafka-2.15.0.tar.gz"), new byte[] {31, -117, 8, 0});
        Run r = build(List.of("--out", tmp.resolve("out").toString(), "--cache", tmp.resolve("cache").toString(),
                "--tarball", corrupt.toString()));
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("No usable librdkafka 2.15.0 source archive"), r.output());
        assertTrue(r.output().contains("explicit tarball " + corrupt + ": SHA-256 is "), r.output());
        assertTrue(r.output().contains("expected " + PINNED_SHA256), r.output());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing installed");
    }

    @Test
    void withNoSourceAnywhereTheErrorNamesEveryRouteTried() throws Exception {
        Path cache = tmp.resolve("cache");
        Run r = build(List.of("--out", tmp.resolve("out").toString(), "--cache", cache.toString(),
                "--", "-DRDKAFKA_SOURCE_URL=file://" + tmp.resolve("no-such-archive.tar.gz")));
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("download cache " + cache.resolve("downloads/librdkafka-2.15.0.tar.gz")
                + ": no such file"), r.output());
        assertTrue(r.output().contains("upstream archive file://"), r.output());
        assertTrue(r.output().contains("-Drdkafka.source.tarball="), "says how to pass the archive:\n" + r.output());
    }

    @Test
    void aSecondBuildWithTheSameInputsCompilesNothing() throws Exception {
        // Maven's native build ran just before the tests, with the build cache configured
        // for it; running the script again must find everything up to date.
        String cache = System.getProperty("jrdkafka.test.buildCache", "");
        List<String> args = new ArrayList<>(List.of("--out", tmp.resolve("out").toString()));
        if (!cache.isBlank()) args.addAll(List.of("--cache", cache));
        Run r = build(args);
        assertEquals(0, r.exitCode(), r.output());
        String line = r.output().lines().filter(l -> l.contains("(cache: ")).findFirst().orElseThrow();
        Path buildDir = Path.of(line.substring(line.indexOf("(cache: ") + 8, line.length() - 1));
        String log = Files.readString(buildDir.resolve("build.log"));
        assertFalse(log.contains("Building C object"), "recompiled sources:\n" + log);
        assertFalse(log.contains("Linking C"), "relinked:\n" + log);
        assertTrue(Files.size(tmp.resolve("out/lib/librdkafka.so.1")) > 1_000_000);
    }

    @Test
    void eachCheckoutGetsItsOwnBuildDirectory() throws Exception {
        // CMake ties a build directory to its source directory: when two clones shared one,
        // deleting the clone that configured it broke the other's build.
        Path copy = tmp.resolve("other-clone/cmake");
        try (var files = Files.walk(ROOT.resolve("cmake"))) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(ROOT.resolve("cmake").relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
        List<String> args = List.of("--cache", tmp.resolve("cache").toString(), "--print-build-dir");
        Run here = build(args);
        Run there = run(copy.resolve("build-native.sh"), args);
        assertEquals(0, here.exitCode(), here.output());
        assertEquals(0, there.exitCode(), there.output());
        assertTrue(here.output().strip().startsWith(tmp.resolve("cache/build/librdkafka-").toString()), here.output());
        assertNotEquals(here.output().strip(), there.output().strip(), "same CMake files in two places share a build directory");
        assertEquals(here.output(), build(args).output(), "the key is stable");
        assertFalse(Files.exists(tmp.resolve("cache/build")), "--print-build-dir builds nothing");
    }
}
