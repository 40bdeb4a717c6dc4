package dev.jrdkafka.consumer;

import dev.jrdkafka.Header;
import dev.jrdkafka.internal.rd.RdMessages;
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
    private final MemorySegment message;

    RecordView(RecordBatch batch, MemorySegment message) {
        this.batch = batch;
        this.message = message;
    }

    private MemorySegment m() {
        batch.ensureOpen();
        return message;
    }

    public String topic() {
        return batch.topicOf(m());
    }

    public int partition() {
        return RdMessages.partition(m());
    }

    public long offset() {
        return RdMessages.offset(m());
    }

    public int leaderEpoch() {
        return RdMessages.leaderEpoch(m());
    }

    public long timestamp() {
        return RdMessages.timestamp(m())[0];
    }

    public TimestampType timestampType() {
        return TimestampType.of(RdMessages.timestamp(m())[1]);
    }

    /** The key in place (read-only view, valid until the batch closes), or null. */
    public MemorySegment key() {
        return batch.scoped(RdMessages.keySegment(m()));
    }

    /** The value in place (read-only view, valid until the batch closes), or null for a tombstone. */
    public MemorySegment value() {
        return batch.scoped(RdMessages.valueSegment(m()));
    }

    public byte[] keyBytes() {
        return RdMessages.bytes(RdMessages.keySegment(m()));
    }

    public byte[] valueBytes() {
        return RdMessages.bytes(RdMessages.valueSegment(m()));
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
        return RdMessages.headers(m()).stream().map(e -> new Header(e.getKey(), e.getValue())).toList();
    }

    /** An owned copy of the whole record. */
    public ConsumerRecord toRecord() {
        MemorySegment msg = m();
        long[] ts = RdMessages.timestamp(msg);
        return new ConsumerRecord(batch.topicOf(msg), RdMessages.partition(msg), RdMessages.offset(msg),
                RdMessages.leaderEpoch(msg), ts[0], TimestampType.of(ts[1]), keyBytes(), valueBytes(), headers());
    }

    @Override
    public String toString() {
        return batch.isClosed() ? "RecordView[released]" : topic() + "-" + partition() + "@" + offset();
    }
}
