package dev.jrdkafka.cluster;

/**
 * A partition's offset as ListOffsets found it ({@code rd_kafka_ListOffsetsResultInfo_t}):
 * the offset (-1 if no record matches a timestamp), its record's timestamp (-1 if none, e.g.
 * for EARLIEST and LATEST), and the leader epoch (-1 if unknown).
 */
public record ListedOffset(long offset, long timestamp, int leaderEpoch) {}
