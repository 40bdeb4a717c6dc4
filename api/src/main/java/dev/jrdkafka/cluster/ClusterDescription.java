package dev.jrdkafka.cluster;

import java.util.List;
import java.util.Set;

/**
 * The cluster as DescribeCluster describes it: its id, its controller (null if unknown), its
 * brokers with their racks, and the operations this client may do on the cluster (empty
 * unless asked for with {@code AdminOptions.withIncludeAuthorizedOperations}).
 */
public record ClusterDescription(String clusterId, Node controller, List<Node> nodes, Set<AclOperation> authorizedOperations) {
    public ClusterDescription {
        nodes = List.copyOf(nodes);
        authorizedOperations = Set.copyOf(authorizedOperations);
    }
}
