package dev.jrdkafka.config;

import java.util.Locale;

/** {@code compression.type} (alias of {@code compression.codec}): how the producer compresses message batches. */
public enum Compression {
    /** No compression; librdkafka's default. */
    NONE,
    GZIP,
    SNAPPY,
    LZ4,
    ZSTD;

    /** The value as librdkafka takes it: the lower-case name. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
