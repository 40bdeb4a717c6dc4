package dev.jrdkafka.internal.rd;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few downcalls made with {@link Linker.Option#critical(boolean)}, which jextract does
 * not emit: about 3 ns instead of 7 per call (BENCHMARKS.md). Only functions that are short,
 * never block and never call back into Java qualify. {@code rd_kafka_produce} qualifies as
 * long as no Java partitioner is configured (the partitioner runs inside it) and the
 * message flags do not include {@code RD_KAFKA_MSG_F_BLOCK}.
 *
 * <p>Pointer parameters are declared as {@code JAVA_LONG} and given raw addresses: on the
 * 64-bit ABIs jrdkafka supports a pointer and a 64-bit integer travel in the same register,
 * and passing a {@code long} means the hot path builds no {@code MemorySegment} at all.
 *
 * <p>Each handle sits in its own holder class, created on first use: a downcall handle
 * generates a stub class (several ms each in a cold JVM), and a producer needs only a few
 * of these (not the consumer's, nor the partitioner-safe produce unless it has one).
 */
public final class CriticalDowncalls {
    private CriticalDowncalls() {}

    private static MethodHandle critical(String name, FunctionDescriptor descriptor) {
        Rd.library();
        MemorySegment symbol = SymbolLookup.loaderLookup().findOrThrow(name);
        return Linker.nativeLinker().downcallHandle(symbol, descriptor, Linker.Option.critical(false));
    }

    /** A plain (non-critical) handle. */
    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        Rd.library();
        return Linker.nativeLinker().downcallHandle(SymbolLookup.loaderLookup().findOrThrow(name), descriptor);
    }

    /** {@code int rd_kafka_produce(rkt, int32 partition, int msgflags, void *payload, size_t len,
     *  const void *key, size_t keylen, void *msg_opaque)}. */
    public static final class Produce {
        private Produce() {}

        public static final MethodHandle HANDLE = critical("rd_kafka_produce", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG));
    }

    /** The same function through a plain (non-critical) handle, for when a Java partitioner may run inside it. */
    public static final class ProduceUpcallSafe {
        private ProduceUpcallSafe() {}

        public static final MethodHandle HANDLE = plain("rd_kafka_produce", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG));
    }

    /** {@code rd_kafka_resp_err_t rd_kafka_last_error(void)}: the error of the last failed call on this thread. */
    public static final class LastError {
        private LastError() {}

        public static final MethodHandle HANDLE = critical("rd_kafka_last_error",
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
    }

    /** {@code int64_t rd_kafka_message_timestamp(const rd_kafka_message_t *, rd_kafka_timestamp_type_t *)}. */
    public static final class MessageTimestamp {
        private MessageTimestamp() {}

        public static final MethodHandle HANDLE = critical("rd_kafka_message_timestamp",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    }

    /** {@code rd_kafka_msg_status_t rd_kafka_message_status(const rd_kafka_message_t *)}: reads one field. */
    public static final class MessageStatus {
        private MessageStatus() {}

        public static final MethodHandle HANDLE = critical("rd_kafka_message_status",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    }

    /** {@code int64_t rd_kafka_message_latency(const rd_kafka_message_t *)}: microseconds since produce, -1 if unknown. */
    public static final class MessageLatency {
        private MessageLatency() {}

        public static final MethodHandle HANDLE = critical("rd_kafka_message_latency",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    }

    /** {@code int32_t rd_kafka_message_leader_epoch(const rd_kafka_message_t *)}. */
    public static final class MessageLeaderEpoch {
        private MessageLeaderEpoch() {}

        public static final MethodHandle HANDLE = critical("rd_kafka_message_leader_epoch",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    }

    /** {@code int32_t rd_kafka_message_broker_id(const rd_kafka_message_t *)}: reads one field. */
    public static final class MessageBrokerId {
        private MessageBrokerId() {}

        public static final MethodHandle HANDLE = critical("rd_kafka_message_broker_id",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    }

    /**
     * {@code void rd_kafka_message_destroy(rd_kafka_message_t *)}, NOT critical: dropping the
     * last reference to a partition logs (rd_kafka_toppar_destroy_final), and a log event
     * arriving on an empty main queue fires a queue's readiness upcall on this thread — which
     * a critical downcall forbids (the VM aborts). Raw address, so no segment per call.
     */
    public static final class MessageDestroy {
        private MessageDestroy() {}

        public static final MethodHandle HANDLE = plain("rd_kafka_message_destroy", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
    }

    /**
     * {@code rd_kafka_resp_err_t rd_kafka_message_headers(const rd_kafka_message_t *, rd_kafka_headers_t **)},
     * NOT critical: parsing the headers may log, as above.
     */
    public static final class MessageHeaders {
        private MessageHeaders() {}

        public static final MethodHandle HANDLE = plain("rd_kafka_message_headers", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    }
}
