package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.Header;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.TimestampType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The consumed message a format prints: over a {@link RecordBatch} (a cursor moved from one
 * index to the next: zero-copy, nothing allocated per record) or over an owned
 * {@link ConsumerRecord} (tests).
 */
interface KcatMessage {
    String topic();

    int partition();

    long offset();

    long timestamp();

    TimestampType timestampType();

    int brokerId();

    /** The key in place, or null. */
    MemorySegment key();

    /** The value in place, or null for a tombstone. */
    MemorySegment value();

    /** The key's length, -1 for a null key. */
    default long keySize() {
        MemorySegment k = key();
        return k == null ? -1 : k.byteSize();
    }

    /** The value's length, -1 for a tombstone. */
    default long valueSize() {
        MemorySegment v = value();
        return v == null ? -1 : v.byteSize();
    }

    /** Writes the key's bytes (none for a null key). */
    default void writeKey(KcatOut out) throws IOException {
        MemorySegment k = key();
        if (k != null) out.write(k);
    }

    /** Writes the value's bytes (none for a tombstone). */
    default void writeValue(KcatOut out) throws IOException {
        MemorySegment v = value();
        if (v != null) out.write(v);
    }

    List<Header> headers();

    /** A cursor over a batch's records: {@link #at(RecordBatch, int)} moves it. */
    final class InBatch implements KcatMessage {
        private RecordBatch batch;
        private int i;

        InBatch at(RecordBatch batch, int i) {
            this.batch = batch;
            this.i = i;
            return this;
        }

        @Override
        public String topic() {
            return batch.topic(i);
        }

        @Override
        public int partition() {
            return batch.partition(i);
        }

        @Override
        public long offset() {
            return batch.offset(i);
        }

        @Override
        public long timestamp() {
            return batch.timestamp(i);
        }

        @Override
        public TimestampType timestampType() {
            return batch.timestampType(i);
        }

        @Override
        public int brokerId() {
            return batch.brokerId(i);
        }

        @Override
        public MemorySegment key() {
            return batch.key(i);
        }

        @Override
        public MemorySegment value() {
            return batch.value(i);
        }

        @Override
        public long keySize() {
            return batch.keySize(i);
        }

        @Override
        public long valueSize() {
            return batch.valueSize(i);
        }

        // Copied from librdkafka's buffer into the output buffer: no segment per record (the
        // format's pieces are called through an interface, so escape analysis cannot remove them).
        @Override
        public void writeKey(KcatOut out) throws IOException {
            out.write(batch, i, false, batch.keySize(i));
        }

        @Override
        public void writeValue(KcatOut out) throws IOException {
            out.write(batch, i, true, batch.valueSize(i));
        }

        @Override
        public List<Header> headers() {
            return batch.headers(i);
        }
    }

    /** An owned record, as a message (broker unknown: -1). */
    static KcatMessage of(ConsumerRecord r) {
        return new KcatMessage() {
            @Override
            public String topic() {
                return r.topic();
            }

            @Override
            public int partition() {
                return r.partition();
            }

            @Override
            public long offset() {
                return r.offset();
            }

            @Override
            public long timestamp() {
                return r.timestamp();
            }

            @Override
            public TimestampType timestampType() {
                return r.timestampType();
            }

            @Override
            public int brokerId() {
                return -1;
            }

            @Override
            public MemorySegment key() {
                return r.key() == null ? null : MemorySegment.ofArray(r.key());
            }

            @Override
            public MemorySegment value() {
                return r.value() == null ? null : MemorySegment.ofArray(r.value());
            }

            @Override
            public List<Header> headers() {
                return r.headers();
            }
        };
    }
}
