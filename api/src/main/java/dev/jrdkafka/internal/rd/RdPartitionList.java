package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_list_s;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code rd_kafka_topic_partition_list_t}: built from Java collections (owned), or one
 * that librdkafka lends for the duration of a callback or an event (borrowed).
 */
public final class RdPartitionList extends NativeObject {
    /** The partition of an element without one (subscriptions): {@code RD_KAFKA_PARTITION_UA}. */
    private static final int UNASSIGNED = -1;

    /** One element read back: its position, offset, leader epoch, metadata and error. */
    public record Entry(TopicPartition partition, long offset, int leaderEpoch, String metadata, int error) {}

    private RdPartitionList(MemorySegment list, boolean owned) {
        super(list, owned);
    }

    /** A list librdkafka made and the caller now owns (e.g. an out-parameter). */
    public static RdPartitionList owned(MemorySegment list) {
        return new RdPartitionList(list, true);
    }

    /** A list that belongs to librdkafka (a callback argument, an event's list): never destroyed here. */
    public static RdPartitionList borrowed(MemorySegment list) {
        return new RdPartitionList(list, false);
    }

    private static RdPartitionList create(int size) {
        Rd.library();
        return owned(rd_kafka_topic_partition_list_new(Math.max(1, size)));
    }

    /** {@code partitions}, each with {@code offset}. */
    public static RdPartitionList of(Collection<TopicPartition> partitions, long offset) {
        RdPartitionList list = create(partitions.size());
        try (Arena scratch = Arena.ofConfined()) {
            for (TopicPartition tp : partitions) list.add(scratch, tp, offset);
        } catch (RuntimeException | Error e) {
            list.close();
            throw e;
        }
        return list;
    }

    /** An offset per partition (start offsets, timestamps, seek positions). */
    public static RdPartitionList of(Map<TopicPartition, Long> offsets) {
        RdPartitionList list = create(offsets.size());
        try (Arena scratch = Arena.ofConfined()) {
            offsets.forEach((tp, offset) -> list.add(scratch, tp, offset));
        } catch (RuntimeException | Error e) {
            list.close();
            throw e;
        }
        return list;
    }

    /** Positions to commit or store: offset, leader epoch and metadata per partition. */
    public static RdPartitionList ofPositions(Map<TopicPartition, OffsetAndMetadata> positions) {
        RdPartitionList list = create(positions.size());
        try (Arena scratch = Arena.ofConfined()) {
            positions.forEach((tp, p) -> {
                MemorySegment e = list.add(scratch, tp, p.offset());
                if (p.leaderEpoch() >= 0) rd_kafka_topic_partition_set_leader_epoch(e, p.leaderEpoch());
                if (!p.metadata().isEmpty()) {
                    // librdkafka frees an element's metadata with rd_free: allocate it with rd's allocator.
                    byte[] bytes = p.metadata().getBytes(StandardCharsets.UTF_8);
                    MemorySegment md = rd_kafka_mem_malloc(MemorySegment.NULL, bytes.length).reinterpret(bytes.length);
                    MemorySegment.copy(bytes, 0, md, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
                    rd_kafka_topic_partition_s.metadata(e, md);
                    rd_kafka_topic_partition_s.metadata_size(e, bytes.length);
                }
            });
        } catch (RuntimeException | Error e) {
            list.close();
            throw e;
        }
        return list;
    }

    /** Topic names only (for subscribe). */
    public static RdPartitionList ofTopics(Collection<String> topics) {
        RdPartitionList list = create(topics.size());
        try (Arena scratch = Arena.ofConfined()) {
            for (String t : topics) rd_kafka_topic_partition_list_add(list.ptr(), Rd.cString(scratch, t), UNASSIGNED);
        } catch (RuntimeException | Error e) {
            list.close();
            throw e;
        }
        return list;
    }

    private MemorySegment add(Arena scratch, TopicPartition tp, long offset) {
        Objects.requireNonNull(tp, "a partition in the collection is null");
        MemorySegment e = rd_kafka_topic_partition_list_add(ptr(), Rd.cString(scratch, tp.topic()), tp.partition())
                .reinterpret(rd_kafka_topic_partition_s.sizeof());
        rd_kafka_topic_partition_s.offset(e, offset);
        return e;
    }

    /** The elements, in order. */
    public List<Entry> entries() {
        MemorySegment l = ptr().reinterpret(rd_kafka_topic_partition_list_s.sizeof());
        int cnt = rd_kafka_topic_partition_list_s.cnt(l);
        List<Entry> out = new ArrayList<>(cnt);
        if (cnt == 0) return out;
        MemorySegment elems = rd_kafka_topic_partition_list_s.elems(l).reinterpret(cnt * rd_kafka_topic_partition_s.sizeof());
        for (int i = 0; i < cnt; i++) {
            MemorySegment e = rd_kafka_topic_partition_s.asSlice(elems, i);
            int partition = rd_kafka_topic_partition_s.partition(e);
            TopicPartition tp = new TopicPartition(Rd.cString(rd_kafka_topic_partition_s.topic(e)), Math.max(0, partition));
            MemorySegment md = rd_kafka_topic_partition_s.metadata(e);
            long mdSize = rd_kafka_topic_partition_s.metadata_size(e);
            String metadata = md.equals(MemorySegment.NULL) || mdSize == 0 ? ""
                    : new String(md.reinterpret(mdSize).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            out.add(new Entry(tp, rd_kafka_topic_partition_s.offset(e), rd_kafka_topic_partition_get_leader_epoch(e),
                    metadata, rd_kafka_topic_partition_s.err(e)));
        }
        return out;
    }

    /** The elements by partition, in order. */
    public Map<TopicPartition, Entry> read() {
        Map<TopicPartition, Entry> out = new LinkedHashMap<>();
        for (Entry e : entries()) out.put(e.partition(), e);
        return out;
    }

    @Override
    protected void destroy(MemorySegment p) {
        rd_kafka_topic_partition_list_destroy(p);
    }

    @Override
    protected String kind() {
        return "partition list";
    }
}
