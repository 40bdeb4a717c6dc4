package dev.jrdkafka.producer;

/**
 * Where a produced record landed. {@code offset} is -1 when the broker did not return one
 * (acks=0); {@code timestamp} is -1 when unknown. {@code persistenceStatus} is
 * {@link PersistenceStatus#PERSISTED} for an acknowledged record, but
 * {@link PersistenceStatus#POSSIBLY_PERSISTED} with {@code acks=0} (nothing was
 * acknowledged). {@code latencyMicros} is librdkafka's {@code rd_kafka_message_latency}:
 * microseconds from the produce call to the delivery report, -1 if unknown.
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp,
                             PersistenceStatus persistenceStatus, long latencyMicros) {
    public RecordMetadata {
        java.util.Objects.requireNonNull(persistenceStatus, "persistenceStatus");
    }

    /** An acknowledged record ({@link PersistenceStatus#PERSISTED}) of unknown latency (-1). */
    public RecordMetadata(String topic, int partition, long offset, long timestamp) {
        this(topic, partition, offset, timestamp, PersistenceStatus.PERSISTED, -1);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
