package dev.jrdkafka.internal.rd.produce;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.Header;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_vu_s;
import dev.jrdkafka.internal.rd.CriticalDowncalls;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.client.RdClient;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The producer calls of one client. Two ways in:
 * <ul>
 *   <li>{@code produce}: {@code rd_kafka_produce} on a cached topic handle through a
 *       critical downcall with raw addresses, key and value staged in a reused native
 *       buffer ({@link ProduceScratch}) — no Java allocation per message;</li>
 *   <li>{@code produceva}: {@code rd_kafka_produceva} (never the variadic
 *       {@code rd_kafka_producev}) for headers and timestamps.</li>
 * </ul>
 * Both return librdkafka's error code (0 on success) instead of throwing, so callers
 * decide how to handle a full queue. Callers hold the client's guard.
 */
public final class RdProducer {
    private final MemorySegment rk;
    private final MethodHandle produceHandle;
    private final Map<String, RdTopic> topics = new ConcurrentHashMap<>();

    /** @param partitionerInJava a Java partitioner may run inside produce: no critical call then */
    public RdProducer(RdClient client, boolean partitionerInJava) {
        this.rk = client.rk();
        this.produceHandle = partitionerInJava ? CriticalDowncalls.ProduceUpcallSafe.HANDLE : CriticalDowncalls.Produce.HANDLE;
    }

    private long topic(String name) {
        RdTopic rkt = topics.get(name);
        return (rkt != null ? rkt : topics.computeIfAbsent(name, n -> RdTopic.create(rk, n))).address();
    }

    /** Key and value (either may be null) copied by librdkafka; {@code opaque} comes back in the report. */
    public int produce(String topic, int partition, byte[] key, byte[] value, long opaque) {
        long rkt = topic(topic);
        long keyLen = key == null ? 0 : key.length;
        long valueLen = value == null ? 0 : value.length;
        ProduceScratch scratch = ProduceScratch.acquire(keyLen + valueLen);
        try {
            long base = scratch.stage(key, value);
            return call(rkt, partition, RD_KAFKA_MSG_F_COPY(),
                    value == null ? 0 : base + keyLen, valueLen, key == null ? 0 : base, keyLen, opaque);
        } finally {
            scratch.release();
        }
    }

    /**
     * Key and value from segments (either may be null). Native segments are passed as they
     * are — copied by librdkafka during the call, or with {@code borrowed} not copied at all,
     * in which case they must stay valid until the message's delivery report. Heap segments
     * are staged in a native buffer first (and cannot be borrowed).
     */
    public int produce(String topic, int partition, MemorySegment key, MemorySegment value, long opaque,
                       boolean borrowed) {
        // A segment of a closed arena still has its address, but its memory is freed: reading
        // it in librdkafka (or in a copy here) could crash the JVM. Checked before any native
        // call; an arena closed by another thread during the call is the caller's race.
        requireAlive(key, "key segment");
        requireAlive(value, "value segment");
        long rkt = topic(topic);
        boolean nativeOnly = (key == null || key.isNative()) && (value == null || value.isNative());
        if (nativeOnly) {
            int rc = call(rkt, partition, borrowed ? 0 : RD_KAFKA_MSG_F_COPY(),
                    address(value), size(value), address(key), size(key), opaque);
            java.lang.ref.Reference.reachabilityFence(key);
            java.lang.ref.Reference.reachabilityFence(value);
            return rc;
        }
        if (borrowed) throw new IllegalArgumentException("a borrowed key or value must be a native segment, not a heap one");
        long keyLen = size(key);
        ProduceScratch scratch = ProduceScratch.acquire(keyLen + size(value));
        try {
            long base = scratch.stage(key, value);
            return call(rkt, partition, RD_KAFKA_MSG_F_COPY(),
                    value == null ? 0 : base + keyLen, size(value), key == null ? 0 : base, keyLen, opaque);
        } finally {
            scratch.release();
        }
    }

