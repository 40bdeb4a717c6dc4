package dev.jrdkafka.consumer;

import dev.jrdkafka.Header;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Records returned by one {@link Consumer#pollBatch}: librdkafka's messages, held in place
 * until {@link #close()} (use try-with-resources). Read them through views
 * ({@link #get(int)}, iteration: {@link RecordView}) or, allocating nothing per record,
 * through the indexed accessors ({@link #offset(int)}, {@link #value(int)}...). Key and
 * value segments are zero-copy, read-only views of librdkafka's buffers; after close every
 * view, accessor and segment obtained from the batch refuses access (never reads freed
 * memory). Holding batches open keeps librdkafka's fetch buffers in use (and a consumer's
 * close waits for them), so close them promptly. Confined to the thread that polled it:
 * another thread gets {@link WrongThreadException} (copy what it needs with
 * {@link #toRecord(int)} or {@link #valueBytes(int)}).
 */
public final class RecordBatch implements AutoCloseable, Iterable<RecordView> {
    static {
        // Lets the share consumer build and read batches without making their internals public.
        dev.jrdkafka.consumer.bridge.RecordBatches.install(new dev.jrdkafka.consumer.bridge.RecordBatches.Access() {
            @Override
            public RecordBatch open(MessageBatch messages, java.util.function.Consumer<RecordBatch> onClose) {
                return new RecordBatch(messages, onClose);
            }

            @Override
            public MessageBatch messages(RecordBatch batch) {
                batch.ensureOpen();
                return batch.messages;
            }

            @Override
            public RecordBatch batchOf(RecordView view) {
                return view.batch();
            }

            @Override
            public int indexOf(RecordView view) {
                return view.index();
            }
        });
    }

    private final Arena arena;
    private final MessageBatch messages;
    private final java.util.function.Consumer<RecordBatch> onClose;
    private final int size;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    RecordBatch(MessageBatch messages, java.util.function.Consumer<RecordBatch> onClose) {
        this.arena = Arena.ofConfined();
        this.messages = messages;
        this.onClose = onClose;
        this.size = messages.size();
    }

    public int size() {
        ensureOpen();
        return size;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The i-th record's view. */
    public RecordView get(int i) {
        check(i);
        return new RecordView(this, i);
    }

    @Override
    public Iterator<RecordView> iterator() {
        ensureOpen();
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                ensureOpen();
                return i < size;
            }

            @Override
            public RecordView next() {
                if (!hasNext()) throw new NoSuchElementException();
                return new RecordView(RecordBatch.this, i++);
            }
        };
    }

    // ---- the i-th record, without a view ---------------------------------------------

    public String topic(int i) {
        return messages.topic(check(i));
    }

    public int partition(int i) {
        return messages.partition(check(i));
    }

    public long offset(int i) {
        return messages.offset(check(i));
    }

    /** The leader epoch of the record's batch, or -1 if unknown. */
    public int leaderEpoch(int i) {
        return messages.leaderEpoch(check(i));
    }

    /** The id of the broker the record was fetched from, or -1 if unknown ({@code rd_kafka_message_broker_id}). */
    public int brokerId(int i) {
        return messages.brokerId(check(i));
    }

    /**
     * How many times a share group has delivered this record (1 the first time), for
     * batches of a {@link dev.jrdkafka.consumer.share.ShareConsumer}; 0 in a regular
     * consumer's batch, where librdkafka does not count deliveries.
     */
    public int deliveryCount(int i) {
        return messages.deliveryCount(check(i));
    }

    /** The timestamp in milliseconds, or -1 if none (see {@link #timestampType(int)}). */
    public long timestamp(int i) {
        return messages.timestamp(check(i));
    }

    public TimestampType timestampType(int i) {
        messages.timestamp(check(i));
        return TimestampType.of(messages.lastTimestampType());
    }

    /** The key in place (read-only, valid until the batch closes), or null. */
    public MemorySegment key(int i) {
        return messages.key(check(i), arena);
    }

    /** The value in place (read-only, valid until the batch closes), or null for a tombstone. */
    public MemorySegment value(int i) {
        return messages.value(check(i), arena);
    }

    /** The value's length in bytes, or -1 for a tombstone (null value). */
    public long valueSize(int i) {
        return messages.valueSize(check(i));
    }

    /** The key's length in bytes, or -1 for a null key. */
    public long keySize(int i) {
        return messages.keySize(check(i));
    }

    /**
     * Copies {@code length} bytes of the i-th key, from {@code offset}, into {@code dst} at
     * {@code dstOffset}: for writers that fill a buffer of their own, with no segment or array
     * per record (as {@link MemorySegment#copy(MemorySegment, java.lang.foreign.ValueLayout.OfByte, long, Object, int, int)}).
     *
     * @throws IndexOutOfBoundsException when the range is outside the key (a null key has no bytes) or {@code dst}
     */
    public void copyKey(int i, long offset, byte[] dst, int dstOffset, int length) {
        copy(i, false, offset, dst, dstOffset, length);
    }

    /**
     * As {@link #copyKey}, from the i-th value.
     *
     * @throws IndexOutOfBoundsException when the range is outside the value (a tombstone has no bytes) or {@code dst}
     */
    public void copyValue(int i, long offset, byte[] dst, int dstOffset, int length) {
        copy(i, true, offset, dst, dstOffset, length);
    }

    private void copy(int i, boolean value, long offset, byte[] dst, int dstOffset, int length) {
        long size = Math.max(0, value ? messages.valueSize(check(i)) : messages.keySize(check(i)));
        Objects.checkFromIndexSize(offset, length, size);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        messages.copy(i, value, offset, dst, dstOffset, length);
    }

    public byte[] keyBytes(int i) {
        return messages.keyBytes(check(i));
    }

    public byte[] valueBytes(int i) {
        return messages.valueBytes(check(i));
    }

    public List<Header> headers(int i) {
        return messages.headers(check(i));
    }

    /** An owned copy of the i-th record. */
    public ConsumerRecord toRecord(int i) {
        return Records.copy(messages, check(i));
    }

    /** Owned copies of all records. */
    public List<ConsumerRecord> toRecords() {
        List<ConsumerRecord> out = new ArrayList<>(size());
        for (int i = 0; i < size; i++) out.add(toRecord(i));
        return out;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Releases the messages; views, accessors and segments become unusable. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        arena.close(); // first: throws WrongThreadException on a foreign thread, before anything is freed
        closed = true;
        messages.release();
        onClose.accept(this);
    }

    void ensureOpen() {
        if (owner != Thread.currentThread()) {
            // Confined like its arena: a read racing close() on the owner thread could reach
            // memory librdkafka has just unmapped.
            throw new WrongThreadException("a RecordBatch is used on the thread that polled it (" + owner.getName()
                    + "); copy what other threads need (toRecord(), valueBytes())");
        }
        if (closed) throw new IllegalStateException("this RecordBatch is closed; its records were released");
    }

    /** {@code i}, once the batch is known open and i in range. */
    private int check(int i) {
        ensureOpen();
        return Objects.checkIndex(i, size);
    }
}
