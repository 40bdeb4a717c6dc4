package dev.jrdkafka.consumer;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import java.util.Map;

/**
 * An operation over several partitions failed for some of them (librdkafka reports errors
 * per partition): {@link #partitionErrors()} names them; the others succeeded. {@link #code()}
 * is the first failed partition's error unless the whole request failed.
 */
public final class PartitionErrorsException extends KafkaException {
    private static final long serialVersionUID = 1L;

    private final transient Map<TopicPartition, KafkaError> partitionErrors;

    public PartitionErrorsException(int code, String message, Map<TopicPartition, KafkaError> partitionErrors) {
        super(code, message);
        this.partitionErrors = Map.copyOf(partitionErrors);
    }

    /** The partitions that failed, with their errors. */
    public Map<TopicPartition, KafkaError> partitionErrors() {
        return partitionErrors;
    }
}
