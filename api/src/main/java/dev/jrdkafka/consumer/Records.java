package dev.jrdkafka.consumer;

import dev.jrdkafka.internal.rd.consume.MessageBatch;

/** The one copier of consumed messages into owned {@link ConsumerRecord}s (poll, batches, queue events). */
final class Records {
    private Records() {}

    /** An owned copy of message {@code i}: fields read in place, headers decoded only when present. */
    static ConsumerRecord copy(MessageBatch messages, int i) {
        long ts = messages.timestamp(i);
        TimestampType type = TimestampType.of(messages.lastTimestampType());
        return new ConsumerRecord(messages.topic(i), messages.partition(i), messages.offset(i), messages.leaderEpoch(i),
                ts, type, messages.keyBytes(i), messages.valueBytes(i), messages.headers(i));
    }
}
