package dev.jrdkafka.cluster;

/** A group as ListConsumerGroups returns it; {@code isSimpleConsumerGroup}: a group that only commits offsets (no members' protocol). */
public record ConsumerGroupListing(String groupId, boolean isSimpleConsumerGroup, GroupState state, GroupType type) {}
