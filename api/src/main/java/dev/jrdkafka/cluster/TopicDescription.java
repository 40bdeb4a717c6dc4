package dev.jrdkafka.cluster;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A topic as DescribeTopics describes it ({@code rd_kafka_TopicDescription_t}): its id
 * (the broker's 128-bit topic id), whether it is internal ({@code __consumer_offsets}...), its
 * partitions in order, and the operations this client may do on it (empty unless asked for
 * with {@code AdminOptions.withIncludeAuthorizedOperations}).
 */
public record TopicDescription(String name, UUID topicId, boolean internal, List<PartitionDescription> partitions,
                               Set<AclOperation> authorizedOperations) {
    public TopicDescription {
        partitions = List.copyOf(partitions);
        authorizedOperations = Set.copyOf(authorizedOperations);
    }
}
