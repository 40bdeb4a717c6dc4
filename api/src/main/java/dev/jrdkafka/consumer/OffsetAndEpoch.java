package dev.jrdkafka.consumer;

/**
 * An offset with the leader epoch it belongs to.
 *
 * @param offset      -1 where there is no such record (e.g. no timestamp that late)
 * @param leaderEpoch -1 when unknown
 */
public record OffsetAndEpoch(long offset, int leaderEpoch) {}
