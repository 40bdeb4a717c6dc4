package dev.jrdkafka.admin;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.admin.Outcome;
import dev.jrdkafka.internal.rd.admin.RdGroupAdmin;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the one group of a List/Alter/DeleteConsumerGroupOffsets result (on the Admin's thread). */
final class GroupOffsetsRead {
    private GroupOffsetsRead() {}

    /** The group's committed offsets (null where none); a group's or a partition's error throws. */
    static Map<TopicPartition, OffsetAndMetadata> committed(RdEvent event) {
        RdGroupAdmin.GroupOffsets g = RdGroupAdmin.offsets(event);
        if (g.error() != 0) throw groupError("listConsumerGroupOffsets", g);
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        for (RdPartitionList.Entry e : g.partitions()) {
            if (e.error() != 0) {
                throw new KafkaException(e.error(), "listConsumerGroupOffsets of '" + g.group() + "': " + e.partition() + " failed ("
                        + RdErrors.name(e.error()) + ")");
            }
            out.put(e.partition(), RdGroupAdmin.hasOffset(e)
                    ? new OffsetAndMetadata(e.offset(), Math.max(e.leaderEpoch(), OffsetAndMetadata.NO_LEADER_EPOCH), e.metadata()) : null);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Each asked partition's outcome; a group's error is every partition's. */
    static List<Outcome<TopicPartition, Void>> perPartition(RdEvent event, List<TopicPartition> asked) {
        RdGroupAdmin.GroupOffsets g = RdGroupAdmin.offsets(event);
        List<Outcome<TopicPartition, Void>> out = new ArrayList<>();
        if (g.error() != 0) {
            for (TopicPartition tp : asked) out.add(Outcome.failed(tp, g.error(), "group '" + g.group() + "': " + g.message()));
            return out;
        }
        for (RdPartitionList.Entry e : g.partitions()) {
            out.add(e.error() == 0 ? Outcome.ok(e.partition(), null)
                    : Outcome.failed(e.partition(), e.error(), RdErrors.describe(e.error())));
        }
        return out;
    }

    /** Latest minus committed offset (not below 0), per partition with a committed offset. */
    static Map<TopicPartition, Long> lag(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> latest) {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        committed.forEach((tp, c) -> {
            if (c == null) return;
            Long end = latest.get(tp);
            if (end == null) throw new KafkaException(dev.jrdkafka.KafkaError._FAIL, "consumerGroupLag: no latest offset of " + tp);
            out.put(tp, Math.max(0, end - c.offset()));
        });
        return Collections.unmodifiableMap(out);
    }

    private static KafkaException groupError(String operation, RdGroupAdmin.GroupOffsets g) {
        return new KafkaException(g.error(), operation + " of '" + g.group() + "' failed: " + g.message() + " (" + RdErrors.name(g.error()) + ")");
    }
}
