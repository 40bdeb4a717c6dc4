package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.nativelib.BuiltLibraries.BuiltLibrary;
import java.io.File;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cross-built linux-aarch64 library at work, under qemu-user: its rdkafka_performance
 * (linked to it) produces to and consumes from mock clusters. Runs when the profile
 * cross-linux-aarch64 built the library and qemu-aarch64 is installed; says why otherwise.
 */
class Aarch64QemuSmokeTest {
    /**
     * Debian's arm64 C library for the cross toolchain: qemu-aarch64's -L, and the guest's
     * LD_LIBRARY_PATH. Without the latter the guest's ld.so (from here) takes libc.so.6 from
     * the host's ld.so.cache, which lists the multiarch libc6:arm64, another glibc build:
     * mixing the two hangs the first pthread_create.
     */
    private static final Path SYSROOT = Path.of("/usr/aarch64-linux-gnu");
    private static final int MESSAGES = 2000;
    private static BuiltLibrary aarch64;
    private static Path qemu;

    @BeforeAll
    static void needsTheAarch64BuildAndQemu() throws Exception {
        aarch64 = BuiltLibraries.linuxAarch64OrNull();
        Assumptions.assumeTrue(aarch64 != null, "SKIPPED: linux-aarch64 was not built (no cross toolchain "
                + BuiltLibraries.AARCH64_TOOLCHAIN + "; scripts/install-prerequisites.sh --aarch64)");
        qemu = onPath("qemu-aarch64");
        Assumptions.assumeTrue(qemu != null, "SKIPPED: qemu-aarch64 not found (Debian package qemu-user;"
                + " scripts/install-prerequisites.sh --aarch64)");
        assertTrue(ElfTool.run("readelf", "-h", tool().toString()).contains("AArch64"), "not an aarch64 binary");
    }

    @Test
    void producesToItsOwnInProcessMockCluster() throws Exception {
        String out = perf("-P", "-t", "smoke", "-X", "test.mock.num.brokers=3", "-X", "linger.ms=5",
                "-c", String.valueOf(MESSAGES), "-s", "100");
        assertProducedAll(out);
    }

    /** Kafka protocol between the aarch64 client and a mock cluster of the x86_64 library in this JVM. */
    @Test
    void producesToAndConsumesFromAMockClusterOfTheHostLibrary() throws Throwable {
        try (HostMockCluster cluster = new HostMockCluster(3)) {
            String bootstraps = cluster.bootstraps();
            assertProducedAll(perf("-P", "-b", bootstraps, "-t", "roundtrip", "-X", "linger.ms=5",
                    "-c", String.valueOf(MESSAGES), "-s", "100"));
            // Mock topics get 4 partitions; read all four from the start, stop at their ends.
            String consumed = perf("-C", "-b", bootstraps, "-t", "roundtrip", "-p", "0", "-p", "1", "-p", "2",
                    "-p", "3", "-o", "beginning", "-e", "-c", String.valueOf(MESSAGES));
            Matcher m = Pattern.compile("% (\\d+) messages \\((\\d+) bytes\\) consumed").matcher(consumed);
            String last = null;
            while (m.find()) last = m.group(1) + "/" + m.group(2);
            assertEquals(MESSAGES + "/" + MESSAGES * 100, last, consumed);
        }
    }

    private static void assertProducedAll(String out) {
        Matcher m = Pattern.compile("% (\\d+) messages produced \\(\\d+ bytes\\), (\\d+) delivered \\(offset \\d+, (\\d+) failed\\)")
                .matcher(out);
        assertTrue(m.find(), out);
        assertEquals(List.of(String.valueOf(MESSAGES), String.valueOf(MESSAGES), "0"),
                List.of(m.group(1), m.group(2), m.group(3)), out);
    }

    private static Path tool() {
        return aarch64.buildDir().resolve("bin/rdkafka_performance");
    }

    /** Runs the aarch64 rdkafka_performance under qemu, bounded to 3 minutes. */
    private static String perf(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(qemu.toString(), "-L", SYSROOT.toString(),
                "-E", "LD_LIBRARY_PATH=" + SYSROOT.resolve("lib"), tool().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read while it runs: a full pipe would stall the tool.
        byte[][] output = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        reader.join(10_000);
        String out = output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", command) + "\n" + out);
        assertTrue(done, "timed out after 180 s: " + command + "\n" + out);
        assertEquals(0, p.exitValue(), command + "\n" + out);
        return out;
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    /** rd_kafka_mock_cluster_new of the bundled (host) library, called directly: the native module has no bindings. */
    private static final class HostMockCluster implements AutoCloseable {
        private static final Linker LINKER = Linker.nativeLinker();
        private final MemorySegment rk;
        private final MemorySegment cluster;

        HostMockCluster(int brokers) throws Throwable {
            RdKafkaLibrary.load();
            SymbolLookup lookup = SymbolLookup.loaderLookup();
            MemorySegment conf = (MemorySegment) handle(lookup, "rd_kafka_conf_new",
                    FunctionDescriptor.of(ValueLayout.ADDRESS)).invokeExact();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errstr = arena.allocate(512);
                rk = (MemorySegment) handle(lookup, "rd_kafka_new", FunctionDescriptor.of(ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG))
                        .invokeExact(0 /* RD_KAFKA_PRODUCER */, conf, errstr, 512L);
                assertTrue(!rk.equals(MemorySegment.NULL), errstr.getString(0));
            }
            cluster = (MemorySegment) handle(lookup, "rd_kafka_mock_cluster_new",
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT))
                    .invokeExact(rk, brokers);
            assertTrue(!cluster.equals(MemorySegment.NULL), "rd_kafka_mock_cluster_new failed");
        }

        String bootstraps() throws Throwable {
            MemorySegment s = (MemorySegment) handle(SymbolLookup.loaderLookup(), "rd_kafka_mock_cluster_bootstraps",
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS)).invokeExact(cluster);
            return s.reinterpret(Long.MAX_VALUE).getString(0);
        }

        @Override
        public void close() throws Exception {
            try {
                SymbolLookup lookup = SymbolLookup.loaderLookup();
                handle(lookup, "rd_kafka_mock_cluster_destroy", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS))
                        .invokeExact(cluster);
                handle(lookup, "rd_kafka_destroy", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS)).invokeExact(rk);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        private static MethodHandle handle(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(lookup.find(name).orElseThrow(() -> new AssertionError(name + " not found")),
                    descriptor);
        }
    }
}
