package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_list_s;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Converts between Java collections and {@code rd_kafka_topic_partition_list_t}. */
public final class RdPartitionLists {
    /** One element read back from a list: its position, offset and error. */
    public record Entry(TopicPartition partition, long offset, int leaderEpoch, int error) {}

    private RdPartitionLists() {}

    /** A new list (destroy with {@link #destroy}) of {@code partitions}, each with {@code offset}. */
    public static MemorySegment of(Collection<TopicPartition> partitions, long offset) {
        MemorySegment list = rd_kafka_topic_partition_list_new(Math.max(1, partitions.size()));
        try (Arena scratch = Arena.ofConfined()) {
            for (TopicPartition tp : partitions) {
                MemorySegment e = rd_kafka_topic_partition_list_add(list, scratch.allocateFrom(tp.topic()), tp.partition())
                        .reinterpret(rd_kafka_topic_partition_s.sizeof());
                rd_kafka_topic_partition_s.offset(e, offset);
            }
        }
        return list;
    }

    /** A new list with an offset per partition. */
    public static MemorySegment of(Map<TopicPartition, Long> offsets) {
        MemorySegment list = rd_kafka_topic_partition_list_new(Math.max(1, offsets.size()));
        try (Arena scratch = Arena.ofConfined()) {
            for (Map.Entry<TopicPartition, Long> o : offsets.entrySet()) {
                MemorySegment e = rd_kafka_topic_partition_list_add(list, scratch.allocateFrom(o.getKey().topic()),
                        o.getKey().partition()).reinterpret(rd_kafka_topic_partition_s.sizeof());
                rd_kafka_topic_partition_s.offset(e, o.getValue());
            }
        }
        return list;
    }

    /** Topic names only (for subscribe): partition RD_KAFKA_PARTITION_UA. */
    public static MemorySegment ofTopics(Collection<String> topics) {
        MemorySegment list = rd_kafka_topic_partition_list_new(Math.max(1, topics.size()));
        try (Arena scratch = Arena.ofConfined()) {
            for (String t : topics) rd_kafka_topic_partition_list_add(list, scratch.allocateFrom(t), RD_KAFKA_PARTITION_UA());
        }
        return list;
    }

    /** The elements of a list (not destroyed here), in order. */
    public static Map<TopicPartition, Entry> read(MemorySegment list) {
        Map<TopicPartition, Entry> out = new LinkedHashMap<>();
        if (list.equals(MemorySegment.NULL)) return out;
        MemorySegment l = list.reinterpret(rd_kafka_topic_partition_list_s.sizeof());
        int cnt = rd_kafka_topic_partition_list_s.cnt(l);
        MemorySegment elems = rd_kafka_topic_partition_list_s.elems(l).reinterpret(cnt * rd_kafka_topic_partition_s.sizeof());
        for (int i = 0; i < cnt; i++) {
            MemorySegment e = rd_kafka_topic_partition_s.asSlice(elems, i);
            int partition = rd_kafka_topic_partition_s.partition(e);
            String topic = Rd.cString(rd_kafka_topic_partition_s.topic(e));
            TopicPartition tp = new TopicPartition(topic, Math.max(0, partition));
            out.put(tp, new Entry(tp, rd_kafka_topic_partition_s.offset(e),
                    rd_kafka_topic_partition_get_leader_epoch(e), rd_kafka_topic_partition_s.err(e)));
        }
        return out;
    }

    public static void destroy(MemorySegment list) {
        if (!list.equals(MemorySegment.NULL)) rd_kafka_topic_partition_list_destroy(list);
    }
}
