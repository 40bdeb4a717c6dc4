package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.cluster.ConsumerGroupListing;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer group listings and descriptions between jrdkafka and kafka-clients. States and types
 * map by name; kafka-clients states and types librdkafka 2.15.0 does not know (ASSIGNING,
 * RECONCILING, NOT_READY; SHARE, STREAMS) are refused as filters.
 */
final class GroupConvert {
    private GroupConvert() {}

    /** The protocol type a listing implies: librdkafka reports only whether it is empty (a "simple" group). */
    static String protocol(ConsumerGroupListing l) {
        return l.isSimpleConsumerGroup() ? "" : "consumer";
    }

    @SuppressWarnings("removal") // for kafka-clients' deprecated listConsumerGroups, which Admin still declares
    static org.apache.kafka.clients.admin.ConsumerGroupListing consumerListing(ConsumerGroupListing l) {
        return new org.apache.kafka.clients.admin.ConsumerGroupListing(l.groupId(), Optional.ofNullable(state(l.state())),
                Optional.ofNullable(type(l.type())), l.isSimpleConsumerGroup());
    }

    static GroupListing groupListing(ConsumerGroupListing l) {
        return new GroupListing(l.groupId(), Optional.ofNullable(type(l.type())), protocol(l), Optional.ofNullable(state(l.state())));
    }

    static ConsumerGroupDescription description(dev.jrdkafka.cluster.ConsumerGroupDescription d) {
        List<MemberDescription> members = d.members().stream().map(GroupConvert::member).toList();
        return new ConsumerGroupDescription(d.groupId(), d.isSimpleConsumerGroup(), members, d.partitionAssignor(), type(d.type()),
                state(d.state()), JrdkafkaAdmin.node(d.coordinator()), JrdkafkaAdmin.operations(d.authorizedOperations()),
                Optional.empty(), Optional.empty());
    }

    private static MemberDescription member(dev.jrdkafka.cluster.MemberDescription m) {
        return new MemberDescription(m.memberId(), Optional.ofNullable(m.groupInstanceId()), Optional.empty(), m.clientId(), m.host(),
                assignment(m.assignment()), Optional.ofNullable(m.targetAssignment()).map(GroupConvert::assignment), Optional.empty(),
                Optional.empty());
    }

    private static MemberAssignment assignment(List<dev.jrdkafka.TopicPartition> partitions) {
        Set<TopicPartition> set = new HashSet<>();
        for (var tp : partitions) set.add(Convert.toKafka(tp));
        return new MemberAssignment(set);
    }

    static GroupState state(dev.jrdkafka.cluster.GroupState s) {
        return s == null ? null : GroupState.valueOf(s.name());
    }

    static GroupType type(dev.jrdkafka.cluster.GroupType t) {
        return t == null ? null : GroupType.valueOf(t.name());
    }

    static Set<dev.jrdkafka.cluster.GroupState> statesToJrd(Set<GroupState> states) {
        Set<dev.jrdkafka.cluster.GroupState> out = EnumSet.noneOf(dev.jrdkafka.cluster.GroupState.class);
        for (GroupState s : states) out.add(byName(dev.jrdkafka.cluster.GroupState.class, s.name(), "group state"));
        return out;
    }

    static Set<dev.jrdkafka.cluster.GroupType> typesToJrd(Set<GroupType> types) {
        Set<dev.jrdkafka.cluster.GroupType> out = EnumSet.noneOf(dev.jrdkafka.cluster.GroupType.class);
        for (GroupType t : types) out.add(byName(dev.jrdkafka.cluster.GroupType.class, t.name(), "group type"));
        return out;
    }

    private static <E extends Enum<E>> E byName(Class<E> type, String name, String what) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperationException("listing groups by " + what + " " + name + ": librdkafka 2.15.0 knows "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
