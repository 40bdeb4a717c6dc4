package dev.jrdkafka.cluster;

import java.util.List;
import java.util.Map;

/**
 * The cluster as one Metadata request saw it ({@code rd_kafka_metadata}): its brokers, the
 * topics asked for (or all) by name, and the broker that answered.
 */
public record ClusterMetadata(List<Node> brokers, Map<String, TopicMetadata> topics, int originBrokerId,
                              String originBrokerName) {
    public ClusterMetadata {
        brokers = List.copyOf(brokers);
        topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topics)); // in the broker's order
    }
}
