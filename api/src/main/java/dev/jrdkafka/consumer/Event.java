package dev.jrdkafka.consumer;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import java.util.Map;

/**
 * One event taken from a {@link Queue} with {@link Queue#poll}: an immutable copy (the native
 * event is released before {@code poll} returns, so there is nothing to close and it may be
 * kept or passed to other threads). Which accessors are meaningful depends on {@link #type()};
 * the others return null, 0 or an empty map.
 */
public final class Event {
    private final EventType type;
    private final int nativeType;
    private final String name;
    private final int errorCode;
    private final String errorString;
    private final boolean fatal;
    private final TopicPartition partition;
    private final long offset;
    private final ConsumerRecord record;
    private final int logLevel;
    private final String logFacility;
    private final String text;
    private final Map<TopicPartition, Long> offsets;
    private final Map<TopicPartition, KafkaError> partitionErrors;

    Event(int nativeType, String name, int errorCode, String errorString, boolean fatal, TopicPartition partition,
          long offset, ConsumerRecord record, int logLevel, String logFacility, String text,
          Map<TopicPartition, Long> offsets, Map<TopicPartition, KafkaError> partitionErrors) {
        this.type = EventType.of(nativeType);
        this.nativeType = nativeType;
        this.name = name;
        this.errorCode = errorCode;
        this.errorString = errorString;
        this.fatal = fatal;
        this.partition = partition;
        this.offset = offset;
        this.record = record;
        this.logLevel = logLevel;
        this.logFacility = logFacility;
        this.text = text;
        this.offsets = offsets == null ? Map.of() : offsets;
        this.partitionErrors = partitionErrors == null ? Map.of() : partitionErrors;
    }

    public EventType type() {
        return type;
    }

    /** librdkafka's {@code rd_kafka_event_type_t} value. */
    public int nativeType() {
        return nativeType;
    }

    /** librdkafka's name of the type ({@code rd_kafka_event_name}), e.g. "Fetch", "OffsetCommit". */
    public String name() {
        return name;
    }

    /** Whether the event reports an error (an ERROR event, or a failed OFFSET_COMMIT). */
    public boolean isError() {
        return errorCode != 0;
    }

    /** The error code ({@code rd_kafka_event_error}), 0 when none. */
    public int errorCode() {
        return errorCode;
    }

    /** The error as a {@link KafkaError}, or null when none. */
    public KafkaError error() {
        return errorCode == 0 ? null : KafkaError.fromCode(errorCode);
    }

    /** librdkafka's error text, or null when none. */
    public String errorString() {
        return errorString;
    }

    /** A fatal error: the client can no longer work and should be closed. */
    public boolean isFatal() {
        return fatal;
    }

    /** Whether this is partition EOF ({@code enable.partition.eof}): an ERROR event that is no failure. */
    public boolean isPartitionEof() {
        return errorCode == KafkaError._PARTITION_EOF.code();
    }

    /** The error as an exception, or null when none. */
    public KafkaException toException() {
        if (errorCode == 0) return null;
        String where = partition == null ? "" : " (" + partition + ")";
        String message = name + where + ": " + errorString + " (" + KafkaError.fromCode(errorCode) + ")";
        return fatal ? KafkaException.fatal(errorCode, message) : new KafkaException(errorCode, message);
    }

    /** FETCH: the record's partition; partition-level ERROR (incl. EOF): the partition; else null. */
    public TopicPartition partition() {
        return partition;
    }

    /** Partition-level ERROR: the offset librdkafka reports (e.g. the EOF position); FETCH: the record's; else -1. */
    public long offset() {
        return offset;
    }

    /** FETCH: the record (a copy); else null. */
    public ConsumerRecord record() {
        return record;
    }

    /** LOG: the syslog level (0-7). */
    public int logLevel() {
        return logLevel;
    }

    /** LOG: the facility (e.g. "BROKER"). */
    public String logFacility() {
        return logFacility;
    }

    /** LOG: the line; STATS: the JSON; OAUTHBEARER_TOKEN_REFRESH: {@code sasl.oauthbearer.config}; else null. */
    public String text() {
        return text;
    }

    /** OFFSET_COMMIT: the committed offsets per partition. */
    public Map<TopicPartition, Long> offsets() {
        return offsets;
    }

    /** OFFSET_COMMIT: the partitions whose commit failed, with their errors. */
    public Map<TopicPartition, KafkaError> partitionErrors() {
        return partitionErrors;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Event[").append(type);
        if (record != null) b.append(' ').append(record);
        if (partition != null && record == null) b.append(' ').append(partition);
        if (errorCode != 0) b.append(' ').append(KafkaError.fromCode(errorCode)).append(": ").append(errorString);
        if (type == EventType.LOG) b.append(' ').append(logFacility).append(": ").append(text);
        if (!offsets.isEmpty()) b.append(' ').append(offsets);
        return b.append(']').toString();
    }
}
