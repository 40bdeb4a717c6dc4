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

    long keyLength();

    long valueLength();

    default RecordMetadata toMetadata() {
        return new RecordMetadata(topic(), partition(), offset(), timestamp());
    }
}
