package dev.jrdkafka.internal.rd.mock;

import dev.jrdkafka.internal.rd.RdErrors;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_partition_push_leader_response;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_partition_set_follower;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_partition_set_follower_wmarks;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_partition_set_leader;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_topic_create;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_topic_set_error;

import java.lang.foreign.Arena;

/**
 * Mock topics and partitions. The partition functions create a missing topic with
 * {@code partition + 1} partitions; callers must pass {@code partition >= 0} (librdkafka does
 * not check it and would index before its array).
 */
public final class RdMockTopics {
    private RdMockTopics() {}

    /** {@code rd_kafka_mock_topic_create}; TOPIC_ALREADY_EXISTS if it exists. */
    public static void create(RdMockCluster cluster, String topic, int partitions, int replicationFactor) {
        try (Arena arena = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_mock_topic_create(cluster.live(), RdMockCluster.cString(arena, topic), partitions,
                    replicationFactor), "rd_kafka_mock_topic_create(" + topic + ")");
        }
    }

    /** {@code rd_kafka_mock_topic_set_error}: returned in Metadata and AddPartitionsToTxn for the topic. */
    public static void setError(RdMockCluster cluster, String topic, int error) {
        try (Arena arena = Arena.ofConfined()) {
            rd_kafka_mock_topic_set_error(cluster.live(), RdMockCluster.cString(arena, topic), error);
        }
    }

    /** {@code rd_kafka_mock_partition_set_leader}; broker -1 makes the partition leaderless. */
    public static void setLeader(RdMockCluster cluster, String topic, int partition, int brokerId) {
        try (Arena arena = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_mock_partition_set_leader(cluster.live(), RdMockCluster.cString(arena, topic), partition,
                    brokerId), "rd_kafka_mock_partition_set_leader(" + topic + " [" + partition + "])");
        }
    }

    /** {@code rd_kafka_mock_partition_set_follower}: the preferred read replica; -1 for none. */
    public static void setFollower(RdMockCluster cluster, String topic, int partition, int brokerId) {
        try (Arena arena = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_mock_partition_set_follower(cluster.live(), RdMockCluster.cString(arena, topic), partition,
                    brokerId), "rd_kafka_mock_partition_set_follower(" + topic + " [" + partition + "])");
        }
    }

    /** {@code rd_kafka_mock_partition_set_follower_wmarks}; -1 follows the leader's watermark. */
    public static void setFollowerWatermarks(RdMockCluster cluster, String topic, int partition, long low, long high) {
        try (Arena arena = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_mock_partition_set_follower_wmarks(cluster.live(), RdMockCluster.cString(arena, topic),
                    partition, low, high), "rd_kafka_mock_partition_set_follower_wmarks(" + topic + " [" + partition + "])");
        }
    }

    /** {@code rd_kafka_mock_partition_push_leader_response}: the leader the next Metadata/Fetch response reports. */
    public static void pushLeaderResponse(RdMockCluster cluster, String topic, int partition, int leaderId, int leaderEpoch) {
        try (Arena arena = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_mock_partition_push_leader_response(cluster.live(), RdMockCluster.cString(arena, topic),
                    partition, leaderId, leaderEpoch),
                    "rd_kafka_mock_partition_push_leader_response(" + topic + " [" + partition + "])");
        }
    }
}
