package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_consume_batch_queue;

import dev.jrdkafka.bindings.rd_kafka_message_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Consumed messages held in place: a native array of {@code rd_kafka_message_t *} filled by
 * {@code rd_kafka_consume_batch_queue}, with field reads at raw addresses (no
 * {@code MemorySegment} per message or per field) and critical downcalls for the accessor
 * functions, so reading a batch allocates nothing on the Java heap per message. Arrays are
 * reused (see {@link Pool}). Not thread-safe; the owner checks that the batch is open
 * before every read.
 */
public final class MessageBatch {
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

    private final Pool pool;
    private final MemorySegment pointers; // capacity pointers, then one int for a timestamp type
    private final int capacity;
    private int size;

    private MessageBatch(Pool pool, int capacity) {
        this.pool = pool;
        this.capacity = capacity;
        // Auto arena: the GC frees an array that is dropped (e.g. of a leaked batch).
        this.pointers = Arena.ofAuto().allocate(8L * capacity + 8, 8);
    }

    /**
     * Fills this batch from {@code queue}: waits up to {@code timeoutMs} for messages, up to
     * {@code max} (at most the capacity). Returns the count, or -1 on error (see
     * {@code rd_kafka_last_error}).
     */
    public int fill(MemorySegment queue, int timeoutMs, int max) {
        long n = rd_kafka_consume_batch_queue(queue, timeoutMs, pointers, Math.min(max, capacity));
        size = (int) Math.max(0, n);
        return (int) n;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Appends a message the caller hands over (this batch destroys it on release). */
    public void add(long message) {
        if (size == capacity) throw new IllegalStateException("batch full: " + capacity);
        pointers.setAtIndex(ValueLayout.JAVA_LONG, size++, message);
    }

    /** The i-th message's address. */
    public long message(int i) {
        return pointers.getAtIndex(ValueLayout.JAVA_LONG, i);
    }

    /** What {@link #removeFailed} tells about each failed message (partition EOF included), before destroying it. */
    public interface FailureHandler {
        void onFailed(long message, int error);
    }

    /** Takes out the messages carrying an error, in one pass keeping the others' order; each is reported, then destroyed. */
    public void removeFailed(FailureHandler handler) {
        int kept = 0;
        int i = 0;
        try {
            for (; i < size; i++) {
                long m = message(i);
                int err = error(m);
                if (err == 0) {
                    pointers.setAtIndex(ValueLayout.JAVA_LONG, kept++, m);
                } else {
                    try {
                        handler.onFailed(m, err);
                    } finally {
                        destroy(m);
                    }
                }
            }
        } finally {
            // If the handler threw at i, the messages after it stay in the batch (release() frees them).
            int rest = Math.max(0, size - i - 1);
            if (i < size) MemorySegment.copy(pointers, 8L * (i + 1), pointers, 8L * kept, 8L * rest);
            size = i < size ? kept + rest : kept;
        }
    }

    /** The {@code _private} field: a delivery report's msg_opaque (of a consumed message, librdkafka's own). */
    public static long opaque(long m) {
        return ALL.get(ValueLayout.JAVA_LONG, m + PRIVATE);
    }

    // ---- fields of a message, by address ---------------------------------------------

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

    public static int leaderEpoch(long m) {
        try {
            return (int) CriticalDowncalls.MESSAGE_LEADER_EPOCH.invokeExact(m);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The timestamp of message {@code m} (of this batch); its type is then {@link #lastTimestampType()}. */
    public long timestamp(long m) {
        return timestamp(m, pointers.address() + 8L * capacity);
    }

    /** The timestamp of message {@code m}; its rd_kafka_timestamp_type_t is written as an int at {@code typeOut}. */
    public static long timestamp(long m, long typeOut) {
        try {
            return (long) CriticalDowncalls.MESSAGE_TIMESTAMP.invokeExact(m, typeOut);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Whether message {@code m} has headers ({@code rd_kafka_message_headers}; {@code scratch}: room for a pointer). */
    public static boolean hasHeaders(long m, long scratch) {
        try {
            return (int) CriticalDowncalls.MESSAGE_HEADERS.invokeExact(m, scratch) == 0;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** rd_kafka_timestamp_type_t of the last {@link #timestamp} call: 0 none, 1 create time, 2 log append time. */
    public int lastTimestampType() {
        return pointers.get(ValueLayout.JAVA_INT, 8L * capacity);
    }

    /** The message's bytes at {@code address}, {@code length} long, as a segment (no copy). */
    public static MemorySegment bytes(long address, long length) {
        return ALL.asSlice(address, length);
    }

    public static void destroy(long m) {
        try {
            CriticalDowncalls.MESSAGE_DESTROY.invokeExact(m);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Destroys every message and returns the array to its pool. */
    public void release() {
        for (int i = 0; i < size; i++) destroy(message(i));
        size = 0;
        pool.giveBack(this);
    }

    /**
     * Reuses message arrays: one consumer normally has one batch open at a time, so taking
     * and giving back the same array costs nothing per poll. Thread-safe.
     */
    public static final class Pool {
        private MessageBatch spare;

        public synchronized MessageBatch take(int max) {
            MessageBatch b = spare;
            if (b != null && b.capacity >= max) {
                spare = null;
                return b;
            }
            // Round up, so that a varying max does not make a new array each time.
            return new MessageBatch(this, Math.max(64, Integer.highestOneBit(Math.max(1, max - 1)) << 1));
        }

        synchronized void giveBack(MessageBatch b) {
            if (spare == null || spare.capacity < b.capacity) spare = b;
        }
    }
}
