package dev.jrdkafka.nativelib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The running platform as the native jars name it: {@code <os>-<arch>[-musl]}, for
 * example {@code linux-x86_64}. Bundled libraries live under
 * {@code META-INF/native/<id>/} in the platform jar of that name.
 *
 * @param os   normalized operating system: linux, macos, windows or the raw name
 * @param arch normalized architecture: x86_64, aarch64 or the raw name
 * @param musl whether the C library is musl rather than glibc (Linux only)
 */
public record Platform(String os, String arch, boolean musl) {

    /**
     * Platforms whose platform jar (classifier = id) this project builds and tests:
     * linux-x86_64 (glibc &ge; 2.28) and linux-aarch64 (glibc &ge; 2.17, cross-built).
     */
    public static final List<String> BUNDLED = List.of("linux-x86_64", "linux-aarch64");

    /**
     * Platforms with only a build recipe (cmake/CMakePresets.json and the platforms CI
     * workflow): no jar is built for them yet, so they need {@code jrdkafka.library.path}.
     */
    public static final List<String> RECIPE_ONLY = List.of("macos-aarch64", "macos-x86_64", "windows-x86_64");

    /** The platform this JVM runs on. */
    public static Platform current() {
        String os = normalizeOs(System.getProperty("os.name", ""));
        String arch = normalizeArch(System.getProperty("os.arch", ""));
        return new Platform(os, arch, os.equals("linux") && isMusl());
    }

    /** The directory name under {@code META-INF/native/}. */
    public String id() {
        return os + "-" + arch + (musl ? "-musl" : "");
    }

    static String normalizeOs(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("linux")) return "linux";
        if (n.startsWith("mac") || n.startsWith("darwin")) return "macos";
        if (n.startsWith("windows")) return "windows";
        return n.replaceAll("[^a-z0-9]+", "");
    }

    static String normalizeArch(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "amd64", "x86_64", "x64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> n.replaceAll("[^a-z0-9_]+", "");
        };
    }

    /** musl maps its dynamic loader (ld-musl-*.so.1) into every process; glibc does not. */
    private static boolean isMusl() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("/ld-musl-") || line.contains("/libc.musl-")) return true;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
