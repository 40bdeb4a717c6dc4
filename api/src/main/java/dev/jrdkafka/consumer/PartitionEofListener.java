package dev.jrdkafka.consumer;

import dev.jrdkafka.TopicPartition;

/**
 * Told that the consumer reached the end of a partition ({@code enable.partition.eof=true}):
 * every record before {@code offset} has been returned. Runs on the thread that polls:
 * from {@link Consumer#poll} when the EOF is met, and for {@link Consumer#pollBatch} at the
 * start of the next poll or pollBatch — after the batch that preceded the EOF was handed
 * out — so it never overtakes records. librdkafka reports it again each time new records
 * are read to the end. Exceptions it throws are logged and ignored.
 */
@FunctionalInterface
public interface PartitionEofListener {
    /** @param offset the partition's end: the offset the next record will have */
    void onPartitionEof(Consumer consumer, TopicPartition partition, long offset);
}
