package dev.jrdkafka.producer;

/**
 * Where a produced record landed. {@code offset} is -1 when the broker did not return one
 * (acks=0); {@code timestamp} is -1 when unknown.
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
