package dev.jrdkafka.cluster;

/**
 * The kind of leader election ({@code rd_kafka_ElectionType_t}): PREFERRED makes each
 * partition's first replica its leader again if it is in sync; UNCLEAN lets an out-of-sync
 * replica lead a partition that has no leader (records may be lost).
 */
public enum ElectionType { PREFERRED, UNCLEAN }
