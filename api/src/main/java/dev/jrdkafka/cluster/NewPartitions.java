package dev.jrdkafka.cluster;

import java.util.List;
import java.util.Objects;

/**
 * Partitions to add to an existing topic ({@code rd_kafka_NewPartitions_t}): the topic's new
 * total partition count, and optionally the replicas (broker ids) of each new partition, in
 * order (the first list is partition {@code current count}, and so on). Without assignments
 * the broker places the new replicas.
 */
public record NewPartitions(String topic, int totalCount, List<List<Integer>> newAssignments) {
    /**
     * @throws IllegalArgumentException for an empty topic name, a total count below 1, or an
     *         assignment that is empty or names a negative broker id
     */
    public NewPartitions {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) throw new IllegalArgumentException("a topic name must not be empty");
        if (totalCount < 1) throw new IllegalArgumentException("topic " + topic + ": totalCount must be >= 1, got " + totalCount);
        newAssignments = Objects.requireNonNull(newAssignments, "newAssignments").stream().map(List::copyOf).toList();
        for (int i = 0; i < newAssignments.size(); i++) {
            List<Integer> replicas = newAssignments.get(i);
            if (replicas.isEmpty() || replicas.stream().anyMatch(id -> id < 0)) {
                throw new IllegalArgumentException("topic " + topic + ": new partition #" + i
                        + " needs at least one broker id, each >= 0; got " + replicas);
            }
        }
    }

    /** Grow {@code topic} to {@code totalCount} partitions, replicas placed by the broker. */
    public static NewPartitions increaseTo(String topic, int totalCount) {
        return new NewPartitions(topic, totalCount, List.of());
    }
}
