package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.ConsumerGroupDescription;
import dev.jrdkafka.cluster.ConsumerGroupListing;
import dev.jrdkafka.cluster.ConsumerGroupListings;
import dev.jrdkafka.cluster.GroupState;
import dev.jrdkafka.cluster.GroupType;
import dev.jrdkafka.cluster.MemberDescription;
import dev.jrdkafka.cluster.Node;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consumer group requests: ListConsumerGroups, DescribeConsumerGroups, DeleteGroups, and
 * List/Alter/DeleteConsumerGroupOffsets (one group per request, as librdkafka requires), and
 * the ListOffsets of a group's lag.
 * What a request needs natively is made per call and destroyed once librdkafka copied it.
 */
public final class RdGroupAdmin {
    public static final int LIST_GROUPS = RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS();
    public static final int DESCRIBE_GROUPS = RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS();
    public static final int DELETE_GROUPS = RD_KAFKA_ADMIN_OP_DELETEGROUPS();
    public static final int LIST_OFFSETS = RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS();
    public static final int ALTER_OFFSETS = RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS();
    public static final int DELETE_OFFSETS = RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS();
    public static final int LATEST_OFFSETS = RD_KAFKA_ADMIN_OP_LISTOFFSETS();
    private static final long NO_OFFSET = RD_KAFKA_OFFSET_INVALID();

    /** The one group of a group offsets result: its error (0: none) and its partitions with their offsets and errors. */
    public record GroupOffsets(String group, int error, String message, List<RdPartitionList.Entry> partitions) {}

    private RdGroupAdmin() {}

    /** Sends ListConsumerGroups (states and types to match are in {@code spec}). */
    public static void listConsumerGroups(RdAdmin admin, RdAdminOptions.Spec spec, long id) {
        try (RdAdminOptions options = admin.options(LIST_GROUPS, spec, id)) {
            rd_kafka_ListConsumerGroups(admin.rk(), options.ptr(), admin.results());
        }
    }

