package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The built library's ELF facts: what it needs at run time and what it exports. */
class NativeLibraryFileTest {
    private static final Path BUILD = Path.of(System.getProperty("jrdkafka.test.nativeBuildDir"));
    private static final Path LIB = BUILD.resolve("lib/librdkafka.so.1");
    private static final Set<String> LIBC_FAMILY = Set.of("libc.so.6", "libm.so.6", "libdl.so.2",
            "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2");

    @Test
    void needsOnlyTheCLibraryFamilyAtRunTime() throws Exception {
        Matcher m = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^]]+)]").matcher(run("readelf", "-d", LIB.toString()));
        Set<String> needed = new TreeSet<>();
        while (m.find()) needed.add(m.group(1));
        assertTrue(needed.contains("libc.so.6"), needed.toString());
        assertTrue(LIBC_FAMILY.containsAll(needed), "unexpected NEEDED entries: " + needed);
    }

    @Test
    void exportsExactlyThePublicApiOfBothHeaders() throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String line : run("nm", "-D", "--defined-only", LIB.toString()).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3) exported.add(parts[2]);
        }
        Set<String> declared = new TreeSet<>();
        declared.addAll(declaredFunctions(BUILD.resolve("include/librdkafka/rdkafka.h")));
        int rdkafkaH = declared.size();
        declared.addAll(declaredFunctions(BUILD.resolve("include/librdkafka/rdkafka_mock.h")));
        assertEquals(495, rdkafkaH, "rd_kafka_* functions declared in rdkafka.h");
        assertEquals(552, declared.size(), "rd_kafka_* functions declared in both headers");
        assertEquals(declared, exported);
    }

    @Test
    void rdkafkaPerformanceIsBuiltBesideTheLibrary() {
        assertTrue(Files.isExecutable(BUILD.resolve("bin/rdkafka_performance")));
    }

    static Set<String> declaredFunctions(Path header) throws IOException {
        Matcher m = Pattern.compile("RD_EXPORT[^;{(]*?\\b(rd_kafka_\\w+)\\s*\\(").matcher(Files.readString(header));
        Set<String> names = new TreeSet<>();
        while (m.find()) names.add(m.group(1));
        return names;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + List.of(command));
        assertEquals(0, p.exitValue(), List.of(command) + ":\n" + out);
        return out;
    }
}
