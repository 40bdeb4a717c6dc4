package dev.jrdkafka.producer;

import dev.jrdkafka.KafkaException;
import java.util.Set;

/**
 * A record's delivery failed: the error its {@link DeliveryCallback} (or the future of
 * {@link Producer#send(ProducerRecord)}) gets, a {@link KafkaException} with librdkafka's
 * error code and flags, plus what the application needs to act on the failure:
 * {@link #persistenceStatus()} says whether the record may still be in the log (send it
 * again only if {@link PersistenceStatus#NOT_PERSISTED}, or accept a possible duplicate),
 * and {@link #latencyMicros()} how long it was under way.
 *
 * <pre>{@code
 * producer.send(record, (md, error) -> {
 *     if (error instanceof DeliveryFailedException f && f.persistenceStatus() == PersistenceStatus.NOT_PERSISTED) {
 *         retryLater(record); // certainly not in the log
 *     }
 * });
 * }</pre>
 */
public final class DeliveryFailedException extends KafkaException {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;
    private final PersistenceStatus persistenceStatus;
    private final long latencyMicros;

    DeliveryFailedException(int code, String message, Set<Flag> flags, String topic, int partition,
                            PersistenceStatus persistenceStatus, long latencyMicros) {
        super(code, message, flags);
        this.topic = topic;
        this.partition = partition;
        this.persistenceStatus = persistenceStatus;
        this.latencyMicros = latencyMicros;
    }

    /** The record's topic. */
    public String topic() {
        return topic;
    }

    /** The record's partition, -1 if none was chosen. */
    public int partition() {
        return partition;
    }

    /** Whether the record may be in the log despite the failure ({@code rd_kafka_message_status}). */
    public PersistenceStatus persistenceStatus() {
        return persistenceStatus;
    }

    /** Microseconds from the produce call to the failure report ({@code rd_kafka_message_latency}), -1 if unknown. */
    public long latencyMicros() {
        return latencyMicros;
    }
}
