package dev.jrdkafka.producer;

import dev.jrdkafka.Header;
import java.util.List;
import java.util.Objects;

/**
 * A record to produce. Key and value are bytes (either may be null: a null value is a
 * tombstone); serialize before producing. {@code partition} {@link #UNASSIGNED} lets the
 * configured partitioner choose; {@code timestamp} 0 means "now".
 */
public record ProducerRecord(String topic, int partition, byte[] key, byte[] value, long timestamp,
                             List<Header> headers) {
    /** librdkafka's RD_KAFKA_PARTITION_UA: let the partitioner choose. */
    public static final int UNASSIGNED = -1;

    public ProducerRecord {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) throw new IllegalArgumentException("topic must not be empty");
        if (partition < UNASSIGNED) {
            throw new IllegalArgumentException("partition must be >= 0 or UNASSIGNED (-1), got " + partition);
        }
        if (timestamp < 0) throw new IllegalArgumentException("timestamp must be >= 0 (0 = now), got " + timestamp);
        headers = headers == null ? List.of() : dev.jrdkafka.internal.client.Args.list(headers, "headers");
    }

    public ProducerRecord(String topic, int partition, byte[] key, byte[] value) {
        this(topic, partition, key, value, 0, List.of());
    }

    public ProducerRecord(String topic, byte[] key, byte[] value) {
        this(topic, UNASSIGNED, key, value, 0, List.of());
    }

    public ProducerRecord(String topic, byte[] value) {
        this(topic, UNASSIGNED, null, value, 0, List.of());
    }
}
