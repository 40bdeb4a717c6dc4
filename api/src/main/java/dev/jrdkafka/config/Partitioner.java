package dev.jrdkafka.config;

/**
 * {@code partitioner}: librdkafka's built-in partitioners, which place a record with a key but
 * no explicit partition.
 *
 * <p><b>Mixing with Java clients.</b> librdkafka's default is {@link #CONSISTENT_RANDOM}
 * (CRC32 of the key), while kafka-clients' default partitioner uses murmur2: the same key lands
 * on different partitions. Producers of one topic that must agree on key placement (Java and
 * librdkafka-based alike) should all use {@link #MURMUR2_RANDOM} here.
 */
public enum Partitioner {
    /** Random distribution, ignoring the key. */
    RANDOM("random"),
    /** CRC32 hash of the key; empty and null keys go to a single partition. */
    CONSISTENT("consistent"),
    /** CRC32 hash of the key; empty and null keys are placed randomly. librdkafka's default. */
    CONSISTENT_RANDOM("consistent_random"),
    /** murmur2 hash of the key, as kafka-clients computes it; null keys go to a single partition. */
    MURMUR2("murmur2"),
    /**
     * murmur2 hash of the key; null keys are placed randomly. This places keys like
     * kafka-clients' default partitioner (murmur2 of the key; random for null keys), whereas
     * librdkafka's default is {@link #CONSISTENT_RANDOM} (CRC32): mixed Java and librdkafka
     * producers must set {@code murmur2_random} to agree on which partition a key goes to.
     */
    MURMUR2_RANDOM("murmur2_random"),
    /** FNV-1a hash of the key (as Sarama's default); null keys go to a single partition. */
    FNV1A("fnv1a"),
    /** FNV-1a hash of the key; null keys are placed randomly. */
    FNV1A_RANDOM("fnv1a_random");

    private final String value;

    Partitioner(String value) {
        this.value = value;
    }

    /** The value as librdkafka takes it. */
    public String value() {
        return value;
    }
}
