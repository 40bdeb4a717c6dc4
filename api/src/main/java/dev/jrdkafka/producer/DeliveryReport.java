package dev.jrdkafka.producer;

import dev.jrdkafka.KafkaError;

/**
 * A delivery report as a view, for {@link DeliveryListener}: valid only during the
 * listener call (it is reused for the next report, so nothing is allocated per message).
 * Copy what you keep, e.g. with {@link #toMetadata()}.
 */
public interface DeliveryReport {
    /** 0 on success, else the {@code rd_kafka_resp_err_t} code. */
    int errorCode();

    default boolean succeeded() {
        return errorCode() == 0;
    }

    default KafkaError error() {
        return KafkaError.fromCode(errorCode());
    }

    String topic();

    int partition();

    long offset();

    /** The value given to {@link Producer#produce(String, int, byte[], byte[], long)}. */
    long opaque();

    /** Milliseconds since the epoch, -1 if unknown (calls into librdkafka). */
    long timestamp();

    /**
     * Whether the record is, may be, or is not in the log ({@code rd_kafka_message_status}):
     * on failure, {@link PersistenceStatus#NOT_PERSISTED} means it is safe to produce again.
     */
    PersistenceStatus persistenceStatus();

    /**
     * Microseconds from the produce call until now ({@code rd_kafka_message_latency}, which
     * librdkafka measures when asked: read it first thing in the listener), -1 if unknown.
     */
    long latencyMicros();

    long keyLength();

    long valueLength();

    default RecordMetadata toMetadata() {
        return new RecordMetadata(topic(), partition(), offset(), timestamp(), persistenceStatus(), latencyMicros());
    }
}
