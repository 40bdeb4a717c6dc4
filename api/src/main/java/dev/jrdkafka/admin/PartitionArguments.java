package dev.jrdkafka.admin;

import dev.jrdkafka.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The argument checks of the Admin's calls about partitions, made before any request (as {@link Admin#uniqueNames} for names). */
final class PartitionArguments {
    private PartitionArguments() {}

    /** {@code partitions} as a list, refusing an empty call, empty topic names and duplicates (before any request). */
    static List<TopicPartition> unique(String operation, Collection<TopicPartition> partitions) {
        List<TopicPartition> list = new ArrayList<>(Objects.requireNonNull(partitions, "partitions"));
        if (list.isEmpty()) throw new IllegalArgumentException(operation + " needs at least one partition");
        Set<TopicPartition> seen = new HashSet<>();
        for (TopicPartition tp : list) {
            Objects.requireNonNull(tp, operation + ": a null partition");
            if (tp.topic().isEmpty()) throw new IllegalArgumentException(operation + ": a topic name is empty (" + tp + ")");
            if (!seen.add(tp)) throw new IllegalArgumentException(operation + ": " + tp + " is given more than once");
        }
        return List.copyOf(list);
    }

    /** A copy of a map keyed by partition, refusing an empty call, null values and empty topic names (before any request). */
    static <V> Map<TopicPartition, V> map(String operation, Map<TopicPartition, V> map) {
        Objects.requireNonNull(map, operation + ": the map");
        if (map.isEmpty()) throw new IllegalArgumentException(operation + " needs at least one partition");
        Map<TopicPartition, V> copy = new LinkedHashMap<>();
        map.forEach((tp, v) -> {
            Objects.requireNonNull(tp, operation + ": a null partition");
            if (tp.topic().isEmpty()) throw new IllegalArgumentException(operation + ": a topic name is empty (" + tp + ")");
            copy.put(tp, Objects.requireNonNull(v, operation + ": no value for " + tp));
        });
        return Collections.unmodifiableMap(copy);
    }
}
