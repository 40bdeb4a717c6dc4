package dev.jrdkafka.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create: its name, and either a partition count and replication factor (-1 for
 * the broker's defaults) or an explicit assignment of replicas (broker ids) per partition;
 * plus topic configuration ({@code retention.ms}, {@code cleanup.policy}...).
 */
public record NewTopic(String name, int partitions, int replicationFactor, Map<Integer, List<Integer>> replicaAssignments,
                       Map<String, String> configs) {
    /**
     * @throws IllegalArgumentException for an empty or illegal name (Kafka's rule: 1 to 249
     *         of [a-zA-Z0-9._-], not '.' or '..'), a partition count or replication
     *         factor that is 0 or below -1, or an assignment whose partitions are not 0..n-1
     */
    public NewTopic {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) throw new IllegalArgumentException("a topic name must not be empty");
        if (name.indexOf('\0') < 0 && !isLegalName(name)) { // NUL: refused where it is turned into a C string
            throw new IllegalArgumentException("illegal topic name '" + name
                    + "': Kafka allows 1 to 249 of [a-zA-Z0-9._-], not '.' or '..'");
        }
        replicaAssignments = Map.copyOf(Objects.requireNonNull(replicaAssignments, "replicaAssignments"));
        configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
        if (replicaAssignments.isEmpty()) {
            if (partitions == 0 || partitions < -1) {
                throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1 (or -1 for the broker default), got " + partitions);
            }
            if (replicationFactor == 0 || replicationFactor < -1) {
                throw new IllegalArgumentException("topic " + name + ": replicationFactor must be >= 1 (or -1 for the broker default), got "
                        + replicationFactor);
            }
        } else {
            if (partitions != -1 && partitions != replicaAssignments.size() || replicationFactor != -1) {
                throw new IllegalArgumentException("topic " + name + ": with replica assignments, give partitions and "
                        + "replicationFactor as -1 (use NewTopic.withAssignments)");
            }
            for (int p = 0; p < replicaAssignments.size(); p++) {
                List<Integer> replicas = replicaAssignments.get(p);
                if (replicas == null || replicas.isEmpty()) {
                    throw new IllegalArgumentException("topic " + name + ": replica assignments must cover partitions 0.."
                            + (replicaAssignments.size() - 1) + " each with at least one broker; partition " + p + " has none");
                }
            }
        }
    }

    /** {@code partitions} partitions of {@code replicationFactor} replicas each, no configuration. */
    public NewTopic(String name, int partitions, int replicationFactor) {
        this(name, partitions, replicationFactor, Map.of(), Map.of());
    }

    /** Replicas given per partition (0..n-1), no configuration. */
    public static NewTopic withAssignments(String name, Map<Integer, List<Integer>> replicaAssignments) {
        return new NewTopic(name, -1, -1, replicaAssignments, Map.of());
    }

    /** The same topic with this configuration. */
    public NewTopic configs(Map<String, String> configs) {
        return new NewTopic(name, partitions, replicationFactor, replicaAssignments, configs);
    }

    /**
     * Kafka's rule for topic names, as its brokers check it: 1 to 249 of {@code [a-zA-Z0-9._-]},
     * not "." or "..". The one copy of the rule: producing, {@code NewTopic} and the mock
     * cluster's arguments all ask it.
     */
    public static boolean isLegalName(String name) {
        if (name.isEmpty() || name.length() > 249 || name.equals(".") || name.equals("..")) return false;
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-');
    }
}
