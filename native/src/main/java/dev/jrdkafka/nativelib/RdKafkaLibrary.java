package dev.jrdkafka.nativelib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads librdkafka into this JVM, once, lazily and thread-safely.
 *
 * <p>Which library: the file named by the system property {@value #PATH_PROPERTY} or the
 * environment variable {@value #PATH_ENV} (no fallback when set), otherwise the library
 * bundled in the {@code jrdkafka-native} platform jar, extracted into a per-user cache
 * ({@value #CACHE_DIR_PROPERTY} / {@value #CACHE_DIR_ENV} to choose it). Either way the
 * candidate is first opened in a throw-away scope and refused unless it is librdkafka
 * {@value #MINIMUM_VERSION_TEXT} or newer.
 *
 * <p>Hand-off to the bindings: the library is {@link System#load(String) System.load}ed from
 * this class, so it belongs to this class's class loader, and the generated bindings find
 * their symbols through {@link java.lang.foreign.SymbolLookup#loaderLookup()} of the same
 * loader (true on the class path, on the module path, and in fat jars, where one loader
 * holds all jrdkafka jars). No second copy is ever looked up by name on the library path.
 * Call {@link #load()} before the first use of the bindings; jrdkafka's API does so.
 *
 * <p>Needs native access: {@code --enable-native-access=dev.jrdkafka.nativelib} on the
 * module path, {@code --enable-native-access=ALL-UNNAMED} on the class path.
 */
public final class RdKafkaLibrary {
    public static final String PATH_PROPERTY = "jrdkafka.library.path";
    public static final String PATH_ENV = "JRDKAFKA_LIBRARY_PATH";
    public static final String CACHE_DIR_PROPERTY = "jrdkafka.native.cacheDir";
    public static final String CACHE_DIR_ENV = "JRDKAFKA_NATIVE_CACHE";
    /**
     * Oldest librdkafka accepted, as {@code rd_kafka_version()} major.minor: 2.15, the version
     * the bindings are generated from (2.14 lacks functions they bind, e.g. the share consumer's).
     */
    public static final int MINIMUM_VERSION = 0x020f;
    static final String MINIMUM_VERSION_TEXT = "2.15";

    private static final Object LOCK = new Object();
    private static volatile LoadedLibrary loaded;

    private RdKafkaLibrary() {}

    /** Loads librdkafka if this JVM has not yet, and describes the loaded library. */
    public static LoadedLibrary load() {
        LoadedLibrary result = loaded;
        if (result != null) return result;
        synchronized (LOCK) {
            if (loaded == null) loaded = loadNow();
            return loaded;
        }
    }

    /** The loaded library, if {@link #load()} has succeeded in this JVM. */
    public static Optional<LoadedLibrary> loaded() {
        return Optional.ofNullable(loaded);
    }

    private static LoadedLibrary loadNow() {
        checkNativeAccess();
        String override = setting(PATH_PROPERTY, PATH_ENV);
        LoadedLibrary candidate;
        if (override != null) {
            Path path = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new NativeLibraryException("librdkafka override " + path + " (from " + describe(PATH_PROPERTY, PATH_ENV)
                        + ") does not exist or is not a file; fix the path or unset it to use the bundled library");
            }
            candidate = LibraryProbe.probe(path, LoadedLibrary.Origin.OVERRIDE);
        } else {
            Path path = BundledLibrary.extract(Platform.current(), RdKafkaLibrary.class.getClassLoader());
            candidate = LibraryProbe.probe(path, LoadedLibrary.Origin.BUNDLED);
        }
        if (LibraryProbe.majorMinor(candidate.versionNumber()) < MINIMUM_VERSION) {
            throw new NativeLibraryException("librdkafka " + candidate.version() + " at " + candidate.path()
                    + " is too old: jrdkafka needs librdkafka " + MINIMUM_VERSION_TEXT + " or newer"
                    + (override != null ? "; point " + describe(PATH_PROPERTY, PATH_ENV)
                    + " at a newer build or unset it to use the bundled one" : ""));
        }
        try {
            System.load(candidate.path().toString());
        } catch (UnsatisfiedLinkError e) {
            throw new NativeLibraryException("System.load(" + candidate.path() + ") failed: " + e.getMessage()
                    + ". If its directory is on a noexec file system, set -D" + CACHE_DIR_PROPERTY
                    + " to a directory that allows executables.", e);
        }
        return candidate;
    }

    private static void checkNativeAccess() {
        Module module = RdKafkaLibrary.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            System.getLogger(RdKafkaLibrary.class.getName()).log(System.Logger.Level.WARNING,
                    "native access is not enabled for " + name + "; start java with --enable-native-access="
                            + name + " (jrdkafka needs it to call librdkafka)");
        }
    }

    /** A system property, else an environment variable; blank counts as unset. */
    static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) value = System.getenv(env);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String describe(String property, String env) {
        return System.getProperty(property) != null && !System.getProperty(property).isBlank()
                ? "system property " + property : "environment variable " + env;
    }
}
