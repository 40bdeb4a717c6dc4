package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.nativelib.BuiltLibraries.BuiltLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each built library's ELF facts: what it needs at run time (C library family only, no
 * glibc symbol version newer than the platform's baseline) and what it exports.
 */
class NativeLibraryFileTest {

    static List<BuiltLibrary> libraries() {
        return BuiltLibraries.all();
    }

    @ParameterizedTest
    @MethodSource("libraries")
    void needsOnlyTheCLibraryFamilyAtRunTime(BuiltLibrary lib) throws Exception {
        Set<String> needed = ElfTool.needed(lib.library());
        assertTrue(needed.contains("libc.so.6"), needed.toString());
        assertTrue(lib.libcFamily().containsAll(needed), "unexpected NEEDED entries: " + needed);
        // glibc < 2.34 keeps the pthread and dl functions in these two; see glibc_compat.c.
        assertTrue(needed.containsAll(Set.of("libpthread.so.0", "libdl.so.2")), needed.toString());
    }

    @ParameterizedTest
    @MethodSource("libraries")
    void asksForNoGlibcNewerThanThePlatformsBaseline(BuiltLibrary lib) throws Exception {
        Set<String> refs = ElfTool.glibcReferences(lib.library());
        assertTrue(refs.size() > 100, "read the versioned references: " + refs);
        Set<String> newer = newerThan(refs, lib.glibcCeiling());
        assertEquals(Set.of(), newer, lib.platform() + " must load on glibc " + lib.glibcCeiling()
                + "; pin these in cmake/glibc-compat/glibc_compat.c");
    }

    @ParameterizedTest
    @MethodSource("libraries")
    void exportsExactlyThePublicApiOfBothHeaders(BuiltLibrary lib) throws Exception {
        Set<String> declared = new TreeSet<>();
        declared.addAll(declaredFunctions(lib.buildDir().resolve("include/librdkafka/rdkafka.h")));
        int rdkafkaH = declared.size();
        declared.addAll(declaredFunctions(lib.buildDir().resolve("include/librdkafka/rdkafka_mock.h")));
        assertEquals(495, rdkafkaH, "rd_kafka_* functions declared in rdkafka.h");
        assertEquals(552, declared.size(), "rd_kafka_* functions declared in both headers");
        assertEquals(declared, ElfTool.exportedFunctions(lib.library()));
    }

    @ParameterizedTest
    @MethodSource("libraries")
    void rdkafkaPerformanceIsBuiltBesideTheLibrary(BuiltLibrary lib) {
        assertTrue(Files.isExecutable(lib.buildDir().resolve("bin/rdkafka_performance")));
    }

    /** The check itself: a library linked the default way against this glibc fails it. */
    @Test
    void theBaselineCheckCatchesALibraryLinkedForThisMachinesGlibc(@TempDir Path tmp) throws Exception {
        Path lib = TestLibraries.compile(tmp, "libnewglibc.so", """
                #include <pthread.h>
                static pthread_once_t once = PTHREAD_ONCE_INIT;
                static void init(void) {}
                int run_once(void) { return pthread_once(&once, init); }
                """);
        Set<String> refs = ElfTool.glibcReferences(lib);
        // Debian 12's glibc 2.36 binds pthread_once to GLIBC_2.34, where it moved into libc.
        assertEquals(Set.of("pthread_once@GLIBC_2.34"), newerThan(refs, "2.28"), refs.toString());
        assertFalse(newerThan(Set.of("x@GLIBC_2.3.4", "y@GLIBC_2.28"), "2.28").iterator().hasNext());
    }

    /** linux-aarch64 is built wherever its cross toolchain is; a profile that silently did not run fails here. */
    @Test
    void linuxAarch64IsBuiltWhenItsCrossToolchainIsPresent() {
        Assumptions.assumeTrue(BuiltLibraries.aarch64ToolchainPresent() && isX86_64Host(),
                "SKIPPED linux-aarch64: no cross toolchain " + BuiltLibraries.AARCH64_TOOLCHAIN
                        + " (scripts/install-prerequisites.sh --aarch64 installs it)");
        BuiltLibrary aarch64 = BuiltLibraries.linuxAarch64OrNull();
        assertTrue(aarch64 != null && Files.isRegularFile(aarch64.library()),
                "the toolchain is installed but Maven's profile cross-linux-aarch64 built nothing");
    }

    private static boolean isX86_64Host() {
        return Platform.normalizeArch(System.getProperty("os.arch", "")).equals("x86_64");
    }

    private static Set<String> newerThan(Set<String> refs, String ceiling) {
        Set<String> newer = new TreeSet<>();
        for (String ref : refs) {
            if (ElfTool.compareVersions(ElfTool.versionOf(ref), ceiling) > 0) newer.add(ref);
        }
        return newer;
    }

    static Set<String> declaredFunctions(Path header) throws IOException {
        Matcher m = Pattern.compile("RD_EXPORT[^;{(]*?\\b(rd_kafka_\\w+)\\s*\\(").matcher(Files.readString(header));
        Set<String> names = new TreeSet<>();
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
