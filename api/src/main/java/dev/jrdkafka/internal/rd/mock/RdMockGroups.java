package dev.jrdkafka.internal.rd.mock;

import dev.jrdkafka.internal.rd.RdErrors;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cgrp_consumer_target_assignment;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cgrp_consumer_target_assignment_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_cgrp_consumer_target_assignment_new;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_coordinator_set;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_group_initial_rebalance_delay_ms;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_set_group_consumer_heartbeat_interval_ms;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_set_group_consumer_session_timeout_ms;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_topic_partition_list_add;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_topic_partition_list_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_topic_partition_list_new;
import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * Group and transaction coordination: coordinators, the classic protocol's initial
 * rebalance delay, and the KIP-848 consumer protocol's session timeout, heartbeat interval
 * and target assignment.
 */
public final class RdMockGroups {
    private RdMockGroups() {}

    /** {@code rd_kafka_mock_coordinator_set}; {@code keyType} is "group" or "transaction". */
    public static void setCoordinator(RdMockCluster cluster, String keyType, String key, int brokerId) {
        try (Arena arena = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_mock_coordinator_set(cluster.live(), RdMockCluster.cString(arena, keyType),
                    RdMockCluster.cString(arena, key), brokerId), "rd_kafka_mock_coordinator_set(" + keyType + ", " + key + ")");
        }
    }

    /** {@code rd_kafka_mock_group_initial_rebalance_delay_ms} (classic groups; librdkafka's default 3000). */
    public static void setInitialRebalanceDelay(RdMockCluster cluster, int delayMs) {
        rd_kafka_mock_group_initial_rebalance_delay_ms(cluster.live(), delayMs);
    }

    /** {@code rd_kafka_mock_set_group_consumer_session_timeout_ms} (default 30000). */
    public static void setConsumerSessionTimeout(RdMockCluster cluster, int timeoutMs) {
        rd_kafka_mock_set_group_consumer_session_timeout_ms(cluster.live(), timeoutMs);
    }

    /** {@code rd_kafka_mock_set_group_consumer_heartbeat_interval_ms} (default 3000). */
    public static void setConsumerHeartbeatInterval(RdMockCluster cluster, int intervalMs) {
        rd_kafka_mock_set_group_consumer_heartbeat_interval_ms(cluster.live(), intervalMs);
    }

    /**
     * {@code rd_kafka_mock_cgrp_consumer_target_assignment} with a target built by
     * {@code rd_kafka_mock_cgrp_consumer_target_assignment_new} from {@code members}
     * (member id to topic to partitions) and destroyed with {@code _destroy} afterwards:
     * librdkafka copies what it keeps. A group or member the mock does not know is ignored.
     */
    public static void setTargetAssignment(RdMockCluster cluster, String groupId, Map<String, Map<String, List<Integer>>> members) {
        MemorySegment c = cluster.live();
        int n = members.size();
        MemorySegment[] lists = new MemorySegment[n];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memberIds = arena.allocate(ADDRESS, n);
            MemorySegment assignments = arena.allocate(ADDRESS, n);
            int i = 0;
            for (Map.Entry<String, Map<String, List<Integer>>> member : members.entrySet()) {
                memberIds.setAtIndex(ADDRESS, i, RdMockCluster.cString(arena, member.getKey()));
                int size = member.getValue().values().stream().mapToInt(List::size).sum();
                lists[i] = rd_kafka_topic_partition_list_new(Math.max(1, size));
                for (Map.Entry<String, List<Integer>> topic : member.getValue().entrySet()) {
                    MemorySegment name = RdMockCluster.cString(arena, topic.getKey());
                    for (int partition : topic.getValue()) rd_kafka_topic_partition_list_add(lists[i], name, partition);
                }
                assignments.setAtIndex(ADDRESS, i, lists[i]);
                i++;
            }
            MemorySegment target = rd_kafka_mock_cgrp_consumer_target_assignment_new(memberIds, n, assignments);
            try {
                rd_kafka_mock_cgrp_consumer_target_assignment(c, RdMockCluster.cString(arena, groupId), target);
            } finally {
                rd_kafka_mock_cgrp_consumer_target_assignment_destroy(target);
            }
        } finally {
            for (MemorySegment list : lists) {
                if (list != null) rd_kafka_topic_partition_list_destroy(list);
            }
        }
    }

    /** {@code rd_kafka_mock_cgrp_consumer_target_assignment(.., NULL)}: back to the mock's own assignor. */
    public static void clearTargetAssignment(RdMockCluster cluster, String groupId) {
        try (Arena arena = Arena.ofConfined()) {
            rd_kafka_mock_cgrp_consumer_target_assignment(cluster.live(), RdMockCluster.cString(arena, groupId),
                    MemorySegment.NULL);
        }
    }
}