    /** Sends DescribeConsumerGroups. */
    public static void describeConsumerGroups(RdAdmin admin, List<String> groups, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DESCRIBE_GROUPS, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, groups.size());
            for (int i = 0; i < groups.size(); i++) array.setAtIndex(ValueLayout.ADDRESS, i, Rd.cString(scratch, groups.get(i)));
            rd_kafka_DescribeConsumerGroups(admin.rk(), array, groups.size(), options.ptr(), admin.results());
        }
    }

    /** Sends DeleteGroups. */
    public static void deleteGroups(RdAdmin admin, List<String> groups, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DELETE_GROUPS, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, groups.size());
            int made = 0;
            try {
                for (String g : groups) array.setAtIndex(ValueLayout.ADDRESS, made++, rd_kafka_DeleteGroup_new(Rd.cString(scratch, g)));
                rd_kafka_DeleteGroups(admin.rk(), array, made, options.ptr(), admin.results());
            } finally {
                rd_kafka_DeleteGroup_destroy_array(array, made);
            }
        }
    }

    /** Sends ListConsumerGroupOffsets for {@code group}: {@code partitions}, or all it committed (null). */
    public static void listConsumerGroupOffsets(RdAdmin admin, String group, Collection<TopicPartition> partitions,
                                                RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(LIST_OFFSETS, spec, id);
             RdPartitionList list = partitions == null ? null : RdPartitionList.of(partitions, NO_OFFSET)) {
            MemorySegment req = rd_kafka_ListConsumerGroupOffsets_new(Rd.cString(scratch, group), list == null ? MemorySegment.NULL : list.ptr());
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, 1);
            array.setAtIndex(ValueLayout.ADDRESS, 0, req);
            try {
                rd_kafka_ListConsumerGroupOffsets(admin.rk(), array, 1, options.ptr(), admin.results());
            } finally {
                rd_kafka_ListConsumerGroupOffsets_destroy(req);
            }
        }
    }

    /** Sends AlterConsumerGroupOffsets: commits {@code offsets} for {@code group}. */
    public static void alterConsumerGroupOffsets(RdAdmin admin, String group, Map<TopicPartition, OffsetAndMetadata> offsets,
                                                 RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(ALTER_OFFSETS, spec, id);
             RdPartitionList list = RdPartitionList.ofPositions(offsets)) {
            MemorySegment req = rd_kafka_AlterConsumerGroupOffsets_new(Rd.cString(scratch, group), list.ptr());
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, 1);
            array.setAtIndex(ValueLayout.ADDRESS, 0, req);
            try {
                rd_kafka_AlterConsumerGroupOffsets(admin.rk(), array, 1, options.ptr(), admin.results());
            } finally {
                rd_kafka_AlterConsumerGroupOffsets_destroy(req);
            }
        }
    }

    /** Sends DeleteConsumerGroupOffsets: removes {@code group}'s committed offsets of {@code partitions}. */
    public static void deleteConsumerGroupOffsets(RdAdmin admin, String group, Collection<TopicPartition> partitions,
                                                  RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DELETE_OFFSETS, spec, id);
             RdPartitionList list = RdPartitionList.of(partitions, NO_OFFSET)) {
            MemorySegment req = rd_kafka_DeleteConsumerGroupOffsets_new(Rd.cString(scratch, group), list.ptr());
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, 1);
            array.setAtIndex(ValueLayout.ADDRESS, 0, req);
            try {
                rd_kafka_DeleteConsumerGroupOffsets(admin.rk(), array, 1, options.ptr(), admin.results());
            } finally {
                rd_kafka_DeleteConsumerGroupOffsets_destroy(req);
            }
        }
    }

    /** Sends ListOffsets for the latest offset of each partition (for a group's lag; isolation level in {@code spec}). */
    public static void listLatestOffsets(RdAdmin admin, Collection<TopicPartition> partitions, RdAdminOptions.Spec spec, long id) {
        try (RdAdminOptions options = admin.options(LATEST_OFFSETS, spec, id);
             RdPartitionList list = RdPartitionList.of(partitions, RD_KAFKA_OFFSET_SPEC_LATEST())) {
            rd_kafka_ListOffsets(admin.rk(), list.ptr(), options.ptr(), admin.results());
        }
    }

    /** The latest offset per partition of a ListOffsets result; a partition's error throws. */
    public static Map<TopicPartition, Long> latestOffsets(RdEvent event) {
        MemorySegment result = rd_kafka_event_ListOffsets_result(event.ptr());
        Map<TopicPartition, Long> out = new java.util.LinkedHashMap<>();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment infos = rd_kafka_ListOffsets_result_infos(result, cnt);
            for (MemorySegment info : pointers(infos, cnt.get(ValueLayout.JAVA_LONG, 0))) {
                MemorySegment tp = rd_kafka_ListOffsetsResultInfo_topic_partition(info).reinterpret(rd_kafka_topic_partition_s.sizeof());
                TopicPartition partition = new TopicPartition(Rd.cString(rd_kafka_topic_partition_s.topic(tp)), rd_kafka_topic_partition_s.partition(tp));
                int err = rd_kafka_topic_partition_s.err(tp);
                if (err != 0) throw RdErrors.fromCode(err, "the latest offset of " + partition);
                out.put(partition, rd_kafka_topic_partition_s.offset(tp));
            }
        }
        return out;
    }

    /** The groups and per-broker errors of a ListConsumerGroups result. */
    public static ConsumerGroupListings listings(RdEvent event) {
        MemorySegment result = rd_kafka_event_ListConsumerGroups_result(event.ptr());
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            List<ConsumerGroupListing> groups = new ArrayList<>();
            MemorySegment valid = rd_kafka_ListConsumerGroups_result_valid(result, cnt);
            for (MemorySegment g : pointers(valid, cnt.get(ValueLayout.JAVA_LONG, 0))) {
                groups.add(new ConsumerGroupListing(Rd.cString(rd_kafka_ConsumerGroupListing_group_id(g)),
                        rd_kafka_ConsumerGroupListing_is_simple_consumer_group(g) != 0,
                        GroupState.fromCode(rd_kafka_ConsumerGroupListing_state(g)), GroupType.fromCode(rd_kafka_ConsumerGroupListing_type(g))));
            }
            List<KafkaException> errors = new ArrayList<>();
            MemorySegment errs = rd_kafka_ListConsumerGroups_result_errors(result, cnt);
            for (MemorySegment e : pointers(errs, cnt.get(ValueLayout.JAVA_LONG, 0))) {
                errors.add(new KafkaException(rd_kafka_error_code(e), "listConsumerGroups: " + Rd.cString(rd_kafka_error_string(e))));
            }
            return new ConsumerGroupListings(groups, errors);
        }
    }

    /** Per group of a DescribeConsumerGroups result: its description, or its error. */
    public static List<Outcome<String, ConsumerGroupDescription>> descriptions(RdEvent event) {
        MemorySegment result = rd_kafka_event_DescribeConsumerGroups_result(event.ptr());
        List<Outcome<String, ConsumerGroupDescription>> out = new ArrayList<>();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment groups = rd_kafka_DescribeConsumerGroups_result_groups(result, cnt);
            for (MemorySegment g : pointers(groups, cnt.get(ValueLayout.JAVA_LONG, 0))) {
                String id = Rd.cString(rd_kafka_ConsumerGroupDescription_group_id(g));
                MemorySegment err = rd_kafka_ConsumerGroupDescription_error(g);
                if (!err.equals(MemorySegment.NULL) && rd_kafka_error_code(err) != 0) {
                    out.add(Outcome.failed(id, rd_kafka_error_code(err), Rd.cString(rd_kafka_error_string(err))));
                    continue;
                }
                out.add(Outcome.ok(id, description(scratch, id, g)));
            }
        }
        return out;
    }

    private static ConsumerGroupDescription description(Arena scratch, String id, MemorySegment g) {
        long memberCount = rd_kafka_ConsumerGroupDescription_member_count(g);
        List<MemberDescription> members = new ArrayList<>((int) memberCount);
        for (long i = 0; i < memberCount; i++) {
            MemorySegment m = rd_kafka_ConsumerGroupDescription_member(g, i);
            MemorySegment target = rd_kafka_MemberDescription_target_assignment(m);
            members.add(new MemberDescription(Rd.cString(rd_kafka_MemberDescription_consumer_id(m)),
                    Rd.cString(rd_kafka_MemberDescription_group_instance_id(m)), Rd.cString(rd_kafka_MemberDescription_client_id(m)),
                    Rd.cString(rd_kafka_MemberDescription_host(m)), assignment(rd_kafka_MemberDescription_assignment(m)),
                    target.equals(MemorySegment.NULL) ? null : assignment(target)));
        }
        MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
        MemorySegment ops = rd_kafka_ConsumerGroupDescription_authorized_operations(g, cnt);
        Set<AclOperation> authorized = null;
        if (!ops.equals(MemorySegment.NULL)) {
            long n = cnt.get(ValueLayout.JAVA_LONG, 0);
            authorized = EnumSet.noneOf(AclOperation.class);
            MemorySegment a = ops.reinterpret(n * ValueLayout.JAVA_INT.byteSize());
            for (long i = 0; i < n; i++) authorized.add(AclOperation.fromCode(a.getAtIndex(ValueLayout.JAVA_INT, i)));
        }
        MemorySegment c = rd_kafka_ConsumerGroupDescription_coordinator(g);
        Node coordinator = c.equals(MemorySegment.NULL) ? null : new Node(rd_kafka_Node_id(c), Rd.cString(rd_kafka_Node_host(c)),
                Short.toUnsignedInt(rd_kafka_Node_port(c)), Rd.cString(rd_kafka_Node_rack(c)));
        String assignor = Rd.cString(rd_kafka_ConsumerGroupDescription_partition_assignor(g));
        return new ConsumerGroupDescription(id, rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(g) != 0,
                assignor == null ? "" : assignor, GroupState.fromCode(rd_kafka_ConsumerGroupDescription_state(g)),
                GroupType.fromCode(rd_kafka_ConsumerGroupDescription_type(g)), coordinator, members, authorized);
    }

    private static List<TopicPartition> assignment(MemorySegment assignment) {
        if (assignment.equals(MemorySegment.NULL)) return List.of();
        MemorySegment list = rd_kafka_MemberAssignment_partitions(assignment);
        if (list.equals(MemorySegment.NULL)) return List.of();
        return RdPartitionList.borrowed(list).entries().stream().map(RdPartitionList.Entry::partition).toList();
    }

    /** Per group of a DeleteGroups result: done, or its error. */
    public static List<Outcome<String, Void>> deleteOutcomes(RdEvent event) {
        List<Outcome<String, Void>> out = new ArrayList<>();
        for (GroupOffsets g : groupResults(event)) out.add(new Outcome<String, Void>(g.group(), null, g.error(), g.message()));
        return out;
    }

    /** The group of a List/Alter/DeleteConsumerGroupOffsets result (one per request). */
    public static GroupOffsets offsets(RdEvent event) {
        List<GroupOffsets> groups = groupResults(event);
        if (groups.size() != 1) throw new IllegalStateException(event.name() + " with " + groups.size() + " groups, not 1");
        return groups.getFirst();
    }

    private static List<GroupOffsets> groupResults(RdEvent event) {
        MemorySegment ev = event.ptr();
        int type = event.type();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment results;
            if (type == RD_KAFKA_EVENT_DELETEGROUPS_RESULT()) {
                results = rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev), cnt);
            } else if (type == RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT()) {
                results = rd_kafka_ListConsumerGroupOffsets_result_groups(rd_kafka_event_ListConsumerGroupOffsets_result(ev), cnt);
            } else if (type == RD_KAFKA_EVENT_ALTERCONSUMERGROUPOFFSETS_RESULT()) {
                results = rd_kafka_AlterConsumerGroupOffsets_result_groups(rd_kafka_event_AlterConsumerGroupOffsets_result(ev), cnt);
            } else if (type == RD_KAFKA_EVENT_DELETECONSUMERGROUPOFFSETS_RESULT()) {
                results = rd_kafka_DeleteConsumerGroupOffsets_result_groups(rd_kafka_event_DeleteConsumerGroupOffsets_result(ev), cnt);
            } else {
                throw new IllegalStateException("not a group result: " + event.name());
            }
            List<GroupOffsets> out = new ArrayList<>();
            for (MemorySegment r : pointers(results, cnt.get(ValueLayout.JAVA_LONG, 0))) {
                MemorySegment err = rd_kafka_group_result_error(r);
                int code = err.equals(MemorySegment.NULL) ? 0 : rd_kafka_error_code(err);
                MemorySegment parts = rd_kafka_group_result_partitions(r);
                out.add(new GroupOffsets(Rd.cString(rd_kafka_group_result_name(r)), code,
                        code == 0 ? null : Rd.cString(rd_kafka_error_string(err)),
                        parts.equals(MemorySegment.NULL) ? List.of() : RdPartitionList.borrowed(parts).entries()));
            }
            return out;
        }
    }

    /** Whether an entry of a ListConsumerGroupOffsets result has a committed offset. */
    public static boolean hasOffset(RdPartitionList.Entry e) {
        return e.offset() >= 0;
    }

    private static List<MemorySegment> pointers(MemorySegment array, long n) {
        if (n == 0 || array.equals(MemorySegment.NULL)) return List.of();
        MemorySegment a = array.reinterpret(n * ValueLayout.ADDRESS.byteSize());
        List<MemorySegment> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) out.add(a.getAtIndex(ValueLayout.ADDRESS, i));
        return out;
    }
}
