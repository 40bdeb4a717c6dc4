package dev.jrdkafka.consumer;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import java.util.Map;

/**
 * The outcome of an offset commit, delivered on the thread that polls the {@link Consumer}
 * (inside poll/pollBatch, or in close), never on a librdkafka thread. Set one for all
 * commits with {@link ConsumerOptions#withOffsetCommitListener}, or per call with
 * {@link Consumer#commitAsync(Map, OffsetCommitListener)}. Do not close the consumer from
 * it; exceptions it throws are logged and ignored.
 */
@FunctionalInterface
public interface OffsetCommitListener {
    /**
     * @param offsets the commit's offsets (the next offset to read, per partition); empty
     *                when there was nothing to commit
     * @param error   null on success; a {@link PartitionErrorsException} naming the failed
     *                partitions when only some failed; else the request's error
     */
    void onCommit(Map<TopicPartition, Long> offsets, KafkaException error);
}
