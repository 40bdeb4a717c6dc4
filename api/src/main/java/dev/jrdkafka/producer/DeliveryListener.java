package dev.jrdkafka.producer;

/**
 * Receives the delivery reports of records produced without a callback (the
 * {@code produce(...)} methods): one call per record, with a reused view, in batches as
 * librdkafka hands them over. Runs on the thread serving the producer.
 */
@FunctionalInterface
public interface DeliveryListener {
    void onDelivery(DeliveryReport report);
}
