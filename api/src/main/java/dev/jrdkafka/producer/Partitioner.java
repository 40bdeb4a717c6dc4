package dev.jrdkafka.producer;

import java.nio.ByteBuffer;

/**
 * Chooses a partition in Java. Prefer librdkafka's built-ins ({@code partitioner}
 * property; {@code murmur2_random} places keys like kafka-clients) — they run in C. A Java
 * partitioner is called by librdkafka inside produce, or later on librdkafka's own threads
 * for records produced before the topic's partition count was known, so it must be
 * thread-safe and fast. Returning an out-of-range partition or throwing fails that record
 * with {@code _UNKNOWN_PARTITION}.
 */
@FunctionalInterface
public interface Partitioner {
    /**
     * @param key read-only view of the key, valid only during the call; null for a null key
     */
    int partition(String topic, ByteBuffer key, int partitionCount);
}
