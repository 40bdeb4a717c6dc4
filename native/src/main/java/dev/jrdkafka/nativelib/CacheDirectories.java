package dev.jrdkafka.nativelib;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the bundled library is extracted, in order of preference. An explicitly
 * configured directory is the only candidate (no silent fallback); otherwise the
 * per-user cache, then a per-user directory under java.io.tmpdir for read-only homes.
 */
final class CacheDirectories {
    private CacheDirectories() {}

    static List<Path> candidates() {
        String explicit = RdKafkaLibrary.setting(RdKafkaLibrary.CACHE_DIR_PROPERTY, RdKafkaLibrary.CACHE_DIR_ENV);
        if (explicit != null) {
            return List.of(Path.of(explicit).toAbsolutePath());
        }
        List<Path> dirs = new ArrayList<>();
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        if (xdg != null && !xdg.isBlank()) {
            dirs.add(Path.of(xdg, "jrdkafka", "native"));
        } else if (home != null && !home.isBlank() && !home.equals("?")) {
            dirs.add(Path.of(home, ".cache", "jrdkafka", "native"));
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        dirs.add(Path.of(System.getProperty("java.io.tmpdir"), "jrdkafka-" + user, "native"));
        return dirs;
    }

    /**
     * Creates {@code dir} and checks that it is writable. Under the shared java.io.tmpdir,
     * the per-user directory must belong to us (another user could have made it first)
     * and is made owner-only.
     */
    static void createPrivate(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " exists and is not a directory", e);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path abs = dir.toAbsolutePath();
        if (abs.startsWith(tmp) && !abs.equals(tmp)) {
            Path perUser = tmp.resolve(tmp.relativize(abs).getName(0));
            String owner = Files.getOwner(perUser).getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new IOException(perUser + " belongs to " + owner + ", not to "
                        + System.getProperty("user.name"));
            }
            trySetOwnerOnly(perUser);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + " is not writable");
        }
    }

    private static void trySetOwnerOnly(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
            // Best effort: the content hash check protects what we load.
        }
    }
}
