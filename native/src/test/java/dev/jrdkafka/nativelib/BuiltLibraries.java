package dev.jrdkafka.nativelib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The libraries this Maven build made, with what each platform promises: the C library
 * family it may need and the newest glibc symbol version it may ask for.
 */
final class BuiltLibraries {
    /** x86_64: RHEL 8 / UBI 8's glibc. aarch64: the first glibc for aarch64. */
    static final BuiltLibrary LINUX_X86_64 = new BuiltLibrary("linux-x86_64",
            Path.of(System.getProperty("jrdkafka.test.nativeBuildDir")), "2.28",
            Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2"));
    static final String AARCH64_PROPERTY = "jrdkafka.test.nativeBuildDir.linux-aarch64";
    static final String AARCH64_TOOLCHAIN = "/usr/bin/aarch64-linux-gnu-gcc";

    private BuiltLibraries() {}

    /** The cross-built linux-aarch64 library, when the profile cross-linux-aarch64 ran. */
    static BuiltLibrary linuxAarch64OrNull() {
        String dir = System.getProperty(AARCH64_PROPERTY);
        return dir == null || dir.isBlank() ? null : new BuiltLibrary("linux-aarch64", Path.of(dir), "2.17",
                Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "ld-linux-aarch64.so.1"));
    }

    static List<BuiltLibrary> all() {
        List<BuiltLibrary> all = new ArrayList<>(List.of(LINUX_X86_64));
        BuiltLibrary aarch64 = linuxAarch64OrNull();
        if (aarch64 != null) all.add(aarch64);
        return all;
    }

    static boolean aarch64ToolchainPresent() {
        return Files.isExecutable(Path.of(AARCH64_TOOLCHAIN));
    }

    record BuiltLibrary(String platform, Path buildDir, String glibcCeiling, Set<String> libcFamily) {
        Path library() {
            return buildDir.resolve("lib/librdkafka.so.1");
        }

        @Override
        public String toString() {
            return platform;
        }
    }
}
