package dev.jrdkafka.consumer.share;

import dev.jrdkafka.Header;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * The records of one {@link ShareConsumer#poll}: librdkafka's {@code rd_kafka_messages_t},
 * read in place exactly like a {@link RecordBatch} (which {@link #records()} returns, with
 * the zero-copy key and value segments), plus each record's {@link #deliveryCount(int)}.
 * Close it promptly (try-with-resources): it holds librdkafka's fetch buffers. Closing does
 * not acknowledge anything; in explicit mode, records of a closed batch can still be
 * acknowledged by offset ({@link ShareConsumer#acknowledge(String, int, long, AcknowledgeType)}).
 * Confined to the polling thread; any use after close throws {@link IllegalStateException}.
 *
 * <p>Records librdkafka delivered with an error (a corrupt batch, say) are not in the batch:
 * librdkafka already REJECTed or RELEASEd them, and they are reported to the client
 * listener's {@code onError}.
 *
 * <p>Preview: librdkafka 2.15.0 marks the share consumer as a preview, so this API may change.
 */
public final class ShareRecordBatch implements AutoCloseable, Iterable<RecordView> {
    private final RecordBatch records;
    private final int count;
    /** Explicit mode: which records were acknowledged (kept after close, for the next poll's check). */
    private final BitSet acknowledged;
    /** Explicit mode: each record's coordinates, so that acknowledging by offset counts after close too. */
    private final String[] topics;
    private final int[] partitions;
    private final long[] offsets;

    ShareRecordBatch(RecordBatch records, boolean explicit) {
        this.records = records;
        this.count = records.size();
        this.acknowledged = explicit ? new BitSet(count) : null;
        this.topics = explicit ? new String[count] : null;
        this.partitions = explicit ? new int[count] : null;
        this.offsets = explicit ? new long[count] : null;
        for (int i = 0; explicit && i < count; i++) {
            topics[i] = records.topic(i);
            partitions[i] = records.partition(i);
            offsets[i] = records.offset(i);
        }
    }

    /** The records as a {@link RecordBatch}: every accessor, zero-copy segments included. Closing either closes both. */
    public RecordBatch records() {
        records.size(); // open and on this thread
        return records;
    }

    public int size() {
        return records.size();
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public RecordView get(int i) {
        return records.get(i);
    }

    @Override
    public Iterator<RecordView> iterator() {
        return records.iterator();
    }

    public String topic(int i) {
        return records.topic(i);
    }

    public int partition(int i) {
        return records.partition(i);
    }

    public long offset(int i) {
        return records.offset(i);
    }

    /** How many times the share group has delivered this record: 1 the first time, more after a RELEASE or an expired lock. */
    public int deliveryCount(int i) {
        return records.deliveryCount(i);
    }

    public byte[] keyBytes(int i) {
        return records.keyBytes(i);
    }

    public byte[] valueBytes(int i) {
        return records.valueBytes(i);
    }

    public List<Header> headers(int i) {
        return records.headers(i);
    }

    /** An owned copy of the i-th record. */
    public ConsumerRecord toRecord(int i) {
        return records.toRecord(i);
    }

    public List<ConsumerRecord> toRecords() {
        return records.toRecords();
    }

    /** Explicit mode: how many of this batch's records are not acknowledged yet (0 in implicit mode). */
    public int unacknowledged() {
        return acknowledged == null ? 0 : count - acknowledged.cardinality();
    }

    public boolean isClosed() {
        return records.isClosed();
    }

    /** Releases the records (acknowledges nothing). Idempotent; on the polling thread only. */
    @Override
    public void close() {
        records.close();
    }

    // ---- for ShareConsumer --------------------------------------------------------------

    RecordBatch recordBatch() {
        return records;
    }

    void markAcknowledged(int i) {
        if (acknowledged != null) acknowledged.set(i);
    }

    /** Explicit mode: marks the record at these coordinates, if this batch has it. */
    void markAcknowledged(String topic, int partition, long offset) {
        if (acknowledged == null) return;
        for (int i = 0; i < count; i++) {
            if (offsets[i] == offset && partitions[i] == partition && topics[i].equals(topic)) acknowledged.set(i);
        }
    }

    @Override
    public String toString() {
        return "ShareRecordBatch[" + (isClosed() ? "closed" : records.size() + " records") + "]";
    }
}
