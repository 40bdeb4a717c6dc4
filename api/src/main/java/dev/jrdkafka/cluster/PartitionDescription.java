package dev.jrdkafka.cluster;

import java.util.List;

/**
 * A partition as DescribeTopics describes it ({@code rd_kafka_TopicPartitionInfo_t}): its
 * leader (null if it has none), its replicas and in-sync replicas, as brokers with their racks.
 */
public record PartitionDescription(int partition, Node leader, List<Node> replicas, List<Node> inSyncReplicas) {
    public PartitionDescription {
        replicas = List.copyOf(replicas);
        inSyncReplicas = List.copyOf(inSyncReplicas);
    }
}
