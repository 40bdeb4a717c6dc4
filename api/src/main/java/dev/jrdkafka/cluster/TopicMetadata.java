package dev.jrdkafka.cluster;

import dev.jrdkafka.KafkaError;
import java.util.List;

/** A topic in the cluster's metadata: its partitions, and the broker's error for it (e.g. UNKNOWN_TOPIC_OR_PART). */
public record TopicMetadata(String name, List<PartitionInfo> partitions, KafkaError error) {
    public TopicMetadata {
        partitions = List.copyOf(partitions);
    }
}
