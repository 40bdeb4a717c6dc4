package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.cluster.ClusterMetadata;
import dev.jrdkafka.cluster.Node;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.cluster.TopicMetadata;
import dev.jrdkafka.bindings.rd_kafka_metadata;
import dev.jrdkafka.bindings.rd_kafka_metadata_broker;
import dev.jrdkafka.bindings.rd_kafka_metadata_partition;
import dev.jrdkafka.bindings.rd_kafka_metadata_topic;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.client.RdClient;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rd_kafka_metadata}: one Metadata request, answered synchronously (the calling thread
 * waits; librdkafka's threads do not), copied into immutable values and freed at once. Works
 * on every client kind.
 */
public final class RdMetadata {
    private RdMetadata() {}

    /**
     * All topics ({@code topic} null) or one topic; {@code timeoutMs} bounds the wait. An
     * unknown topic comes back with its error (and, with auto-creation on, may be created).
     */
    public static ClusterMetadata fetch(RdClient client, String topic, int timeoutMs) {
        MemorySegment rk = client.rk();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment out = scratch.allocate(ValueLayout.ADDRESS);
            MemorySegment rkt = MemorySegment.NULL;
            if (topic != null) {
                rkt = rd_kafka_topic_new(rk, Rd.cString(scratch, topic), MemorySegment.NULL);
                if (rkt.equals(MemorySegment.NULL)) throw RdErrors.fromCode(rd_kafka_last_error(), "metadata of " + topic);
            }
            try {
                RdErrors.check(rd_kafka_metadata(rk, topic == null ? 1 : 0, rkt, out, timeoutMs),
                        topic == null ? "metadata" : "metadata of " + topic);
            } finally {
                if (!rkt.equals(MemorySegment.NULL)) rd_kafka_topic_destroy(rkt);
            }
            MemorySegment md = out.get(ValueLayout.ADDRESS, 0).reinterpret(rd_kafka_metadata.sizeof());
            try {
                return read(md);
            } finally {
                rd_kafka_metadata_destroy(md);
            }
        }
    }

    private static ClusterMetadata read(MemorySegment md) {
        int brokerCnt = rd_kafka_metadata.broker_cnt(md);
        MemorySegment brokers = rd_kafka_metadata.brokers(md).reinterpret(brokerCnt * rd_kafka_metadata_broker.sizeof());
        List<Node> nodes = new ArrayList<>(brokerCnt);
        for (int i = 0; i < brokerCnt; i++) {
            MemorySegment b = rd_kafka_metadata_broker.asSlice(brokers, i);
            nodes.add(new Node(rd_kafka_metadata_broker.id(b), Rd.cString(rd_kafka_metadata_broker.host(b)),
                    rd_kafka_metadata_broker.port(b), null));
        }
        int topicCnt = rd_kafka_metadata.topic_cnt(md);
        MemorySegment topics = rd_kafka_metadata.topics(md).reinterpret(topicCnt * rd_kafka_metadata_topic.sizeof());
        Map<String, TopicMetadata> byName = new LinkedHashMap<>();
        for (int i = 0; i < topicCnt; i++) {
            MemorySegment t = rd_kafka_metadata_topic.asSlice(topics, i);
            String name = Rd.cString(rd_kafka_metadata_topic.topic(t));
            int partCnt = rd_kafka_metadata_topic.partition_cnt(t);
            MemorySegment parts = partCnt == 0 ? MemorySegment.NULL
                    : rd_kafka_metadata_topic.partitions(t).reinterpret(partCnt * rd_kafka_metadata_partition.sizeof());
            List<PartitionInfo> partitions = new ArrayList<>(partCnt);
            for (int p = 0; p < partCnt; p++) {
                MemorySegment pm = rd_kafka_metadata_partition.asSlice(parts, p);
                partitions.add(new PartitionInfo(name, rd_kafka_metadata_partition.id(pm), rd_kafka_metadata_partition.leader(pm),
                        ints(rd_kafka_metadata_partition.replicas(pm), rd_kafka_metadata_partition.replica_cnt(pm)),
                        ints(rd_kafka_metadata_partition.isrs(pm), rd_kafka_metadata_partition.isr_cnt(pm)),
                        KafkaError.fromCode(rd_kafka_metadata_partition.err(pm))));
            }
            partitions.sort(java.util.Comparator.comparingInt(PartitionInfo::partition));
            byName.put(name, new TopicMetadata(name, partitions, KafkaError.fromCode(rd_kafka_metadata_topic.err(t))));
        }
        return new ClusterMetadata(nodes, byName, rd_kafka_metadata.orig_broker_id(md),
                Rd.cString(rd_kafka_metadata.orig_broker_name(md)));
    }

    private static List<Integer> ints(MemorySegment array, int n) {
        if (n == 0) return List.of();
        MemorySegment a = array.reinterpret(n * 4L);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(a.getAtIndex(ValueLayout.JAVA_INT, i));
        return out;
    }

    /** {@code rd_kafka_clusterid}: the cluster id, or null if not known within {@code timeoutMs}. */
    public static String clusterId(RdClient client, int timeoutMs) {
        MemorySegment id = rd_kafka_clusterid(client.rk(), timeoutMs);
        if (id.equals(MemorySegment.NULL)) return null;
        try {
            return Rd.cString(id);
        } finally {
            rd_kafka_mem_free(client.rk(), id);
        }
    }

    /** {@code rd_kafka_controllerid}: the controller's broker id, or -1 if not known within {@code timeoutMs}. */
    public static int controllerId(RdClient client, int timeoutMs) {
        return rd_kafka_controllerid(client.rk(), timeoutMs);
    }
}
