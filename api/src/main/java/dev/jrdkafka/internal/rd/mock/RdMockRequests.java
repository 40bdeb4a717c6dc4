package dev.jrdkafka.internal.rd.mock;

import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_clear_requests;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_get_requests;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_request_api_key;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_request_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_request_destroy_array;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_request_id;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_request_timestamp;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_start_request_tracking;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_stop_request_tracking;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Request tracking: the mock records (broker id, ApiKey, receive time) of every request it
 * accepts while tracking is on. Requests are copied into Java and freed at once; no native
 * pointer leaves this class.
 */
public final class RdMockRequests {
    /** One tracked request; {@code timestampMicros} is librdkafka's monotonic rd_clock(). */
    public record Request(int brokerId, short apiKey, long timestampMicros) {}

    private RdMockRequests() {}

    /** {@code rd_kafka_mock_start_request_tracking}; also clears the requests tracked so far. */
    public static void start(RdMockCluster cluster) {
        rd_kafka_mock_start_request_tracking(cluster.live());
    }

    /** {@code rd_kafka_mock_stop_request_tracking}; librdkafka 2.15.0 also clears the tracked requests. */
    public static void stop(RdMockCluster cluster) {
        rd_kafka_mock_stop_request_tracking(cluster.live());
    }

    /** {@code rd_kafka_mock_clear_requests}. */
    public static void clear(RdMockCluster cluster) {
        rd_kafka_mock_clear_requests(cluster.live());
    }

    /**
     * {@code rd_kafka_mock_get_requests}, copied: each element is read, then freed with
     * {@code rd_kafka_mock_request_destroy} and its slot set to NULL; finally
     * {@code rd_kafka_mock_request_destroy_array} frees the array (and any element an
     * exception left behind).
     */
    public static List<Request> get(RdMockCluster cluster) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment countp = arena.allocate(JAVA_LONG); // size_t
            MemorySegment array = rd_kafka_mock_get_requests(cluster.live(), countp);
            long count = countp.get(JAVA_LONG, 0);
            if (array.equals(MemorySegment.NULL)) return List.of();
            try {
                MemorySegment slots = array.reinterpret(count * ADDRESS.byteSize());
                List<Request> requests = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) {
                    MemorySegment request = slots.getAtIndex(ADDRESS, i);
                    requests.add(new Request(rd_kafka_mock_request_id(request), rd_kafka_mock_request_api_key(request),
                            rd_kafka_mock_request_timestamp(request)));
                    rd_kafka_mock_request_destroy(request);
                    slots.setAtIndex(ADDRESS, i, MemorySegment.NULL);
                }
                return requests;
            } finally {
                rd_kafka_mock_request_destroy_array(array, count);
            }
        }
    }
}