    /**
     * Key and value as regions of one segment (a negative length is null; the caller checked
     * the bounds), copied by librdkafka: read in place when native, staged when on the heap.
     */
    public int produce(String topic, int partition, MemorySegment data, long keyOffset, long keyLength,
                       long valueOffset, long valueLength, long opaque) {
        requireAlive(data, "data segment");
        long rkt = topic(topic);
        long keyLen = Math.max(0, keyLength);
        long valueLen = Math.max(0, valueLength);
        if (data.isNative()) {
            long base = data.address();
            int rc = call(rkt, partition, RD_KAFKA_MSG_F_COPY(), valueLength < 0 ? 0 : base + valueOffset, valueLen,
                    keyLength < 0 ? 0 : base + keyOffset, keyLen, opaque);
            java.lang.ref.Reference.reachabilityFence(data);
            return rc;
        }
        ProduceScratch scratch = ProduceScratch.acquire(keyLen + valueLen);
        try {
            long base = scratch.stage(data, keyOffset, keyLength, valueOffset, valueLength);
            return call(rkt, partition, RD_KAFKA_MSG_F_COPY(),
                    valueLength < 0 ? 0 : base + keyLen, valueLen, keyLength < 0 ? 0 : base, keyLen, opaque);
        } finally {
            scratch.release();
        }
    }

    /**
     * Key and value from buffers' remaining bytes (either may be null), copied by
     * librdkafka: direct buffers are read in place, heap buffers staged first.
     */
    public int produce(String topic, int partition, java.nio.ByteBuffer key, java.nio.ByteBuffer value, long opaque) {
        long keyLen = key == null ? 0 : key.remaining();
        long valueLen = value == null ? 0 : value.remaining();
        if ((key == null || key.isDirect()) && (value == null || value.isDirect())) {
            // DirectBufferAddress refuses a buffer of a closed arena's segment before any native call.
            long valueAddress = value == null ? 0 : DirectBufferAddress.of(value, "value buffer");
            long keyAddress = key == null ? 0 : DirectBufferAddress.of(key, "key buffer");
            long rkt = topic(topic);
            int rc = call(rkt, partition, RD_KAFKA_MSG_F_COPY(), valueAddress, valueLen, keyAddress, keyLen, opaque);
            java.lang.ref.Reference.reachabilityFence(key);
            java.lang.ref.Reference.reachabilityFence(value);
            return rc;
        }
        DirectBufferAddress.requireAlive(key, "key buffer");
        DirectBufferAddress.requireAlive(value, "value buffer");
        long rkt = topic(topic);
        ProduceScratch scratch = ProduceScratch.acquire(keyLen + valueLen);
        try {
            long base = scratch.stage(key, value);
            return call(rkt, partition, RD_KAFKA_MSG_F_COPY(),
                    value == null ? 0 : base + keyLen, valueLen, key == null ? 0 : base, keyLen, opaque);
        } finally {
            scratch.release();
        }
    }

    private static void requireAlive(MemorySegment s, String what) {
        if (s != null && !s.scope().isAlive()) throw DirectBufferAddress.closed(what);
    }

    private static long address(MemorySegment s) {
        return s == null ? 0 : s.address();
    }

    private static long size(MemorySegment s) {
        return s == null ? 0 : s.byteSize();
    }

    private int call(long rkt, int partition, int flags, long value, long valueLen,
                     long key, long keyLen, long opaque) {
        try {
            int rc = (int) produceHandle.invokeExact(rkt, partition, flags, value, valueLen, key, keyLen, opaque);
            return rc == 0 ? 0 : (int) CriticalDowncalls.LastError.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("rd_kafka_produce failed unexpectedly", t);
        }
    }

