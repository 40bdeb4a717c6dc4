package dev.jrdkafka.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The library bundled in the platform jar, extracted into a per-user cache directory
 * named by its content hash. Extraction writes a temporary file beside the target, checks
 * its SHA-256 and renames it into place, so JVMs starting at once never see a partial or
 * wrong file. An existing copy is reused when its size matches: only a complete, verified
 * file is ever renamed to that name, and hashing 9 MB at every start would cost a
 * still-cold JVM about 0.2 s (measured).
 */
final class BundledLibrary {
    static final String RESOURCE_ROOT = "META-INF/native/";
    static final String FILE_NAME = "librdkafka.so";

    private BundledLibrary() {}

    /** Extracts (or reuses) the bundled library and returns its path. */
    static Path extract(Platform platform, ClassLoader loader) {
        String resource = RESOURCE_ROOT + platform.id() + "/" + FILE_NAME;
        List<URL> copies = resources(loader, resource);
        if (copies.isEmpty()) {
            throw new NativeLibraryException(missingMessage(platform, resource, loader));
        }
        String sha256 = expectedSha256(loader, resource, copies);
        NativeLibraryException failure = new NativeLibraryException(
                "could not extract " + resource + " into any cache directory; set -D"
                        + RdKafkaLibrary.CACHE_DIR_PROPERTY + "=<writable directory> (or "
                        + RdKafkaLibrary.CACHE_DIR_ENV + ")");
        for (Path dir : CacheDirectories.candidates()) {
            try {
                return extractInto(dir, copies.getFirst(), sha256);
            } catch (IOException | UncheckedIOException | SecurityException e) {
                failure.addSuppressed(new NativeLibraryException("cache directory " + dir + ": " + e, e));
            }
        }
        throw failure;
    }

    private static Path extractInto(Path cacheDir, URL source, String sha256) throws IOException {
        Path dir = cacheDir.resolve(sha256.substring(0, 16));
        Path target = dir.resolve(FILE_NAME);
        long size = resourceSize(source);
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        CacheDirectories.createPrivate(dir);
        Path tmp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
        try {
            try (InputStream in = source.openStream(); OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
            String written = sha256(tmp);
            if (!written.equals(sha256)) {
                throw new IOException("extracted copy has SHA-256 " + written + ", expected " + sha256
                        + " (is the platform jar corrupt?)");
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long resourceSize(URL url) throws IOException {
        java.net.URLConnection c = url.openConnection();
        long size = c.getContentLengthLong();
        if (size >= 0) return size;
        try (InputStream in = c.getInputStream()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static List<URL> resources(ClassLoader loader, String resource) {
        try {
            return Collections.list(loader.getResources(resource));
        } catch (IOException e) {
            throw new NativeLibraryException("cannot list class path resources " + resource, e);
        }
    }

    /** The hash written beside the library at build time; differing copies are refused. */
    private static String expectedSha256(ClassLoader loader, String resource, List<URL> copies) {
        List<String> hashes = new ArrayList<>();
        for (URL url : resources(loader, resource + ".sha256")) {
            try (InputStream in = url.openStream()) {
                hashes.add(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            } catch (IOException e) {
                throw new NativeLibraryException("cannot read " + url, e);
            }
        }
        if (hashes.isEmpty()) {
            throw new NativeLibraryException(resource + ".sha256 is missing beside " + copies.getFirst()
                    + ": the platform jar is incomplete; rebuild it with ./mvnw -pl native package");
        }
        if (hashes.stream().distinct().count() > 1) {
            throw new NativeLibraryException("the class path holds differing copies of " + resource
                    + ": " + copies + ". Keep exactly one jrdkafka-native platform jar on the class path.");
        }
        return hashes.getFirst();
    }

    private static String missingMessage(Platform platform, String resource, ClassLoader loader) {
        String yourOwn = "point -D" + RdKafkaLibrary.PATH_PROPERTY + "=/path/to/librdkafka (or "
                + RdKafkaLibrary.PATH_ENV + ") at a librdkafka >= " + RdKafkaLibrary.MINIMUM_VERSION_TEXT
                + " built for it";
        List<String> present = platformJarsPresent(loader);
        String onClassPath = present.isEmpty() ? "the class path holds no jrdkafka-native platform jar"
                : "the class path holds the platform jar of " + String.join(", ", present) + " only";
        if (!Platform.BUNDLED.contains(platform.id())) {
            String recipe = Platform.RECIPE_ONLY.contains(platform.id())
                    ? " For " + platform.id() + " the jrdkafka sources have a build recipe (cmake/CMakePresets.json,"
                            + " see cmake/README.md), not yet a jar."
                    : "";
            return "unsupported platform " + platform.id() + ": jrdkafka builds platform jars for "
                    + String.join(", ", Platform.BUNDLED) + " (classifier = platform)." + recipe
                    + " Build librdkafka " + RdKafkaLibrary.MINIMUM_VERSION_TEXT + ".x for this platform"
                    + " (cmake/ in the jrdkafka sources, or librdkafka's own build) and " + yourOwn + ".";
        }
        return "no bundled librdkafka for " + platform.id() + " on the class path (resource " + resource
                + "; " + onClassPath + "): add dependency dev.jrdkafka:jrdkafka-native with classifier "
                + platform.id() + ", or " + yourOwn + ".";
    }

    /** Which known platforms' libraries the class path holds (to explain a mismatch). */
    private static List<String> platformJarsPresent(ClassLoader loader) {
        List<String> present = new ArrayList<>();
        for (String id : Platform.BUNDLED) {
            if (loader.getResource(RESOURCE_ROOT + id + "/" + FILE_NAME + ".sha256") != null) present.add(id);
        }
        return present;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
