package dev.jrdkafka.config;

import java.util.Locale;

/**
 * {@code auto.offset.reset}: where a consumer starts when it has no committed offset, or its
 * offset is out of range.
 */
public enum OffsetReset {
    /** The oldest record still in the partition. */
    EARLIEST,
    /** The next record to be written; librdkafka's default. */
    LATEST,
    /** Report an error ({@code _AUTO_OFFSET_RESET}) to the consumer; kafka-clients calls this {@code none}. */
    ERROR;

    /** The value as librdkafka takes it: the lower-case name. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
