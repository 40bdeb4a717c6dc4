package dev.jrdkafka.cluster;

import dev.jrdkafka.TopicPartition;
import java.util.List;

/**
 * A member of a consumer group, as DescribeConsumerGroups returns it.
 *
 * @param groupInstanceId  its static membership id (KIP-345), or null
 * @param assignment       the partitions it has now
 * @param targetAssignment for a CONSUMER (KIP-848) group, the partitions it is moving to; null otherwise
 */
public record MemberDescription(String memberId, String groupInstanceId, String clientId, String host,
                                List<TopicPartition> assignment, List<TopicPartition> targetAssignment) {
    public MemberDescription {
        assignment = List.copyOf(assignment);
        if (targetAssignment != null) targetAssignment = List.copyOf(targetAssignment);
    }
}
