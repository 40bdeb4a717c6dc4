package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.cluster.ClusterDescription;
import dev.jrdkafka.cluster.PartitionDescription;
import dev.jrdkafka.cluster.TopicDescription;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * DescribeTopics and DescribeCluster ({@code rd_kafka_DescribeTopics},
 * {@code rd_kafka_DescribeCluster}): topics with their ids, partitions and replicas as
 * brokers (with racks), the cluster with its controller and brokers, and, if asked for, the
 * operations this client may do on each.
 */
public final class RdClusterAdmin {
    public static final int DESCRIBE_TOPICS = RD_KAFKA_ADMIN_OP_DESCRIBETOPICS();
    public static final int DESCRIBE_CLUSTER = RD_KAFKA_ADMIN_OP_DESCRIBECLUSTER();

    private RdClusterAdmin() {}

    /** Sends DescribeTopics for {@code topics} (a TopicCollection of names, destroyed after the call). */
    public static void describeTopics(RdAdmin admin, List<String> topics, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DESCRIBE_TOPICS, spec, id)) {
            MemorySegment names = scratch.allocate(ValueLayout.ADDRESS, topics.size());
            for (int i = 0; i < topics.size(); i++) names.setAtIndex(ValueLayout.ADDRESS, i, Rd.cString(scratch, topics.get(i)));
            MemorySegment collection = rd_kafka_TopicCollection_of_topic_names(names, topics.size());
            try {
                rd_kafka_DescribeTopics(admin.rk(), collection, options.ptr(), admin.results());
            } finally {
                rd_kafka_TopicCollection_destroy(collection);
            }
        }
    }

    /** Per topic of a DescribeTopics result: its description, or its error (e.g. UNKNOWN_TOPIC_OR_PART). */
    public static List<Outcome<String, TopicDescription>> topicDescriptions(RdEvent event) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment topics = rd_kafka_DescribeTopics_result_topics(rd_kafka_event_DescribeTopics_result(event.ptr()), cnt);
            long n = cnt.get(ValueLayout.JAVA_LONG, 0);
            List<Outcome<String, TopicDescription>> out = new ArrayList<>((int) n);
            if (n == 0) return out;
            MemorySegment arr = topics.reinterpret(n * ValueLayout.ADDRESS.byteSize());
            for (long i = 0; i < n; i++) out.add(topic(scratch, arr.getAtIndex(ValueLayout.ADDRESS, i)));
            return out;
        }
    }

    private static Outcome<String, TopicDescription> topic(Arena scratch, MemorySegment desc) {
        String name = Rd.cString(rd_kafka_TopicDescription_name(desc));
        MemorySegment error = rd_kafka_TopicDescription_error(desc);
        int err = RdDescribed.errorCode(error);
        if (err != 0) return Outcome.failed(name, err, RdDescribed.errorText(error));
        MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
        MemorySegment parts = rd_kafka_TopicDescription_partitions(desc, cnt);
        long n = cnt.get(ValueLayout.JAVA_LONG, 0);
        List<PartitionDescription> partitions = new ArrayList<>((int) n);
        if (n > 0) {
            MemorySegment arr = parts.reinterpret(n * ValueLayout.ADDRESS.byteSize());
            for (long i = 0; i < n; i++) partitions.add(partition(scratch, arr.getAtIndex(ValueLayout.ADDRESS, i)));
        }
        MemorySegment ops = rd_kafka_TopicDescription_authorized_operations(desc, cnt);
        return Outcome.ok(name, new TopicDescription(name, uuid(rd_kafka_TopicDescription_topic_id(desc)),
                rd_kafka_TopicDescription_is_internal(desc) != 0, partitions,
                RdDescribed.operations(ops, cnt.get(ValueLayout.JAVA_LONG, 0))));
    }

    private static PartitionDescription partition(Arena scratch, MemorySegment info) {
        MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
        var replicas = RdDescribed.nodes(rd_kafka_TopicPartitionInfo_replicas(info, cnt), cnt.get(ValueLayout.JAVA_LONG, 0));
        var isr = RdDescribed.nodes(rd_kafka_TopicPartitionInfo_isr(info, cnt), cnt.get(ValueLayout.JAVA_LONG, 0));
        return new PartitionDescription(rd_kafka_TopicPartitionInfo_partition(info),
                RdDescribed.node(rd_kafka_TopicPartitionInfo_leader(info)), replicas, isr);
    }

    private static UUID uuid(MemorySegment id) {
        if (id.equals(MemorySegment.NULL)) return null;
        return new UUID(rd_kafka_Uuid_most_significant_bits(id), rd_kafka_Uuid_least_significant_bits(id));
    }

    /** Sends DescribeCluster. */
    public static void describeCluster(RdAdmin admin, RdAdminOptions.Spec spec, long id) {
        try (RdAdminOptions options = admin.options(DESCRIBE_CLUSTER, spec, id)) {
            rd_kafka_DescribeCluster(admin.rk(), options.ptr(), admin.results());
        }
    }

    /** The cluster a DescribeCluster result describes. */
    public static ClusterDescription clusterDescription(RdEvent event) {
        MemorySegment result = rd_kafka_event_DescribeCluster_result(event.ptr());
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            var nodes = RdDescribed.nodes(rd_kafka_DescribeCluster_result_nodes(result, cnt), cnt.get(ValueLayout.JAVA_LONG, 0));
            var ops = RdDescribed.operations(rd_kafka_DescribeCluster_result_authorized_operations(result, cnt),
                    cnt.get(ValueLayout.JAVA_LONG, 0));
            return new ClusterDescription(Rd.cString(rd_kafka_DescribeCluster_result_cluster_id(result)),
                    RdDescribed.node(rd_kafka_DescribeCluster_result_controller(result)), nodes, ops);
        }
    }
}
