package dev.jrdkafka.consumer.share;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import java.util.List;
import java.util.Map;

/**
 * Told the outcome of acknowledgements the broker has answered (librdkafka's
 * acknowledgement-commit callback), whichever call sent them: a poll, a commit, or close.
 * It runs on the thread that calls the {@link ShareConsumer}, after the call's native part
 * has returned (so it may call the consumer again), inside {@link ShareConsumer#poll},
 * {@link ShareConsumer#commitSync}, {@link ShareConsumer#commitAsync} or
 * {@link ShareConsumer#close}; never on a librdkafka thread. What it throws is logged, not
 * propagated.
 *
 * <p>Preview: librdkafka 2.15.0 marks the share consumer as a preview, so this API may change.
 */
@FunctionalInterface
public interface AcknowledgementCommitListener {
    /**
     * @param offsets per partition, the acknowledged offsets this outcome is about
     * @param error null on success, otherwise why the broker did not take them
     */
    void onCommit(Map<TopicPartition, List<Long>> offsets, KafkaException error);
}
