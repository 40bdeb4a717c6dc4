package dev.jrdkafka.consumer.share;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import java.util.Objects;

/**
 * The broker's answer to one partition's acknowledgements, from {@link ShareConsumer#commitSync}.
 * Failed acknowledgements are not retried: the records concerned are redelivered once
 * their acquisition locks expire.
 *
 * <p>Preview: librdkafka 2.15.0 marks the share consumer as a preview, so this API may change.
 *
 * @param partition the partition
 * @param error {@link KafkaError#NO_ERROR} when the acknowledgements were committed
 */
public record AcknowledgeOutcome(TopicPartition partition, KafkaError error) {
    public AcknowledgeOutcome {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(error, "error");
    }

    public boolean isSuccess() {
        return error == KafkaError.NO_ERROR;
    }

    /** The failure as an exception, or null on success. */
    public KafkaException exception() {
        return isSuccess() ? null : new KafkaException(error, "acknowledgements of " + partition + " failed: " + error);
    }
}
