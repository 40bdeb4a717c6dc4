package dev.jrdkafka.cluster;

import java.util.Objects;

/**
 * Which offset ListOffsets looks up in a partition ({@code rd_kafka_OffsetSpec_t}, or a
 * timestamp): the earliest, the latest (the high watermark, i.e. the next offset to be
 * written), the record with the largest timestamp, or the first record whose timestamp is at
 * or after a time.
 */
public record OffsetSpec(Kind kind, long timestamp) {
    public enum Kind { EARLIEST, LATEST, MAX_TIMESTAMP, TIMESTAMP }

    private static final OffsetSpec EARLIEST = new OffsetSpec(Kind.EARLIEST, -1);
    private static final OffsetSpec LATEST = new OffsetSpec(Kind.LATEST, -1);
    private static final OffsetSpec MAX_TIMESTAMP = new OffsetSpec(Kind.MAX_TIMESTAMP, -1);

    /** @throws IllegalArgumentException for a negative timestamp of kind TIMESTAMP */
    public OffsetSpec {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.TIMESTAMP && timestamp < 0) {
            throw new IllegalArgumentException("a timestamp to look up must be >= 0 (ms since the epoch), got " + timestamp);
        }
        if (kind != Kind.TIMESTAMP) timestamp = -1;
    }

    public static OffsetSpec earliest() {
        return EARLIEST;
    }

    public static OffsetSpec latest() {
        return LATEST;
    }

    public static OffsetSpec maxTimestamp() {
        return MAX_TIMESTAMP;
    }

    /** The first offset whose record's timestamp is at or after {@code timestampMs}. */
    public static OffsetSpec forTimestamp(long timestampMs) {
        return new OffsetSpec(Kind.TIMESTAMP, timestampMs);
    }
}
