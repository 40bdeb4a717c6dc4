package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import dev.jrdkafka.cluster.ElectionType;
import dev.jrdkafka.cluster.ListedOffset;
import dev.jrdkafka.cluster.NewPartitions;
import dev.jrdkafka.cluster.OffsetSpec;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdConf;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Requests about partitions: CreatePartitions, DeleteRecords, ListOffsets and ElectLeaders
 * ({@code rd_kafka_CreatePartitions}...). What each request is built from is destroyed right
 * after it is sent (librdkafka copies it); results are read from the event, which owns them.
 */
public final class RdPartitionAdmin {
    public static final int CREATE_PARTITIONS = RD_KAFKA_ADMIN_OP_CREATEPARTITIONS();
    public static final int DELETE_RECORDS = RD_KAFKA_ADMIN_OP_DELETERECORDS();
    public static final int LIST_OFFSETS = RD_KAFKA_ADMIN_OP_LISTOFFSETS();
    public static final int ELECT_LEADERS = RD_KAFKA_ADMIN_OP_ELECTLEADERS();

    private RdPartitionAdmin() {}

    /** Sends CreatePartitions; per-topic outcomes come back as {@link RdTopicAdmin#topicOutcomes}. */
    public static void createPartitions(RdAdmin admin, List<NewPartitions> topics, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(CREATE_PARTITIONS, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, topics.size());
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            int made = 0;
            try {
                for (NewPartitions t : topics) {
                    MemorySegment np = rd_kafka_NewPartitions_new(Rd.cString(scratch, t.topic()), t.totalCount(), errstr, RdConf.ERRSTR_SIZE);
                    if (np.equals(MemorySegment.NULL)) throw new IllegalArgumentException("topic " + t.topic() + ": " + errstr.getString(0));
                    array.setAtIndex(ValueLayout.ADDRESS, made++, np);
                    for (int i = 0; i < t.newAssignments().size(); i++) {
                        List<Integer> replicas = t.newAssignments().get(i);
                        MemorySegment ids = scratch.allocate(ValueLayout.JAVA_INT, replicas.size());
                        for (int r = 0; r < replicas.size(); r++) ids.setAtIndex(ValueLayout.JAVA_INT, r, replicas.get(r));
                        if (rd_kafka_NewPartitions_set_replica_assignment(np, i, ids, replicas.size(), errstr, RdConf.ERRSTR_SIZE) != 0) {
                            throw new IllegalArgumentException("topic " + t.topic() + " new partition #" + i + ": " + errstr.getString(0));
                        }
                    }
                }
                rd_kafka_CreatePartitions(admin.rk(), array, made, options.ptr(), admin.results());
            } finally {
                rd_kafka_NewPartitions_destroy_array(array, made);
            }
        }
    }

    /** Sends DeleteRecords: per partition, delete the records before its offset ({@code -1}: all, up to the high watermark). */
    public static void deleteRecords(RdAdmin admin, Map<TopicPartition, Long> beforeOffsets, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DELETE_RECORDS, spec, id);
             RdPartitionList offsets = RdPartitionList.of(beforeOffsets)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, 1);
            array.set(ValueLayout.ADDRESS, 0, rd_kafka_DeleteRecords_new(offsets.ptr()));
            try {
                rd_kafka_DeleteRecords(admin.rk(), array, 1, options.ptr(), admin.results());
            } finally {
                rd_kafka_DeleteRecords_destroy_array(array, 1);
            }
        }
    }

    /** Per partition of a DeleteRecords result: its new low watermark, or its error. */
    public static List<Outcome<TopicPartition, Long>> deletedRecords(RdEvent event) {
        MemorySegment result = rd_kafka_event_DeleteRecords_result(event.ptr());
        List<Outcome<TopicPartition, Long>> out = new ArrayList<>();
        for (RdPartitionList.Entry e : RdPartitionList.borrowed(rd_kafka_DeleteRecords_result_offsets(result)).entries()) {
            out.add(e.error() == 0 ? Outcome.ok(e.partition(), e.offset())
                    : Outcome.failed(e.partition(), e.error(), RdDescribed.describe(e.error())));
        }
        return out;
    }

    /** Sends ListOffsets: per partition, an {@link OffsetSpec}. */
    public static void listOffsets(RdAdmin admin, Map<TopicPartition, OffsetSpec> specs, RdAdminOptions.Spec spec, long id) {
        Map<TopicPartition, Long> codes = new java.util.LinkedHashMap<>();
        specs.forEach((tp, s) -> codes.put(tp, switch (s.kind()) {
            case EARLIEST -> (long) RD_KAFKA_OFFSET_SPEC_EARLIEST();
            case LATEST -> (long) RD_KAFKA_OFFSET_SPEC_LATEST();
            case MAX_TIMESTAMP -> (long) RD_KAFKA_OFFSET_SPEC_MAX_TIMESTAMP();
            case TIMESTAMP -> s.timestamp();
        }));
        try (RdAdminOptions options = admin.options(LIST_OFFSETS, spec, id); RdPartitionList list = RdPartitionList.of(codes)) {
            rd_kafka_ListOffsets(admin.rk(), list.ptr(), options.ptr(), admin.results());
        }
    }

    /** Per partition of a ListOffsets result: the offset found, or its error. */
    public static List<Outcome<TopicPartition, ListedOffset>> listedOffsets(RdEvent event) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment infos = rd_kafka_ListOffsets_result_infos(rd_kafka_event_ListOffsets_result(event.ptr()), cnt);
            long n = cnt.get(ValueLayout.JAVA_LONG, 0);
            List<Outcome<TopicPartition, ListedOffset>> out = new ArrayList<>((int) n);
            if (n == 0) return out;
            MemorySegment arr = infos.reinterpret(n * ValueLayout.ADDRESS.byteSize());
            for (long i = 0; i < n; i++) {
                MemorySegment info = arr.getAtIndex(ValueLayout.ADDRESS, i);
                MemorySegment p = RdDescribed.partition(rd_kafka_ListOffsetsResultInfo_topic_partition(info));
                TopicPartition tp = RdDescribed.topicPartition(p);
                int err = rd_kafka_topic_partition_s.err(p);
                out.add(err == 0
                        ? Outcome.ok(tp, new ListedOffset(rd_kafka_topic_partition_s.offset(p), rd_kafka_ListOffsetsResultInfo_timestamp(info),
                                rd_kafka_topic_partition_get_leader_epoch(p)))
                        : Outcome.failed(tp, err, RdDescribed.describe(err)));
            }
            return out;
        }
    }

    /** Sends ElectLeaders for {@code partitions}, or for every partition of the cluster if null. */
    public static void electLeaders(RdAdmin admin, ElectionType type, List<TopicPartition> partitions, RdAdminOptions.Spec spec, long id) {
        int electionType = type == ElectionType.PREFERRED ? RD_KAFKA_ELECTION_TYPE_PREFERRED() : RD_KAFKA_ELECTION_TYPE_UNCLEAN();
        try (RdAdminOptions options = admin.options(ELECT_LEADERS, spec, id);
             RdPartitionList list = partitions == null ? null : RdPartitionList.of(partitions, -1)) {
            MemorySegment request = rd_kafka_ElectLeaders_new(electionType, list == null ? MemorySegment.NULL : list.ptr());
            try {
                rd_kafka_ElectLeaders(admin.rk(), request, options.ptr(), admin.results());
            } finally {
                rd_kafka_ElectLeaders_destroy(request);
            }
        }
    }

    /** Per partition of an ElectLeaders result: elected, or its error (e.g. ELECTION_NOT_NEEDED). */
    public static List<Outcome<TopicPartition, Void>> electedLeaders(RdEvent event) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment results = rd_kafka_ElectLeaders_result_partitions(rd_kafka_event_ElectLeaders_result(event.ptr()), cnt);
            long n = cnt.get(ValueLayout.JAVA_LONG, 0);
            List<Outcome<TopicPartition, Void>> out = new ArrayList<>((int) n);
            if (n == 0) return out;
            MemorySegment arr = results.reinterpret(n * ValueLayout.ADDRESS.byteSize());
            for (long i = 0; i < n; i++) {
                MemorySegment r = arr.getAtIndex(ValueLayout.ADDRESS, i);
                TopicPartition tp = RdDescribed.topicPartition(RdDescribed.partition(rd_kafka_topic_partition_result_partition(r)));
                MemorySegment error = rd_kafka_topic_partition_result_error(r);
                int err = RdDescribed.errorCode(error);
                out.add(err == 0 ? Outcome.ok(tp, null) : Outcome.failed(tp, err, RdDescribed.errorText(error)));
            }
            return out;
        }
    }
}
