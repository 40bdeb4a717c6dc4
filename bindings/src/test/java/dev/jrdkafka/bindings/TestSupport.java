package dev.jrdkafka.bindings;

import dev.jrdkafka.nativelib.RdKafkaLibrary;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Paths from Surefire, process and hashing helpers shared by the bindings' tests. */
final class TestSupport {
    static final Path NATIVE_BUILD = Path.of(property("jrdkafka.test.nativeBuildDir"));
    static final Path HEADERS = NATIVE_BUILD.resolve("include/librdkafka");
    static final Path LIBRARY = NATIVE_BUILD.resolve("lib/librdkafka.so.1");
    static final Path BINDINGS = Path.of(property("jrdkafka.test.bindingsDir"));
    static final Path GENERATED = BINDINGS.resolve("src/generated");
    static final Path GENERATED_JAVA = GENERATED.resolve("java");
    static final Path MANIFEST = GENERATED.resolve("jextract-manifest.properties");
    static final Path INCLUDES = BINDINGS.resolve("jextract/includes.txt");

    private TestSupport() {}

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) throw new IllegalStateException("system property " + name + " is not set (run the tests through Maven)");
        return value;
    }

    /** Loads librdkafka so that the generated code's SymbolLookup.loaderLookup() finds it. */
    static void loadLibrary() {
        RdKafkaLibrary.load();
    }

    /** A NUL-terminated C string at {@code address} (which may be a zero-length segment), or null for NULL. */
    static String cString(MemorySegment address) {
        if (address.equals(MemorySegment.NULL)) return null;
        return address.reinterpret(Long.MAX_VALUE).getString(0);
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The header's text with C comments removed, so regexes see only declarations. */
    static String headerWithoutComments(String name) throws IOException {
        return Files.readString(HEADERS.resolve(name))
                .replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\n]*", " ");
    }

    record Result(int exitCode, String output) {}

    /** Runs a command (stderr merged into stdout), failing if it outlives {@code timeout}. */
    static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        Path log = Files.createTempFile("jrdkafka-test-", ".log");
        try {
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not finish within " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs a command that must succeed and returns its output. */
    static String runOk(Duration timeout, String... command) throws IOException, InterruptedException {
        Result r = run(List.of(command), null, Map.of(), timeout);
        if (r.exitCode() != 0) throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.output());
        return r.output();
    }
}
