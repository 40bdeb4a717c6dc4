package dev.jrdkafka.queue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.internal.QueueHost;
import dev.jrdkafka.internal.rd.RdEvents;
import dev.jrdkafka.internal.rd.RdMessages;
import dev.jrdkafka.internal.rd.RdPartitionLists;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns librdkafka events read from a queue into {@link Event}s. Rebalances are handed to the
 * consumer (its listener and assign calls), never returned; a FETCH event's record is copied.
 */
final class Events {
    private static final int NO_OFFSET = KafkaError._NO_OFFSET.code();

    private Events() {}

    /** The event for {@code ev} (destroyed by the caller), or null when there is nothing to return. */
    static Event read(MemorySegment ev, QueueHost host) {
        int type = RdEvents.type(ev);
        String name = RdEvents.name(ev);
        if (type == EventType.REBALANCE.code()) {
            host.rebalance(RdEvents.error(ev) == RdEvents.assignPartitionsCode(), RdEvents.partitionList(ev));
            return null;
        }
        if (type == EventType.FETCH.code()) {
            MemorySegment m = RdEvents.nextMessage(ev);
            if (m == null) return null;
            int err = RdMessages.error(m);
            TopicPartition tp = RdMessages.topic(m) == null ? null : new TopicPartition(RdMessages.topic(m), RdMessages.partition(m));
            if (err != 0) {
                return new Event(EventType.ERROR.code(), name, err, RdMessages.errorText(m), false, tp, RdMessages.offset(m),
                        null, 0, null, null, null, null);
            }
            ConsumerRecord r = host.record(m);
            return new Event(type, name, 0, null, false, tp, r.offset(), r, 0, null, null, null, null);
        }
        if (type == EventType.ERROR.code()) {
            Object[] p = RdEvents.errorPartition(ev);
            TopicPartition tp = p == null || p[0] == null || (int) p[1] < 0 ? null : new TopicPartition((String) p[0], (int) p[1]);
            return new Event(type, name, RdEvents.error(ev), RdEvents.errorString(ev), RdEvents.errorIsFatal(ev), tp,
                    p == null ? -1 : (long) p[2], null, 0, null, null, null, null);
        }
        if (type == EventType.LOG.code()) {
            Object[] l = RdEvents.log(ev);
            return l == null ? null : new Event(type, name, 0, null, false, null, -1, null, (int) l[2], (String) l[0],
                    (String) l[1], null, null);
        }
        if (type == EventType.STATS.code()) {
            return new Event(type, name, 0, null, false, null, -1, null, 0, null, RdEvents.stats(ev), null, null);
        }
        if (type == EventType.OAUTHBEARER_TOKEN_REFRESH.code()) {
            return new Event(type, name, 0, null, false, null, -1, null, 0, null, RdEvents.configString(ev), null, null);
        }
        if (type == EventType.OFFSET_COMMIT.code()) {
            int err = RdEvents.error(ev);
            if (err == NO_OFFSET) err = 0; // nothing to commit: not a failure
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            Map<TopicPartition, KafkaError> failed = new LinkedHashMap<>();
            for (RdPartitionLists.Entry e : RdPartitionLists.read(RdEvents.partitionList(ev)).values()) {
                offsets.put(e.partition(), e.offset());
                if (e.error() != 0 && e.error() != NO_OFFSET) failed.put(e.partition(), KafkaError.fromCode(e.error()));
            }
            return new Event(type, name, err, err == 0 ? null : RdEvents.errorString(ev), false, null, -1, null, 0, null,
                    null, Map.copyOf(offsets), Map.copyOf(failed));
        }
        return new Event(type, name, RdEvents.error(ev), RdEvents.error(ev) == 0 ? null : RdEvents.errorString(ev), false,
                null, -1, null, 0, null, null, null, null);
    }
}
