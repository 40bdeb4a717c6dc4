package dev.jrdkafka.producer;

import dev.jrdkafka.KafkaException;

/**
 * The outcome of one record: exactly one of {@code metadata} and {@code error} is non-null.
 * Runs on the thread serving the producer (its poller thread by default): keep it short.
 *
 * <p>A failed delivery's {@code error} is a {@link DeliveryFailedException}, whose
 * {@link DeliveryFailedException#persistenceStatus() persistenceStatus()} says whether the
 * record may still be in the log; a success's {@link RecordMetadata#persistenceStatus()}
 * is {@code PERSISTED} (or {@code POSSIBLY_PERSISTED} with {@code acks=0}).
 */
@FunctionalInterface
public interface DeliveryCallback {
    void onCompletion(RecordMetadata metadata, KafkaException error);
}
