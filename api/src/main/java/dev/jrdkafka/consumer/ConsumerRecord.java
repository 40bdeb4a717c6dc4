package dev.jrdkafka.consumer;

import dev.jrdkafka.Header;
import dev.jrdkafka.TopicPartition;
import java.util.List;

/**
 * A consumed record, copied out of librdkafka (owned: keep it as long as you like).
 *
 * @param leaderEpoch   -1 when unknown
 * @param timestamp     ms since the epoch, -1 when none
 * @param timestampType {@link TimestampType}
 */
public record ConsumerRecord(String topic, int partition, long offset, int leaderEpoch, long timestamp,
                             TimestampType timestampType, byte[] key, byte[] value, List<Header> headers) {
    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
