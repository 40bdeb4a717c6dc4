package dev.jrdkafka.internal.rd.client;

import dev.jrdkafka.internal.rd.MessageFields;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.TopicNames;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A reusable view of one delivery report (an {@code rd_kafka_message_t} of a DR event),
 * pointed at each message of a batch in turn. Reading fields is plain memory access; only
 * the timestamp needs a (critical) downcall, made when asked for. Valid until the view
 * moves on or its event is destroyed; nothing here allocates. Field reads are
 * {@link MessageFields}', shared with consumed messages.
 */
public final class DeliveryReportView {
    private final TopicNames topics;
    private final MemorySegment tsType;
    private long message;

    DeliveryReportView(TopicNames topics, Arena arena) {
        this.topics = topics;
        this.tsType = arena.allocate(ValueLayout.JAVA_INT);
    }

    void point(long messageAddress) {
        this.message = messageAddress;
    }

    public int errorCode() {
        return MessageFields.error(message);
    }

    public String topic() {
        return topics.nameOf(MessageFields.topicHandle(message));
    }

    public int partition() {
        return MessageFields.partition(message);
    }

    public long offset() {
        return MessageFields.offset(message);
    }

    /** The msg_opaque given at produce time. */
    public long opaque() {
        return MessageFields.opaque(message);
    }

    public long valueLength() {
        return MessageFields.valueLength(message);
    }

    public long keyLength() {
        return MessageFields.keyLength(message);
    }

    /** Milliseconds since the epoch, or -1 when not available. */
    public long timestamp() {
        return MessageFields.timestamp(message, tsType.address());
    }

    /** {@code rd_kafka_message_status}: 0 not persisted, 1 possibly persisted, 2 persisted. */
    public int persistenceStatus() {
        return MessageFields.status(message);
    }

    /** {@code rd_kafka_message_latency}: microseconds from produce until this call, -1 if unknown. */
    public long latencyMicros() {
        return MessageFields.latencyMicros(message);
    }

    /** librdkafka's text for the error code. */
    public String errorText() {
        return RdErrors.describe(errorCode());
    }
}
