package dev.jrdkafka.mock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A KIP-848 consumer group target assignment: for each member id, the partitions of each
 * topic the group coordinator wants it to own. Set it with
 * {@link MockCluster#setTargetAssignment(String, TargetAssignment)}; members then converge
 * to it through their ConsumerGroupHeartbeats.
 *
 * @param members member id to topic to partitions; deeply unmodifiable, in insertion order
 */
public record TargetAssignment(Map<String, Map<String, List<Integer>>> members) {

    public TargetAssignment {
        Arguments.notNull(members, "members");
        if (members.isEmpty()) throw new IllegalArgumentException("a target assignment needs at least one member");
        Map<String, Map<String, List<Integer>>> copy = new LinkedHashMap<>();
        members.forEach((member, topics) -> {
            Arguments.name(member, "member id");
            Arguments.notNull(topics, "topics of member '" + member + "'");
            Map<String, List<Integer>> topicsCopy = new LinkedHashMap<>();
            topics.forEach((topic, partitions) -> {
                Arguments.topic(topic);
                Arguments.notNull(partitions, "partitions of topic '" + topic + "'");
                List<Integer> list = new ArrayList<>(partitions.size());
                for (Integer p : partitions) list.add(Arguments.partition(Arguments.notNull(p, "partition of topic '" + topic + "'")));
                topicsCopy.put(topic, List.copyOf(list));
            });
            copy.put(member, Collections.unmodifiableMap(topicsCopy));
        });
        members = Collections.unmodifiableMap(copy);
    }

    /** A builder adding partitions member by member. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects (member, topic, partitions) triples; a member may get several topics. */
    public static final class Builder {
        private final Map<String, Map<String, List<Integer>>> members = new LinkedHashMap<>();

        private Builder() {}

        /** Assigns {@code partitions} of {@code topic} to {@code memberId} (none: the member gets nothing of it). */
        public Builder assign(String memberId, String topic, int... partitions) {
            Arguments.name(memberId, "member id");
            Arguments.topic(topic);
            Arguments.notNull(partitions, "partitions");
            List<Integer> list = members.computeIfAbsent(memberId, m -> new LinkedHashMap<>())
                    .computeIfAbsent(topic, t -> new ArrayList<>());
            for (int p : partitions) list.add(Arguments.partition(p));
            return this;
        }

        public TargetAssignment build() {
            return new TargetAssignment(members);
        }
    }
}
