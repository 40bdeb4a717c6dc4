package dev.jrdkafka.internal.rd;

import dev.jrdkafka.bindings.rd_kafka_message_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A reusable view of one delivery report (an {@code rd_kafka_message_t} of a DR event),
 * pointed at each message of a batch in turn. Reading fields is plain memory access; only
 * the timestamp needs a (critical) downcall, made when asked for. Valid until the view
 * moves on or its event is destroyed; nothing here allocates.
 */
public final class DeliveryReportView {
    /** All of memory, to read a message's fields at its address without making a segment per message. */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final long ERR = offset("err");
    private static final long RKT = offset("rkt");
    private static final long PARTITION = offset("partition");
    private static final long LEN = offset("len");
    private static final long KEY_LEN = offset("key_len");
    private static final long OFFSET = offset("offset");
    private static final long PRIVATE = offset("_private");

    private final TopicNames topics;
    private final MemorySegment tsType;
    private long message;

    DeliveryReportView(TopicNames topics, Arena arena) {
        this.topics = topics;
        this.tsType = arena.allocate(ValueLayout.JAVA_INT);
    }

    private static long offset(String field) {
        return rd_kafka_message_s.layout().byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    void point(long messageAddress) {
        this.message = messageAddress;
    }

    public int errorCode() {
        return ALL.get(ValueLayout.JAVA_INT, message + ERR);
    }

    public String topic() {
        return topics.nameOf(MemorySegment.ofAddress(ALL.get(ValueLayout.JAVA_LONG, message + RKT)));
    }

    public int partition() {
        return ALL.get(ValueLayout.JAVA_INT, message + PARTITION);
    }

    public long offset() {
        return ALL.get(ValueLayout.JAVA_LONG, message + OFFSET);
    }

    /** The msg_opaque given at produce time. */
    public long opaque() {
        return ALL.get(ValueLayout.JAVA_LONG, message + PRIVATE);
    }

    public long valueLength() {
        return ALL.get(ValueLayout.JAVA_LONG, message + LEN);
    }

    public long keyLength() {
        return ALL.get(ValueLayout.JAVA_LONG, message + KEY_LEN);
    }

    /** Milliseconds since the epoch, or -1 when not available. */
    public long timestamp() {
        try {
            return (long) CriticalDowncalls.MESSAGE_TIMESTAMP.invokeExact(message, tsType.address());
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** librdkafka's text for the error code. */
    public String errorText() {
        return RdErrors.describe(errorCode());
    }
}
