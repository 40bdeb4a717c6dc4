package dev.jrdkafka;

import java.util.Objects;

/**
 * A consumer position to commit, store or send with a transaction: the offset of the next
 * record to read, the leader epoch of the record before it (-1 if unknown; lets the broker
 * detect a truncated log, KIP-320) and a free-form metadata string stored with the commit.
 * kafka-clients' {@code OffsetAndMetadata}.
 */
public record OffsetAndMetadata(long offset, int leaderEpoch, String metadata) {
    /** The leader epoch when it is not known. */
    public static final int NO_LEADER_EPOCH = -1;

    /**
     * @throws IllegalArgumentException for a negative offset or a leader epoch below -1
     */
    public OffsetAndMetadata {
        if (offset < 0) {
            throw new IllegalArgumentException("an offset to commit must be >= 0 (the next record to read), got " + offset);
        }
        if (leaderEpoch < NO_LEADER_EPOCH) {
            throw new IllegalArgumentException("leaderEpoch must be >= 0, or -1 for unknown; got " + leaderEpoch);
        }
        Objects.requireNonNull(metadata, "metadata (use \"\" for none)");
    }

    /** The offset, with no leader epoch and no metadata. */
    public OffsetAndMetadata(long offset) {
        this(offset, NO_LEADER_EPOCH, "");
    }

    /** The offset and metadata, with no leader epoch. */
    public OffsetAndMetadata(long offset, String metadata) {
        this(offset, NO_LEADER_EPOCH, metadata);
    }
}
