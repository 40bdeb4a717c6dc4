package dev.jrdkafka.internal.rd.mock;

import dev.jrdkafka.internal.rd.RdErrors;
import static dev.jrdkafka.bindings.rdkafka_h.C_INT;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_broker_error_stack_cnt;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_clear_request_errors;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_push_request_errors_array;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jrdkafka.bindings.rdkafka_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request error injection: per-ApiKey stacks of errors the next requests get, cluster-wide
 * or per broker (the broker's stack is used first). The variadic
 * {@code rd_kafka_mock_push_request_errors} is reached through its array form; the variadic
 * {@code rd_kafka_mock_broker_push_request_error_rtts}, which has none, through jextract's
 * variadic invoker, in chunks of at most {@link #CHUNK} (error, rtt) pairs per call.
 */
public final class RdMockErrors {
    static final int CHUNK = 8;
    /** Invokers by pair count (1..CHUNK): each is a downcall handle, built once. */
    private static final ConcurrentHashMap<Integer, rdkafka_h.rd_kafka_mock_broker_push_request_error_rtts> INVOKERS =
            new ConcurrentHashMap<>();

    private RdMockErrors() {}

    /** {@code rd_kafka_mock_push_request_errors_array}: the next requests of {@code apiKey}, cluster-wide. */
    public static void push(RdMockCluster cluster, short apiKey, int[] errors) {
        if (errors.length == 0) return;
        try (Arena arena = Arena.ofConfined()) {
            rd_kafka_mock_push_request_errors_array(cluster.live(), apiKey, errors.length, arena.allocateFrom(JAVA_INT, errors));
        }
    }

    /** {@code rd_kafka_mock_clear_request_errors}: empties the cluster-wide stack (not the brokers'). */
    public static void clear(RdMockCluster cluster, short apiKey) {
        rd_kafka_mock_clear_request_errors(cluster.live(), apiKey);
    }

    /**
     * {@code rd_kafka_mock_broker_push_request_error_rtts}: for the next requests of
     * {@code apiKey} to one broker, error {@code errors[i]} answered after {@code rttsMs[i]}.
     */
    public static void pushToBroker(RdMockCluster cluster, int brokerId, short apiKey, int[] errors, int[] rttsMs) {
        if (errors.length != rttsMs.length) throw new IllegalArgumentException("errors and RTTs differ in length");
        MemorySegment c = cluster.live();
        for (int from = 0; from < errors.length; from += CHUNK) {
            int n = Math.min(CHUNK, errors.length - from);
            Object[] pairs = new Object[2 * n];
            for (int i = 0; i < n; i++) {
                pairs[2 * i] = errors[from + i];
                pairs[2 * i + 1] = rttsMs[from + i];
            }
            RdErrors.check(invoker(n).apply(c, brokerId, apiKey, n, pairs),
                    "rd_kafka_mock_broker_push_request_error_rtts(" + brokerId + ")");
        }
    }

    /** {@code rd_kafka_mock_broker_error_stack_cnt}: errors left on the broker's stack for {@code apiKey}. */
    public static long brokerStackCount(RdMockCluster cluster, int brokerId, short apiKey) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_LONG); // size_t, left untouched if there is no stack
            count.set(JAVA_LONG, 0, 0L);
            RdErrors.check(rd_kafka_mock_broker_error_stack_cnt(cluster.live(), brokerId, apiKey, count),
                    "rd_kafka_mock_broker_error_stack_cnt(" + brokerId + ")");
            return count.get(JAVA_LONG, 0);
        }
    }

    private static rdkafka_h.rd_kafka_mock_broker_push_request_error_rtts invoker(int pairs) {
        return INVOKERS.computeIfAbsent(pairs, n -> {
            MemoryLayout[] layouts = new MemoryLayout[2 * n]; // (rd_kafka_resp_err_t err, int rtt_ms) per entry
            Arrays.fill(layouts, C_INT);
            return rdkafka_h.rd_kafka_mock_broker_push_request_error_rtts.makeInvoker(layouts);
        });
    }
}
