package dev.jrdkafka.consumer;

import dev.jrdkafka.Header;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One record of a {@link RecordBatch}, read in place: {@link #key()} and {@link #value()}
 * are zero-copy views of librdkafka's buffers, valid until the batch is closed; any use
 * after that throws {@link IllegalStateException} (never reads freed memory). The copying
 * accessors return data you may keep.
 */
public final class RecordView {
    private final RecordBatch batch;
    private final int index;

    RecordView(RecordBatch batch, int index) {
        this.batch = batch;
        this.index = index;
    }

    public String topic() {
        return batch.topic(index);
    }

    public int partition() {
        return batch.partition(index);
    }

    public long offset() {
        return batch.offset(index);
    }

    public int leaderEpoch() {
        return batch.leaderEpoch(index);
    }

    /** The id of the broker the record was fetched from, or -1 if unknown. */
    public int brokerId() {
        return batch.brokerId(index);
    }

    /** See {@link RecordBatch#deliveryCount(int)}: share consumers' delivery count, 0 elsewhere. */
    public int deliveryCount() {
        return batch.deliveryCount(index);
    }

    public long timestamp() {
        return batch.timestamp(index);
    }

    public TimestampType timestampType() {
        return batch.timestampType(index);
    }

    /** The key in place (read-only view, valid until the batch closes), or null. */
    public MemorySegment key() {
        return batch.key(index);
    }

    /** The value in place (read-only view, valid until the batch closes), or null for a tombstone. */
    public MemorySegment value() {
        return batch.value(index);
    }

    public byte[] keyBytes() {
        return batch.keyBytes(index);
    }

    public byte[] valueBytes() {
        return batch.valueBytes(index);
    }

    /** The value decoded as UTF-8, or null. */
    public String valueString() {
        byte[] v = valueBytes();
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** A copy of the value in a new heap buffer, or null. */
    public ByteBuffer valueBuffer() {
        byte[] v = valueBytes();
        return v == null ? null : ByteBuffer.wrap(v);
    }

    public List<Header> headers() {
        return batch.headers(index);
    }

    /** An owned copy of the whole record. */
    public ConsumerRecord toRecord() {
        return batch.toRecord(index);
    }

    RecordBatch batch() {
        return batch;
    }

    int index() {
        return index;
    }

    @Override
    public String toString() {
        return batch.isClosed() ? "RecordView[released]" : topic() + "-" + partition() + "@" + offset();
    }
}
