package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.bindings.rd_kafka_message_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** Reads consumed {@code rd_kafka_message_t}s: fields as plain memory reads, copies on request. */
public final class RdMessages {
    private RdMessages() {}

    public static MemorySegment view(long address) {
        return MemorySegment.ofAddress(address).reinterpret(rd_kafka_message_s.sizeof());
    }

    public static int error(MemorySegment m) {
        return rd_kafka_message_s.err(m);
    }

    public static String topic(MemorySegment m) {
        MemorySegment rkt = rd_kafka_message_s.rkt(m);
        return rkt.equals(MemorySegment.NULL) ? null : Rd.cString(rd_kafka_topic_name(rkt));
    }

    public static int partition(MemorySegment m) {
        return rd_kafka_message_s.partition(m);
    }

    public static long offset(MemorySegment m) {
        return rd_kafka_message_s.offset(m);
    }

    /** The headers as (name, value) pairs; values may be null. */
    public static List<java.util.Map.Entry<String, byte[]>> headers(MemorySegment m) {
        List<java.util.Map.Entry<String, byte[]>> out = new ArrayList<>();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment hdrs = scratch.allocate(ValueLayout.ADDRESS);
            if (rd_kafka_message_headers(m, hdrs) != 0) return out;
            MemorySegment h = hdrs.get(ValueLayout.ADDRESS, 0);
            MemorySegment name = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment val = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment size = scratch.allocate(ValueLayout.JAVA_LONG);
            for (long i = 0; rd_kafka_header_get_all(h, i, name, val, size) == 0; i++) {
                MemorySegment v = val.get(ValueLayout.ADDRESS, 0);
                out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(Rd.cString(name.get(ValueLayout.ADDRESS, 0)),
                        v.equals(MemorySegment.NULL) ? null : v.reinterpret(size.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE)));
            }
        }
        return out;
    }

    /** The exception a consume error message (err != 0, not partition EOF) is thrown as, from any poll. */
    public static dev.jrdkafka.KafkaException consumeError(MemorySegment m, int err) {
        String where = topic(m) != null ? " (" + topic(m) + " [" + partition(m) + "])" : "";
        return new dev.jrdkafka.KafkaException(err, "consume failed" + where + ": " + errorText(m) + " ("
                + dev.jrdkafka.KafkaError.fromCode(err) + ")", false, false, false);
    }

    /** librdkafka's error string for an error message (err != 0), e.g. from a broker. */
    public static String errorText(MemorySegment m) {
        return Rd.cString(rd_kafka_message_errstr(m));
    }

    public static void destroy(MemorySegment m) {
        rd_kafka_message_destroy(m);
    }
}
