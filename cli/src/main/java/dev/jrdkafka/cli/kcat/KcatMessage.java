package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.Header;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.TimestampType;
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