    /**
     * {@code rd_kafka_produceva} with everything a record can carry. {@code timestampMs} 0
     * means "now"; header values may be null; names and values are copied by librdkafka.
     */
    public int produceva(String topic, int partition, byte[] key, byte[] value, long timestampMs,
                         List<Header> headerList, long opaque) {
        // The argument array, key and value are staged in the thread's reused buffer (no
        // arena per record): librdkafka copies them before produceva returns.
        long keyLen = key == null ? 0 : key.length;
        long valueLen = value == null ? 0 : value.length;
        ProduceScratch scratch = ProduceScratch.acquire(VUS_BYTES + keyLen + valueLen);
        try {
            MemorySegment buffer = scratch.buffer;
            MemorySegment vus = buffer.asSlice(0, VUS_BYTES);
            int n = 0;
            n = vuPtr(vus, n, RD_KAFKA_VTYPE_RKT(), MemorySegment.ofAddress(topic(topic)));
            n = vuI32(vus, n, RD_KAFKA_VTYPE_PARTITION(), partition);
            n = vuI32(vus, n, RD_KAFKA_VTYPE_MSGFLAGS(), RD_KAFKA_MSG_F_COPY());
            if (value != null) {
                MemorySegment.copy(value, 0, buffer, ValueLayout.JAVA_BYTE, VUS_BYTES + keyLen, value.length);
                n = vuMem(vus, n, RD_KAFKA_VTYPE_VALUE(), buffer.asSlice(VUS_BYTES + keyLen, valueLen), valueLen);
            }
            if (key != null) {
                MemorySegment.copy(key, 0, buffer, ValueLayout.JAVA_BYTE, VUS_BYTES, key.length);
                n = vuMem(vus, n, RD_KAFKA_VTYPE_KEY(), buffer.asSlice(VUS_BYTES, keyLen), keyLen);
            }
            if (timestampMs != 0) {
                rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, n), RD_KAFKA_VTYPE_TIMESTAMP());
                rd_kafka_vu_s.u.i64(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, n++)), timestampMs);
            }
            n = vuPtr(vus, n, RD_KAFKA_VTYPE_OPAQUE(), MemorySegment.ofAddress(opaque));
            try (RdHeaders headers = headerList.isEmpty() ? null : RdHeaders.of(headerList)) {
                if (headers != null) n = vuPtr(vus, n, RD_KAFKA_VTYPE_HEADERS(), headers.ptr());
                MemorySegment error = rd_kafka_produceva(rk, vus, n);
                if (error.equals(MemorySegment.NULL)) {
                    if (headers != null) headers.handOver(); // they belong to the message now
                    return 0;
                }
                // A fatal error object carries the underlying code; report it as _FATAL like
                // rd_kafka_produce does, so the caller surfaces the producer's fatal error.
                int code = rd_kafka_error_is_fatal(error) != 0 ? RD_KAFKA_RESP_ERR__FATAL() : rd_kafka_error_code(error);
                rd_kafka_error_destroy(error);
                return code;
            }
        } finally {
            scratch.release();
        }
    }

    /** Room for the most arguments produceva gets here: topic, partition, flags, value, key, timestamp, opaque, headers. */
    private static final long VUS_BYTES = 8 * rd_kafka_vu_s.sizeof();

    private static int vuPtr(MemorySegment vus, int i, int type, MemorySegment p) {
        MemorySegment vu = rd_kafka_vu_s.asSlice(vus, i);
        rd_kafka_vu_s.vtype(vu, type);
        rd_kafka_vu_s.u.ptr(rd_kafka_vu_s.u(vu), p);
        return i + 1;
    }

    private static int vuI32(MemorySegment vus, int i, int type, int value) {
        MemorySegment vu = rd_kafka_vu_s.asSlice(vus, i);
        rd_kafka_vu_s.vtype(vu, type);
        rd_kafka_vu_s.u.i32(rd_kafka_vu_s.u(vu), value);
        return i + 1;
    }

    private static int vuMem(MemorySegment vus, int i, int type, MemorySegment p, long size) {
        MemorySegment vu = rd_kafka_vu_s.asSlice(vus, i);
        rd_kafka_vu_s.vtype(vu, type);
        MemorySegment mem = rd_kafka_vu_s.u.mem(rd_kafka_vu_s.u(vu));
        rd_kafka_vu_s.u.mem.ptr(mem, p);
        rd_kafka_vu_s.u.mem.size(mem, size);
        return i + 1;
    }

    /**
     * For the error path of a produce refused with _STATE: the transaction state that makes
     * librdkafka refuse records now ({@code rd_kafka_txn_state2str}: "AbortableError",
     * "Ready", "BeginCommit"...), or null if producing is not refused by the transaction state
     * (any more). {@code rd_kafka_produce} returns only the code; {@code rd_kafka_produceva}
     * checks the producer's state before anything else ({@code rd_kafka_check_produce}) and
     * names the state in its error, so it is asked here with no arguments at all: refused for
     * the state, or else for the missing topic — it never produces anything.
     */
    public String transactionStateRefusingProduce() {
        MemorySegment error = rd_kafka_produceva(rk, MemorySegment.NULL, 0);
        if (error.equals(MemorySegment.NULL)) return null; // cannot happen: no topic was given
        try {
            if (rd_kafka_error_code(error) != RD_KAFKA_RESP_ERR__STATE()) return null;
            // "Producing not allowed in transactional state <State>"
            String text = Rd.cString(rd_kafka_error_string(error));
            int at = text == null ? -1 : text.lastIndexOf("transactional state ");
            return at < 0 ? null : text.substring(at + "transactional state ".length()).trim();
        } finally {
            rd_kafka_error_destroy(error);
        }
    }

    /** {@code rd_kafka_flush}: returns 0, or _TIMED_OUT if messages remain. Does not serve the queue. */
    public int flush(int timeoutMs) {
        return rd_kafka_flush(rk, timeoutMs);
    }

    /** {@code rd_kafka_purge} of queued messages, and in-flight ones if asked; returns the error code. */
    public int purge(boolean inFlight, boolean nonBlocking) {
        int flags = RD_KAFKA_PURGE_F_QUEUE();
        if (inFlight) flags |= RD_KAFKA_PURGE_F_INFLIGHT();
        if (nonBlocking) flags |= RD_KAFKA_PURGE_F_NON_BLOCKING();
        return rd_kafka_purge(rk, flags);
    }

    public void initTransactions(int timeoutMs) {
        RdErrors.check(rd_kafka_init_transactions(rk, timeoutMs), "initTransactions");
    }

    public void beginTransaction() {
        RdErrors.check(rd_kafka_begin_transaction(rk), "beginTransaction");
    }

    public void commitTransaction(int timeoutMs) {
        RdErrors.check(rd_kafka_commit_transaction(rk, timeoutMs), "commitTransaction");
    }

    public void abortTransaction(int timeoutMs) {
        RdErrors.check(rd_kafka_abort_transaction(rk, timeoutMs), "abortTransaction");
    }

    /** Positions to commit with the transaction, for a consumer group's member (by value). */
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, String groupId,
                                         int generationId, String memberId, String groupInstanceId, int timeoutMs) {
        try (RdPartitionList list = RdPartitionList.ofPositions(offsets); Arena scratch = Arena.ofConfined()) {
            MemorySegment cgmd = rd_kafka_consumer_group_metadata_new_with_genid(Rd.cString(scratch, groupId), generationId,
                    Rd.cString(scratch, memberId), groupInstanceId == null ? MemorySegment.NULL : Rd.cString(scratch, groupInstanceId));
            try {
                RdErrors.check(rd_kafka_send_offsets_to_transaction(rk, list.ptr(), cgmd, timeoutMs), "sendOffsetsToTransaction");
            } finally {
                rd_kafka_consumer_group_metadata_destroy(cgmd);
            }
        }
    }

    /** Releases the cached topic handles; before {@code rd_kafka_destroy}. */
    public void destroyTopics() {
        for (RdTopic rkt : topics.values()) rkt.close();
        topics.clear();
    }
}
