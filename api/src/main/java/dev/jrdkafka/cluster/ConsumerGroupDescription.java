package dev.jrdkafka.cluster;

import java.util.List;
import java.util.Set;

/**
 * A consumer group as DescribeConsumerGroups returns it.
 *
 * @param partitionAssignor    the assignor of a CLASSIC group's generation ("" if none)
 * @param coordinator          the broker coordinating the group (null if not known)
 * @param authorizedOperations what this client may do with the group; null unless asked for
 *                             ({@code AdminOptions.withIncludeAuthorizedOperations})
 */
public record ConsumerGroupDescription(String groupId, boolean isSimpleConsumerGroup, String partitionAssignor,
                                       GroupState state, GroupType type, Node coordinator, List<MemberDescription> members,
                                       Set<AclOperation> authorizedOperations) {
    public ConsumerGroupDescription {
        members = List.copyOf(members);
        if (authorizedOperations != null) authorizedOperations = Set.copyOf(authorizedOperations);
    }
}
