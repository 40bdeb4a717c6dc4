package dev.jrdkafka.consumer;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.rd.consume.MessageBatch;

/**
 * The one policy for messages that carry an error instead of a record, shared by
 * {@code Consumer.poll}, {@code pollBatch} and queue reads: partition EOF goes to the
 * consumer's {@link PartitionEofListener} (after the records before it); any other error is
 * thrown by the reader's next poll, after the records before it were returned. One per
 * reader (the consumer, each queue), used by one thread at a time.
 */
final class FailedMessages implements MessageBatch.FailureHandler {
    private static final int PARTITION_EOF = KafkaError._PARTITION_EOF.code();
    private static final int FATAL = KafkaError._FATAL.code();

    private final ConsumerCore core;
    private KafkaException pending;

    FailedMessages(ConsumerCore core) {
        this.core = core;
    }

    @Override
    public void onFailed(MessageBatch.Failed f) {
        if (f.error() == PARTITION_EOF) {
            if (f.topic() != null) core.eofReached(new TopicPartition(f.topic(), f.partition()), f.offset());
        } else if (pending == null && f.error() == FATAL) {
            pending = core.client.fatalError(); // the underlying error, flagged fatal
        } else if (pending == null) {
            String where = f.topic() != null ? " (" + f.topic() + " [" + f.partition() + "])" : "";
            pending = new KafkaException(f.error(), "consume failed" + where + ": " + f.errorText() + " ("
                    + KafkaError.fromCode(f.error()) + ")");
        }
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Throws the error met by an earlier read, once. */
    void throwPending() {
        KafkaException e = pending;
        if (e != null) {
            pending = null;
            throw e;
        }
    }
}
