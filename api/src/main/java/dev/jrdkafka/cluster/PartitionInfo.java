package dev.jrdkafka.cluster;

import dev.jrdkafka.KafkaError;
import java.util.List;

/**
 * A partition as the cluster's metadata describes it: its leader (-1 if none), replicas and
 * in-sync replicas (broker ids), and the broker's error for it ({@link KafkaError#NO_ERROR}
 * when fine).
 */
public record PartitionInfo(String topic, int partition, int leader, List<Integer> replicas, List<Integer> inSyncReplicas,
                            KafkaError error) {
    public PartitionInfo {
        replicas = List.copyOf(replicas);
        inSyncReplicas = List.copyOf(inSyncReplicas);
    }
}
