package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.bindings.rd_kafka_message_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reads {@code rd_kafka_event_t}s (see rdkafka.h, "Events"). Callers copy what they keep, then destroy. */
public final class RdEvents {
    private RdEvents() {}

    public static int type(MemorySegment ev) {
        return rd_kafka_event_type(ev);
    }

    public static String name(MemorySegment ev) {
        return Rd.cString(rd_kafka_event_name(ev));
    }

    public static int error(MemorySegment ev) {
        return rd_kafka_event_error(ev);
    }

    public static String errorString(MemorySegment ev) {
        return Rd.cString(rd_kafka_event_error_string(ev));
    }

    public static boolean errorIsFatal(MemorySegment ev) {
        return rd_kafka_event_error_is_fatal(ev) != 0;
    }

    /** {facility, message, level} of a LOG event, or null. */
    public static Object[] log(MemorySegment ev) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment fac = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment str = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment level = scratch.allocate(ValueLayout.JAVA_INT);
            if (rd_kafka_event_log(ev, fac, str, level) != 0) return null;
            return new Object[] {Rd.cString(fac.get(ValueLayout.ADDRESS, 0)), Rd.cString(str.get(ValueLayout.ADDRESS, 0)),
                    level.get(ValueLayout.JAVA_INT, 0)};
        }
    }

    public static String stats(MemorySegment ev) {
        return Rd.cString(rd_kafka_event_stats(ev));
    }

    public static String configString(MemorySegment ev) {
        return Rd.cString(rd_kafka_event_config_string(ev));
    }

    /** The partition list of a REBALANCE or OFFSET_COMMIT event (owned by the event), or NULL. */
    public static MemorySegment partitionList(MemorySegment ev) {
        return rd_kafka_event_topic_partition_list(ev);
    }

    /**
     * The partition of a partition-level ERROR event as {topic, partition, offset}, or null.
     * librdkafka returns a copy that is destroyed here.
     */
    public static Object[] errorPartition(MemorySegment ev) {
        MemorySegment tp = rd_kafka_event_topic_partition(ev);
        if (tp.equals(MemorySegment.NULL)) return null;
        try {
            MemorySegment e = tp.reinterpret(dev.jrdkafka.bindings.rd_kafka_topic_partition_s.sizeof());
            return new Object[] {Rd.cString(dev.jrdkafka.bindings.rd_kafka_topic_partition_s.topic(e)),
                    dev.jrdkafka.bindings.rd_kafka_topic_partition_s.partition(e),
                    dev.jrdkafka.bindings.rd_kafka_topic_partition_s.offset(e)};
        } finally {
            rd_kafka_topic_partition_destroy(tp);
        }
    }

    /** The next message of a FETCH or DR event (owned by the event), or null; for FETCH it also stores the position. */
    public static MemorySegment nextMessage(MemorySegment ev) {
        MemorySegment m = rd_kafka_event_message_next(ev);
        return m.equals(MemorySegment.NULL) ? null : m.reinterpret(rd_kafka_message_s.sizeof());
    }

    public static long messageCount(MemorySegment ev) {
        return rd_kafka_event_message_count(ev);
    }

    public static void destroy(MemorySegment ev) {
        rd_kafka_event_destroy(ev);
    }

    public static int typeRebalance() {
        return RD_KAFKA_EVENT_REBALANCE();
    }

    public static int assignPartitionsCode() {
        return RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS();
    }
}
