package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading scenarios that each need a JVM of their own (loading is once per JVM). */
class ForkedLoadTest {
    @TempDir Path tmp;

    private static String prop(String name, Object value) {
        return "-D" + name + "=" + value;
    }

    private static void assertFailed(ForkedJvm.Result r, String... fragments) {
        assertEquals(3, r.exitCode(), r.output());
        for (String f : fragments) assertTrue(r.output().contains(f), "expected '" + f + "' in:\n" + r.output());
    }

    @Test
    void overrideToMissingFileIsRefusedWithThePath() throws Exception {
        Path missing = tmp.resolve("nowhere/librdkafka.so");
        ForkedJvm.Result r = ForkedJvm.run(List.of(prop(RdKafkaLibrary.PATH_PROPERTY, missing)));
        assertFailed(r, missing.toString(), "does not exist", "system property jrdkafka.library.path");
    }

    @Test
    void overrideToAFileThatIsNoLibraryIsRefused() throws Exception {
        Path text = Files.writeString(tmp.resolve("librdkafka.so"), "not an ELF file");
        ForkedJvm.Result r = ForkedJvm.run(List.of(prop(RdKafkaLibrary.PATH_PROPERTY, text)));
        assertFailed(r, text.toString(), "cannot be loaded as a shared library");
    }

    @Test
    void overrideToAnotherLibraryIsRefusedAsNotLibrdkafka() throws Exception {
        Path other = TestLibraries.compile(tmp, "libother.so", "int other_function(void) { return 1; }");
        ForkedJvm.Result r = ForkedJvm.run(List.of(prop(RdKafkaLibrary.PATH_PROPERTY, other)));
        assertFailed(r, other.toString(), "is not librdkafka");
    }

    @Test
    void overrideToAnOldLibrdkafkaIsRefusedWithItsVersion() throws Exception {
        Path old = TestLibraries.compile(tmp, "librdkafka.so.1", """
                int rd_kafka_version(void) { return 0x020002ff; }
                const char *rd_kafka_version_str(void) { return "2.0.2"; }
                """);
        ForkedJvm.Result r = ForkedJvm.run(List.of(prop(RdKafkaLibrary.PATH_PROPERTY, old)));
        assertFailed(r, "librdkafka 2.0.2 at " + old, "too old", "2.15 or newer");
    }

    @Test
    void overrideToTheRealLibraryIsUsedAsIs() throws Exception {
        Path real = Path.of(System.getProperty("jrdkafka.test.nativeBuildDir"), "lib", "librdkafka.so.1");
        ForkedJvm.Result r = ForkedJvm.run(List.of(prop(RdKafkaLibrary.PATH_PROPERTY, real)));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("LOADED 2.15.0 OVERRIDE " + real), r.output());
    }

    @Test
    void twoJvmsExtractingIntoOneFreshCacheAtOnceBothLoadTheSameFile() throws Exception {
        Path cache = tmp.resolve("cache");
        List<String> args = List.of(prop(RdKafkaLibrary.CACHE_DIR_PROPERTY, cache));
        Process a = ForkedJvm.start(args);
        Process b = ForkedJvm.start(args);
        ForkedJvm.Result ra = ForkedJvm.finish(a);
        ForkedJvm.Result rb = ForkedJvm.finish(b);
        assertEquals(0, ra.exitCode(), ra.output());
        assertEquals(0, rb.exitCode(), rb.output());
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertEquals(1, all.size(), "exactly the library, no temporary files left: " + all);
            assertTrue(ra.output().contains("LOADED 2.15.0 BUNDLED " + all.getFirst()), ra.output());
            assertTrue(rb.output().contains("LOADED 2.15.0 BUNDLED " + all.getFirst()), rb.output());
        }
    }

    @Test
    void unusableHomeFallsBackToAPerUserDirectoryInTmpdir() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve(".cache"), "a file where the cache directory would go");
        Path javaTmp = Files.createDirectories(tmp.resolve("javatmp"));
        ForkedJvm.Result r = ForkedJvm.run(List.of(prop("user.home", home), prop("java.io.tmpdir", javaTmp)));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("LOADED 2.15.0 BUNDLED " + javaTmp.resolve("jrdkafka-" + System.getProperty("user.name"))),
                r.output());
    }

    @Test
    void xdgCacheHomeIsTheDefaultCache() throws Exception {
        Path xdg = tmp.resolve("xdg");
        ForkedJvm.Result r = ForkedJvm.run(List.of(prop("user.home", tmp.resolve("home"))),
                Map.of("XDG_CACHE_HOME", xdg.toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("LOADED 2.15.0 BUNDLED " + xdg.resolve("jrdkafka/native")), r.output());
    }

    @Test
    void cacheDirectoryFromTheEnvironmentWinsOverXdgCacheHome() throws Exception {
        Path cache = tmp.resolve("env-cache");
        ForkedJvm.Result r = ForkedJvm.run(List.of(), Map.of(
                RdKafkaLibrary.CACHE_DIR_ENV, cache.toString(), "XDG_CACHE_HOME", tmp.resolve("xdg").toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("LOADED 2.15.0 BUNDLED " + cache), r.output());
    }

    @Test
    void overrideFromTheEnvironmentIsNamedInItsError() throws Exception {
        Path missing = tmp.resolve("nowhere/librdkafka.so");
        ForkedJvm.Result r = ForkedJvm.run(List.of(), Map.of(RdKafkaLibrary.PATH_ENV, missing.toString()));
        assertFailed(r, missing.toString(), "does not exist", "environment variable " + RdKafkaLibrary.PATH_ENV);
    }

    @Test
    void corruptCachedCopyIsReplaced() throws Exception {
        Path cache = tmp.resolve("cache");
        List<String> args = List.of(prop(RdKafkaLibrary.CACHE_DIR_PROPERTY, cache));
        assertEquals(0, ForkedJvm.run(args).exitCode());
        Path lib;
        try (Stream<Path> files = Files.walk(cache)) {
            lib = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        lib.toFile().setWritable(true);
        Files.write(lib, new byte[] {1, 2, 3});
        ForkedJvm.Result r = ForkedJvm.run(args);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(Files.size(lib) > 1_000_000, "replaced by the real library");
    }

    static {
        // Fail fast with a clear message when the test classpath is misconfigured.
        if (System.getProperty("jrdkafka.test.nativeStageDir") == null) {
            throw new IllegalStateException("run through Maven: jrdkafka.test.* properties are missing");
        }
    }
}
