package dev.jrdkafka.nativelib;

import java.nio.file.Path;

/**
 * The librdkafka this JVM loaded.
 *
 * @param path          absolute path of the loaded file
 * @param version       {@code rd_kafka_version_str()}, e.g. "2.15.0"
 * @param versionNumber {@code rd_kafka_version()}, hex 0xMMmmrrpp
 * @param origin        where it came from
 */
public record LoadedLibrary(Path path, String version, int versionNumber, Origin origin) {

    /** Where the loaded library came from. */
    public enum Origin {
        /** Extracted from the platform jar into the per-user cache. */
        BUNDLED,
        /** Named by the {@code jrdkafka.library.path} property or {@code JRDKAFKA_LIBRARY_PATH}. */
        OVERRIDE
    }
}
