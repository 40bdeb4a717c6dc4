package dev.jrdkafka.internal.rd.queue;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import dev.jrdkafka.internal.rd.NativeObject;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An {@code rd_kafka_event_t} taken from a queue (see rdkafka.h, "Events"): owned, destroyed
 * by {@link #close()}. What it lends (its partition list, its messages) is valid only until
 * then; everything else is copied out.
 */
public final class RdEvent extends NativeObject {
    public static final int REBALANCE = RD_KAFKA_EVENT_REBALANCE();
    public static final int FETCH = RD_KAFKA_EVENT_FETCH();
    public static final int ERROR = RD_KAFKA_EVENT_ERROR();
    public static final int LOG = RD_KAFKA_EVENT_LOG();
    public static final int STATS = RD_KAFKA_EVENT_STATS();
    public static final int OFFSET_COMMIT = RD_KAFKA_EVENT_OFFSET_COMMIT();
    public static final int OAUTHBEARER_TOKEN_REFRESH = RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH();
    private static final int ASSIGN_PARTITIONS = RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS();

    /** A LOG event's line. */
    public record LogLine(String facility, String message, int level) {}

    /** The partition (null if none) and offset of a partition-level ERROR event. */
    public record ErrorPartition(TopicPartition partition, long offset) {}

    private RdEvent(MemorySegment ev) {
        super(ev, true);
    }

    /** Owns {@code ev} (from {@code rd_kafka_queue_poll}); null for NULL. */
    public static RdEvent owned(MemorySegment ev) {
        return ev.equals(MemorySegment.NULL) ? null : new RdEvent(ev);
    }

    public int type() {
        return rd_kafka_event_type(ptr());
    }

    public String name() {
        return Rd.cString(rd_kafka_event_name(ptr()));
    }

    public int error() {
        return rd_kafka_event_error(ptr());
    }

    public String errorString() {
        return Rd.cString(rd_kafka_event_error_string(ptr()));
    }

    public boolean isFatal() {
        return rd_kafka_event_error_is_fatal(ptr()) != 0;
    }

    /** For a REBALANCE event: partitions assigned (else revoked or lost). */
    public boolean assigns() {
        return error() == ASSIGN_PARTITIONS;
    }

    public LogLine log() {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment fac = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment str = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment level = scratch.allocate(ValueLayout.JAVA_INT);
            if (rd_kafka_event_log(ptr(), fac, str, level) != 0) return null;
            return new LogLine(Rd.cString(fac.get(ValueLayout.ADDRESS, 0)), Rd.cString(str.get(ValueLayout.ADDRESS, 0)),
                    level.get(ValueLayout.JAVA_INT, 0));
        }
    }

    public String stats() {
        return Rd.cString(rd_kafka_event_stats(ptr()));
    }

    public String configString() {
        return Rd.cString(rd_kafka_event_config_string(ptr()));
    }

    /** The partition list of a REBALANCE or OFFSET_COMMIT event, borrowed from the event; null if none. */
    public RdPartitionList partitionList() {
        MemorySegment list = rd_kafka_event_topic_partition_list(ptr());
        return list.equals(MemorySegment.NULL) ? null : RdPartitionList.borrowed(list);
    }

    /** The partition of a partition-level ERROR event, or null. */
    public ErrorPartition errorPartition() {
        MemorySegment tp = rd_kafka_event_topic_partition(ptr()); // a copy, destroyed here
        if (tp.equals(MemorySegment.NULL)) return null;
        try {
            MemorySegment e = tp.reinterpret(rd_kafka_topic_partition_s.sizeof());
            String topic = Rd.cString(rd_kafka_topic_partition_s.topic(e));
            int partition = rd_kafka_topic_partition_s.partition(e);
            return new ErrorPartition(topic == null || partition < 0 ? null : new TopicPartition(topic, partition),
                    rd_kafka_topic_partition_s.offset(e));
        } finally {
            rd_kafka_topic_partition_destroy(tp);
        }
    }

    /**
     * Lends the event's next message (of a FETCH event: it also advances the position) to
     * {@code batch}; false when there is none. Valid until this event is closed.
     */
    public boolean lendNextMessage(MessageBatch batch) {
        MemorySegment m = rd_kafka_event_message_next(ptr());
        if (m.equals(MemorySegment.NULL)) return false;
        batch.lend(m.address());
        return true;
    }

    /** The msg_opaque / opaque of the request this event answers. */
    public long opaque() {
        return rd_kafka_event_opaque(ptr()).address();
    }

    @Override
    protected void destroy(MemorySegment p) {
        rd_kafka_event_destroy(p);
    }

    @Override
    protected String kind() {
        return "event";
    }
}
