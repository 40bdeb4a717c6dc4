package dev.jrdkafka.producer;

import dev.jrdkafka.KafkaException;

/**
 * The outcome of one record: exactly one of {@code metadata} and {@code error} is non-null.
 * Runs on the thread serving the producer (its poller thread by default): keep it short.
 */
@FunctionalInterface
public interface DeliveryCallback {
    void onCompletion(RecordMetadata metadata, KafkaException error);
}
