package dev.jrdkafka.consumer;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns librdkafka events read from a queue into {@link Event}s. Rebalances are handed to the
 * consumer (its listener and assign calls), never returned; a FETCH event's record is copied
 * by the one copier; partition EOF also reaches the consumer's {@link PartitionEofListener}.
 */
final class Events {
    private static final int NO_OFFSET = KafkaError._NO_OFFSET.code();
    private static final int PARTITION_EOF = KafkaError._PARTITION_EOF.code();

    private Events() {}

    /** The event for {@code ev} (closed by the caller), or null when there is nothing to return. */
    static Event read(RdEvent ev, ConsumerCore core) {
        int type = ev.type();
        String name = ev.name();
        if (type == RdEvent.REBALANCE) {
            try (RdPartitionList list = ev.partitionList()) {
                core.onRebalance(ev.assigns(), list);
            }
            return null;
        }
        if (type == RdEvent.FETCH) return fetched(ev, name, core);
        if (type == RdEvent.ERROR) {
            RdEvent.ErrorPartition p = ev.errorPartition();
            return new Event(type, name, ev.error(), ev.errorString(), ev.isFatal(), p == null ? null : p.partition(),
                    p == null ? -1 : p.offset(), null, 0, null, null, null, null);
        }
        if (type == RdEvent.LOG) {
            RdEvent.LogLine l = ev.log();
            return l == null ? null : new Event(type, name, 0, null, false, null, -1, null, l.level(), l.facility(),
                    l.message(), null, null);
        }
        if (type == RdEvent.STATS) {
            return new Event(type, name, 0, null, false, null, -1, null, 0, null, ev.stats(), null, null);
        }
        if (type == RdEvent.OAUTHBEARER_TOKEN_REFRESH) {
            return new Event(type, name, 0, null, false, null, -1, null, 0, null, ev.configString(), null, null);
        }
        if (type == RdEvent.OFFSET_COMMIT) {
            int err = ev.error();
            if (err == NO_OFFSET) err = 0; // nothing to commit: not a failure
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            Map<TopicPartition, KafkaError> failed = new LinkedHashMap<>();
            try (RdPartitionList list = ev.partitionList()) {
                if (list != null) {
                    for (RdPartitionList.Entry e : list.entries()) {
                        offsets.put(e.partition(), e.offset());
                        if (e.error() != 0 && e.error() != NO_OFFSET) failed.put(e.partition(), KafkaError.fromCode(e.error()));
                    }
                }
            }
            return new Event(type, name, err, err == 0 ? null : ev.errorString(), false, null, -1, null, 0, null,
                    null, Map.copyOf(offsets), Map.copyOf(failed));
        }
        int err = ev.error();
        return new Event(type, name, err, err == 0 ? null : ev.errorString(), false, null, -1, null, 0, null, null, null, null);
    }

    /** A FETCH event's message: a copied record, or an ERROR event (partition EOF also to the listener). */
    private static Event fetched(RdEvent ev, String name, ConsumerCore core) {
        MessageBatch one = core.takeBatch(1);
        try {
            if (!ev.lendNextMessage(one)) return null;
            Event[] error = new Event[1];
            one.removeFailed(f -> {
                TopicPartition tp = f.topic() == null ? null : new TopicPartition(f.topic(), f.partition());
                if (f.error() == PARTITION_EOF && tp != null) core.eofReached(tp, f.offset());
                error[0] = new Event(EventType.ERROR.code(), name, f.error(), f.errorText(), false, tp, f.offset(),
                        null, 0, null, null, null, null);
            });
            if (error[0] != null) return error[0];
            ConsumerRecord r = Records.copy(one, 0);
            return new Event(RdEvent.FETCH, name, 0, null, false, r.topicPartition(), r.offset(), r, 0, null, null, null, null);
        } finally {
            one.release();
        }
    }
}
