package dev.jrdkafka.internal.rd.share;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_conf_set_error_cb$error_cb;
import dev.jrdkafka.bindings.rd_kafka_conf_set_log_cb$log_cb;
import dev.jrdkafka.bindings.rd_kafka_conf_set_stats_cb$stats_cb;
import dev.jrdkafka.bindings.rd_kafka_share_set_acknowledgement_commit_cb$share_acknowledgement_commit_cb;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdConf;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.TopicNames;
import dev.jrdkafka.internal.rd.client.EventSink;
import dev.jrdkafka.internal.rd.client.RdThrottle;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One {@code rd_kafka_share_t} (KIP-932 share consumer, librdkafka 2.15.0 preview): the
 * only caller of the {@code rd_kafka_share_*} functions. librdkafka serves a share
 * consumer's callbacks (error, statistics, throttle, acknowledgement commits) inside
 * {@code rd_kafka_share_poll} and the commits, on the calling thread, so they are installed
 * as conf callbacks rather than events; their upcalls only record what happened (see
 * {@link Sink}) and the owner hands it to user code once the native call has returned, so
 * no user code runs inside librdkafka's per-handle gate. Logs take {@code log_cb} upcalls on
 * librdkafka's own threads ({@code log.queue} stays off: forwarded to the reply queue, an
 * idle consumer's log lines would wait for the next poll).
 *
 * <p>Not thread-safe (neither is the handle): the Java owner-thread guard runs first.
 */
public final class RdShareConsumer {
    /** ACCEPT, RELEASE, REJECT: {@code rd_kafka_share_AcknowledgeType_t}. */
    public static final int ACCEPT = RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_ACCEPT();
    public static final int RELEASE = RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_RELEASE();
    public static final int REJECT = RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_REJECT();

    /** Where the callbacks' facts go; the share {@code EventSink} also takes logs, errors, statistics, throttling. */
    public interface Sink extends EventSink {
        /** One acknowledgement-commit outcome: per partition, the acknowledged offsets; {@code error} 0 on success. */
        void onAcknowledgementCommit(Map<TopicPartition, List<Long>> offsets, int error);
    }

    /** One partition of {@code rd_kafka_share_commit_sync}'s result. */
    public record PartitionResult(TopicPartition partition, int error) {}

    private final MemorySegment rkshare;
    private final Arena arena;
    private final TopicNames topicNames = new TopicNames();
    private final MessageBatch.Pool pool = new MessageBatch.Pool(topicNames);
    private final MemorySegment listOut;

    private RdShareConsumer(MemorySegment rkshare, Arena arena) {
        this.rkshare = rkshare;
        this.arena = arena;
        this.listOut = arena.allocate(ValueLayout.ADDRESS);
    }

    /**
     * {@code rd_kafka_share_consumer_new} with {@code properties} (which must include
     * {@code group.id}); callbacks report to {@code sink}.
     */
    public static RdShareConsumer create(Map<String, String> properties, Sink sink) {
        Arena arena = Arena.ofShared();
        try (RdConf conf = RdConf.create(properties); Arena scratch = Arena.ofConfined()) {
            MemorySegment c = conf.ptr();
            rd_kafka_conf_set_error_cb(c, rd_kafka_conf_set_error_cb$error_cb.allocate((rk, err, reason, opaque) ->
                    guarded(sink, "error listener", () -> sink.onError(err, Rd.cString(reason), err == RD_KAFKA_RESP_ERR__FATAL())), arena));
            rd_kafka_conf_set_stats_cb(c, rd_kafka_conf_set_stats_cb$stats_cb.allocate((rk, json, len, opaque) -> {
                String text = new String(json.reinterpret(len).toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
                guarded(sink, "stats listener", () -> sink.onStats(text));
                return 0; // librdkafka frees the JSON
            }, arena));
            rd_kafka_conf_set_log_cb(c, rd_kafka_conf_set_log_cb$log_cb.allocate((rk, level, fac, buf) ->
                    guarded(sink, "log", () -> sink.onLog(level, Rd.cString(fac), Rd.cString(buf))), arena));
            rd_kafka_conf_set_throttle_cb(c, RdThrottle.stub(sink, arena));
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            MemorySegment rkshare = rd_kafka_share_consumer_new(c, errstr, RdConf.ERRSTR_SIZE);
            if (rkshare.equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException("librdkafka refused the share consumer configuration: " + errstr.getString(0));
            }
            conf.handOver(); // owned by the share consumer now
            RdShareConsumer consumer = new RdShareConsumer(rkshare, arena);
            try {
                RdErrors.check(rd_kafka_share_set_acknowledgement_commit_cb(rkshare,
                        rd_kafka_share_set_acknowledgement_commit_cb$share_acknowledgement_commit_cb.allocate(
                                (rks, list, err, opaque) -> {
                                    Map<TopicPartition, List<Long>> offsets = readOffsets(list);
                                    guarded(sink, "acknowledgement commit listener", () -> sink.onAcknowledgementCommit(offsets, err));
                                }, arena), MemorySegment.NULL), "rd_kafka_share_set_acknowledgement_commit_cb");
            } catch (RuntimeException e) {
                consumer.destroy(true);
                throw e;
            }
            return consumer;
        } catch (RuntimeException | Error e) {
            if (arena.scope().isAlive()) arena.close(); // destroy() closed it if the handle existed
            throw e;
        }
    }

    /** Copies an {@code rd_kafka_share_partition_offsets_list_t} (librdkafka destroys it after the callback). */
    private static Map<TopicPartition, List<Long>> readOffsets(MemorySegment list) {
        Map<TopicPartition, List<Long>> out = new java.util.LinkedHashMap<>();
        if (list.equals(MemorySegment.NULL)) return out;
        long n = rd_kafka_share_partition_offsets_list_count(list);
        for (long i = 0; i < n; i++) {
            MemorySegment entry = rd_kafka_share_partition_offsets_list_get(list, i);
            MemorySegment tp = rd_kafka_share_partition_offsets_partition(entry).reinterpret(rd_kafka_topic_partition_s.sizeof());
            long cnt = rd_kafka_share_partition_offsets_offsets_cnt(entry);
            MemorySegment offs = rd_kafka_share_partition_offsets_offsets(entry).reinterpret(8 * cnt);
            List<Long> offsets = new ArrayList<>((int) cnt);
            for (long k = 0; k < cnt; k++) offsets.add(offs.getAtIndex(ValueLayout.JAVA_LONG, k));
            out.put(new TopicPartition(Rd.cString(rd_kafka_topic_partition_s.topic(tp)),
                    rd_kafka_topic_partition_s.partition(tp)), List.copyOf(offsets));
        }
        return out;
    }

    private static void guarded(EventSink sink, String what, Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            try {
                sink.onCallbackFailure(what, t);
            } catch (Throwable ignored) {
                // never into C
            }
        }
    }

