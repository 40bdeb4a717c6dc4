package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.Header;
import dev.jrdkafka.bindings.rd_kafka_message_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of {@code rd_kafka_message_t} fields, for consumed messages and delivery
 * reports alike: plain reads at raw addresses (no {@code MemorySegment} per message or
 * field) and critical downcalls for the accessor functions, so reading allocates nothing on
 * the Java heap. Callers own or borrow the message and guarantee it is alive.
 */
public final class MessageFields {
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final long ERR = rd_kafka_message_s.err$offset();
    private static final long RKT = rd_kafka_message_s.rkt$offset();
    private static final long PARTITION = rd_kafka_message_s.partition$offset();
    private static final long PAYLOAD = rd_kafka_message_s.payload$offset();
    private static final long LEN = rd_kafka_message_s.len$offset();
    private static final long KEY = rd_kafka_message_s.key$offset();
    private static final long KEY_LEN = rd_kafka_message_s.key_len$offset();
    private static final long OFFSET = rd_kafka_message_s.offset$offset();
    private static final long PRIVATE = rd_kafka_message_s._private$offset();

    private MessageFields() {}

    public static int error(long m) {
        return ALL.get(ValueLayout.JAVA_INT, m + ERR);
    }

    public static long topicHandle(long m) {
        return ALL.get(ValueLayout.JAVA_LONG, m + RKT);
    }

    public static int partition(long m) {
        return ALL.get(ValueLayout.JAVA_INT, m + PARTITION);
    }

    public static long offset(long m) {
        return ALL.get(ValueLayout.JAVA_LONG, m + OFFSET);
    }

    public static long valueAddress(long m) {
        return ALL.get(ValueLayout.JAVA_LONG, m + PAYLOAD);
    }

    public static long valueLength(long m) {
        return ALL.get(ValueLayout.JAVA_LONG, m + LEN);
    }

    public static long keyAddress(long m) {
        return ALL.get(ValueLayout.JAVA_LONG, m + KEY);
    }

    public static long keyLength(long m) {
        return ALL.get(ValueLayout.JAVA_LONG, m + KEY_LEN);
    }

    /** The {@code _private} field: a delivery report's msg_opaque (of a consumed message, librdkafka's own). */
    public static long opaque(long m) {
        return ALL.get(ValueLayout.JAVA_LONG, m + PRIVATE);
    }

    public static int leaderEpoch(long m) {
        try {
            return (int) CriticalDowncalls.MessageLeaderEpoch.HANDLE.invokeExact(m);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code rd_kafka_message_broker_id}: the broker the message was fetched from (or produced to), -1 if unknown. */
    public static int brokerId(long m) {
        try {
            return (int) CriticalDowncalls.MessageBrokerId.HANDLE.invokeExact(m);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * {@code rd_kafka_message_status}: 0 NOT_PERSISTED, 1 POSSIBLY_PERSISTED, 2 PERSISTED
     * (meaningful for a producer's delivery report).
     */
    public static int status(long m) {
        try {
            return (int) CriticalDowncalls.MessageStatus.HANDLE.invokeExact(m);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * {@code rd_kafka_message_latency}: microseconds from produce to now (librdkafka measures
     * it when asked), or -1 if unknown.
     */
    public static long latencyMicros(long m) {
        try {
            return (long) CriticalDowncalls.MessageLatency.HANDLE.invokeExact(m);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The timestamp of message {@code m}; its rd_kafka_timestamp_type_t is written as an int at {@code typeOut}. */
    public static long timestamp(long m, long typeOut) {
        try {
            return (long) CriticalDowncalls.MessageTimestamp.HANDLE.invokeExact(m, typeOut);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Whether message {@code m} has headers ({@code scratch}: room for a pointer). */
    public static boolean hasHeaders(long m, long scratch) {
        try {
            return (int) CriticalDowncalls.MessageHeaders.HANDLE.invokeExact(m, scratch) == 0;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The headers, copied, in order; values may be null. */
    public static List<Header> headers(long m) {
        List<Header> out = new ArrayList<>();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment hdrs = scratch.allocate(ValueLayout.ADDRESS);
            if (!hasHeaders(m, hdrs.address())) return out;
            MemorySegment h = hdrs.get(ValueLayout.ADDRESS, 0);
            MemorySegment name = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment val = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment size = scratch.allocate(ValueLayout.JAVA_LONG);
            for (long i = 0; rd_kafka_header_get_all(h, i, name, val, size) == 0; i++) {
                MemorySegment v = val.get(ValueLayout.ADDRESS, 0);
                out.add(new Header(Rd.cString(name.get(ValueLayout.ADDRESS, 0)),
                        v.equals(MemorySegment.NULL) ? null : v.reinterpret(size.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE)));
            }
        }
        return out;
    }

    /** librdkafka's error string for a message with an error (e.g. from a broker). */
    public static String errorText(long m) {
        return Rd.cString(rd_kafka_message_errstr(MemorySegment.ofAddress(m).reinterpret(rd_kafka_message_s.sizeof())));
    }

    /** {@code length} bytes at {@code address} as a segment (no copy; no scope: the caller guards the lifetime). */
    public static MemorySegment bytes(long address, long length) {
        return ALL.asSlice(address, length);
    }

    /** Copies {@code length} bytes at {@code address} into {@code dst} from {@code dstOffset}. */
    public static void copy(long address, byte[] dst, int dstOffset, int length) {
        MemorySegment.copy(ALL, ValueLayout.JAVA_BYTE, address, dst, dstOffset, length);
    }

    /** A copy of {@code length} bytes at {@code address}, or null for a NULL address. */
    public static byte[] copy(long address, long length) {
        return address == 0 ? null : ALL.asSlice(address, length).toArray(ValueLayout.JAVA_BYTE);
    }

    public static void destroy(long m) {
        try {
            CriticalDowncalls.MessageDestroy.HANDLE.invokeExact(m);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
