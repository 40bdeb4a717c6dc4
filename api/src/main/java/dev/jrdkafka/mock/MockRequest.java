package dev.jrdkafka.mock;

import java.util.Optional;

/**
 * A request a mock broker received while request tracking was on
 * ({@link MockCluster#startRequestTracking()}).
 *
 * @param brokerId        the broker that received it
 * @param apiKey          its Kafka ApiKey, e.g. 0 for Produce
 * @param timestampMicros when it was received, in microseconds of librdkafka's monotonic
 *                        clock: meaningful only relative to other requests' timestamps
 */
public record MockRequest(int brokerId, int apiKey, long timestampMicros) {

    /** Whether this is a request of type {@code key}. */
    public boolean is(ApiKey key) {
        return key != null && key.code() == apiKey;
    }

    /** The request type, or empty if {@link ApiKey} does not list it. */
    public Optional<ApiKey> api() {
        return ApiKey.fromCode(apiKey);
    }

    @Override
    public String toString() {
        return ApiKey.describe(apiKey) + " to broker " + brokerId + " at " + timestampMicros + " µs";
    }
}