    /** {@code rd_kafka_share_subscribe} to exact topic names (an empty list unsubscribes). */
    public void subscribe(Collection<String> topics) {
        try (RdPartitionList list = RdPartitionList.ofTopics(topics)) {
            RdErrors.check(rd_kafka_share_subscribe(rkshare, list.ptr()), "subscribe");
        }
    }

    public void unsubscribe() {
        RdErrors.check(rd_kafka_share_unsubscribe(rkshare), "unsubscribe");
    }

    /** {@code rd_kafka_share_subscription}: the subscribed topic names. */
    public List<String> subscription() {
        RdErrors.check(rd_kafka_share_subscription(rkshare, listOut), "subscription");
        try (RdPartitionList list = RdPartitionList.owned(listOut.get(ValueLayout.ADDRESS, 0))) {
            return list.entries().stream().map(e -> e.partition().topic()).distinct().toList();
        }
    }

    /**
     * {@code rd_kafka_share_poll}: a batch holding the returned {@code rd_kafka_messages_t}
     * (empty on timeout), or the call's error as an exception.
     */
    public MessageBatch poll(int timeoutMs) {
        MemorySegment error = rd_kafka_share_poll(rkshare, timeoutMs, listOut);
        MemorySegment list = listOut.get(ValueLayout.ADDRESS, 0);
        if (!error.equals(MemorySegment.NULL)) {
            rd_kafka_messages_destroy(list); // NULL by contract; NULL-safe
            throw RdErrors.fromError(error, "poll");
        }
        if (list.equals(MemorySegment.NULL)) return pool.take(0);
        MessageBatch batch = pool.take(MessageBatch.shareCount(list));
        batch.adoptShareMessages(list);
        return batch;
    }

    /** {@code rd_kafka_share_acknowledge_type} for the i-th message of a batch this consumer polled. */
    public void acknowledge(MessageBatch batch, int i, int type) {
        RdErrors.check(rd_kafka_share_acknowledge_type(rkshare, batch.message(i), type), "acknowledge");
    }

    /** {@code rd_kafka_share_acknowledge_offset}. */
    public void acknowledge(String topic, int partition, long offset, int type) {
        try (Arena scratch = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_share_acknowledge_offset(rkshare, Rd.cString(scratch, topic), partition, offset, type),
                    "acknowledge(" + topic + "-" + partition + "@" + offset + ")");
        }
    }

    /**
     * {@code rd_kafka_share_commit_sync}: per partition its outcome (empty when nothing was
     * pending), or the call's error as an exception.
     */
    public List<PartitionResult> commitSync(int timeoutMs) {
        listOut.set(ValueLayout.ADDRESS, 0, MemorySegment.NULL);
        MemorySegment error = rd_kafka_share_commit_sync(rkshare, timeoutMs, listOut);
        MemorySegment list = listOut.get(ValueLayout.ADDRESS, 0);
        List<PartitionResult> out = new ArrayList<>();
        if (!list.equals(MemorySegment.NULL)) {
            try (RdPartitionList results = RdPartitionList.owned(list)) {
                for (RdPartitionList.Entry e : results.entries()) out.add(new PartitionResult(e.partition(), e.error()));
            }
        }
        RdErrors.check(error, "commitSync");
        return out;
    }

    public void commitAsync() {
        RdErrors.check(rd_kafka_share_commit_async(rkshare), "commitAsync");
    }

    /**
     * {@code rd_kafka_share_consumer_close}: sends pending acknowledgements and leaves the
     * group, bounded by librdkafka to about {@code socket.timeout.ms}. Returns its error, or null.
     */
    public KafkaException close() {
        MemorySegment error = rd_kafka_share_consumer_close(rkshare);
        return error.equals(MemorySegment.NULL) ? null : RdErrors.fromError(error, "close");
    }

    /**
     * {@code rd_kafka_share_destroy} (with {@code RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE} when
     * {@code skipClose}), then the arena of the callback stubs. Throws, leaving the handle
     * alive, if librdkafka refuses (another thread inside).
     */
    public void destroy(boolean skipClose) {
        MemorySegment error = skipClose ? rd_kafka_share_destroy_flags(rkshare, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE())
                : rd_kafka_share_destroy(rkshare);
        RdErrors.check(error, "destroy");
        arena.close();
    }
}
