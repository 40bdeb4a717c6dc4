package dev.jrdkafka.internal.rd.consume;

import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_consume_batch_queue;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_message_delivery_count;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_messages_count;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_messages_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_messages_get;

import dev.jrdkafka.Header;
import dev.jrdkafka.internal.rd.MessageFields;
import dev.jrdkafka.internal.rd.TopicNames;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Consumed messages held in place: the owner of a native array of
 * {@code rd_kafka_message_t *} filled by {@code rd_kafka_consume_batch_queue} (or one message
 * lent by an event, or the messages of a share consumer's {@code rd_kafka_messages_t}), read
 * by index through {@link MessageFields}, so reading a batch allocates nothing on the Java
 * heap per message. {@link #release()} destroys owned messages (or the share list, which
 * owns its messages) and returns the array to its {@link Pool}. Not thread-safe; the public
 * batch checks that it is open before every read.
 */
public final class MessageBatch {
    private final Pool pool;
    private final MemorySegment pointers; // capacity pointers, then an int (timestamp type) and a pointer (headers)
    private final long typeOut;
    private final long headersOut;
    private final int capacity;
    private int size;
    private boolean borrowed;
    /** The share consumer's {@code rd_kafka_messages_t} the messages belong to, or NULL. */
    private MemorySegment shareList = MemorySegment.NULL;

    private MessageBatch(Pool pool, int capacity) {
        this.pool = pool;
        this.capacity = capacity;
        // Auto arena: the GC frees an array that is dropped (e.g. of a leaked batch).
        this.pointers = Arena.ofAuto().allocate(8L * capacity + 16, 8);
        this.typeOut = pointers.address() + 8L * capacity;
        this.headersOut = typeOut + 8;
    }

    /** The most messages one batch holds: a larger {@code max} reads this many at a time. */
    public static final int MAX_CAPACITY = 1 << 16;

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

    /**
     * Takes over a share consumer's {@code rd_kafka_messages_t} (from {@code rd_kafka_share_poll}):
     * its message pointers are copied into this batch; the list (which owns them) is destroyed
     * by {@link #release()}. The batch must come from {@link Pool#take} with at least
     * {@code rd_kafka_messages_count(list)} capacity ({@link #shareCount}).
     */
    public void adoptShareMessages(MemorySegment list) {
        int n = shareCount(list);
        if (n > capacity) throw new IllegalStateException("share batch of " + n + " > capacity " + capacity);
        for (int i = 0; i < n; i++) pointers.setAtIndex(ValueLayout.JAVA_LONG, i, rd_kafka_messages_get(list, i).address());
        shareList = list;
        size = n;
    }

    /** {@code rd_kafka_messages_count}. */
    public static int shareCount(MemorySegment list) {
        return (int) rd_kafka_messages_count(list);
    }

    /** Holds one message that belongs to an event (never destroyed here). */
    public void lend(long message) {
        borrowed = true;
        pointers.setAtIndex(ValueLayout.JAVA_LONG, 0, message);
        size = 1;
    }

    public int size() {
        return size;
    }

    public TopicNames topicNames() {
        return pool.topics;
    }

    private long m(int i) {
        return pointers.getAtIndex(ValueLayout.JAVA_LONG, i);
    }

    // ---- the i-th message (0 <= i < size, checked by the caller) ----------------------

    public String topic(int i) {
        return pool.topics.nameOf(MessageFields.topicHandle(m(i)));
    }

    public int partition(int i) {
        return MessageFields.partition(m(i));
    }

    public long offset(int i) {
        return MessageFields.offset(m(i));
    }

    public int leaderEpoch(int i) {
        return MessageFields.leaderEpoch(m(i));
    }

    public int brokerId(int i) {
        return MessageFields.brokerId(m(i));
    }

    /** The key's length, or -1 for a null key. */
    public long keySize(int i) {
        long m = m(i);
        return MessageFields.keyAddress(m) == 0 ? -1 : MessageFields.keyLength(m);
    }

    /** {@code rd_kafka_message_delivery_count}: 0 outside a share consumer's batch. */
    public int deliveryCount(int i) {
        return rd_kafka_message_delivery_count(MemorySegment.ofAddress(m(i)));
    }

    /** The i-th {@code rd_kafka_message_t *} (for the share consumer's acknowledge). */
    public MemorySegment message(int i) {
        return MemorySegment.ofAddress(m(i));
    }

    /** The timestamp; its type is then {@link #lastTimestampType()}. */
    public long timestamp(int i) {
        return MessageFields.timestamp(m(i), typeOut);
    }

    /** rd_kafka_timestamp_type_t of the last {@link #timestamp} call: 0 none, 1 create time, 2 log append time. */
    public int lastTimestampType() {
        return pointers.get(ValueLayout.JAVA_INT, 8L * capacity);
    }

    /** The key in place, valid as long as {@code scope} (read-only), or null. */
    public MemorySegment key(int i, Arena scope) {
        long m = m(i);
        return scoped(MessageFields.keyAddress(m), MessageFields.keyLength(m), scope);
    }

    /** The value in place, valid as long as {@code scope} (read-only), or null for a tombstone. */
    public MemorySegment value(int i, Arena scope) {
        long m = m(i);
        return scoped(MessageFields.valueAddress(m), MessageFields.valueLength(m), scope);
    }

    /** The value's length, or -1 for a tombstone. */
    public long valueSize(int i) {
        long m = m(i);
        return MessageFields.valueAddress(m) == 0 ? -1 : MessageFields.valueLength(m);
    }

    /** Copies bytes of the key ({@code value} false) or value into {@code dst}; the caller checked the bounds. */
    public void copy(int i, boolean value, long offset, byte[] dst, int dstOffset, int length) {
        long m = m(i);
        long address = value ? MessageFields.valueAddress(m) : MessageFields.keyAddress(m);
        MessageFields.copy(address + offset, dst, dstOffset, length);
    }

    public byte[] keyBytes(int i) {
        long m = m(i);
        return MessageFields.copy(MessageFields.keyAddress(m), MessageFields.keyLength(m));
    }

    public byte[] valueBytes(int i) {
        long m = m(i);
        return MessageFields.copy(MessageFields.valueAddress(m), MessageFields.valueLength(m));
    }

    /** The headers, copied; an empty list (decoding nothing) when there are none. */
    public List<Header> headers(int i) {
        long m = m(i);
        return MessageFields.hasHeaders(m, headersOut) ? MessageFields.headers(m) : List.of();
    }

    private static MemorySegment scoped(long address, long length, Arena scope) {
        return address == 0 ? null : MemorySegment.ofAddress(address).reinterpret(length, scope, null).asReadOnly();
    }

    /** Whether each message is owned on its own (not by a share list). */
    private boolean isOwnedSingly() {
        return shareList.equals(MemorySegment.NULL);
    }

    // ---- failed messages -------------------------------------------------------------------

    /** A message that carries an error instead of a record (partition EOF included). */
    public record Failed(String topic, int partition, long offset, int error, String errorText) {}

    /** What {@link #removeFailed} tells about each failed message, before destroying it. */
    public interface FailureHandler {
        void onFailed(Failed failed);
    }

    /** Takes out the messages carrying an error, in one pass keeping the others' order; each is reported, then destroyed. */
    public void removeFailed(FailureHandler handler) {
        int kept = 0;
        int i = 0;
        try {
            for (; i < size; i++) {
                long m = m(i);
                int err = MessageFields.error(m);
                if (err == 0) {
                    pointers.setAtIndex(ValueLayout.JAVA_LONG, kept++, m);
                } else {
                    try {
                        handler.onFailed(new Failed(pool.topics.nameOf(MessageFields.topicHandle(m)),
                                MessageFields.partition(m), MessageFields.offset(m), err, MessageFields.errorText(m)));
                    } finally {
                        if (!borrowed && isOwnedSingly()) MessageFields.destroy(m);
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

    /** Destroys every owned message and returns the array to its pool. */
    public void release() {
        if (!isOwnedSingly()) {
            // The share list owns every message it held, the ones removeFailed took out included.
            rd_kafka_messages_destroy(shareList);
            shareList = MemorySegment.NULL;
        } else if (!borrowed) {
            for (int i = 0; i < size; i++) MessageFields.destroy(m(i));
        }
        size = 0;
        borrowed = false;
        pool.giveBack(this);
    }

    /**
     * Reuses message arrays: one consumer normally has one batch open at a time, so taking
     * and giving back the same array costs nothing per poll. Thread-safe.
     */
    public static final class Pool {
        private final TopicNames topics;
        private MessageBatch spare;

        public Pool(TopicNames topics) {
            this.topics = topics;
        }

        public synchronized MessageBatch take(int max) {
            MessageBatch b = spare;
            if (b != null && b.capacity >= max) {
                spare = null;
                return b;
            }
            // Round up, so that a varying max does not make a new array each time; at most
            // MAX_CAPACITY (a huge max once overflowed the rounding, or asked for gigabytes).
            int wanted = Math.min(Math.max(1, max), MAX_CAPACITY);
            return new MessageBatch(this, Math.max(64, Integer.highestOneBit(Math.max(1, wanted - 1)) << 1));
        }

        synchronized void giveBack(MessageBatch b) {
            if (spare == null || spare.capacity < b.capacity) spare = b;
        }
    }
}
