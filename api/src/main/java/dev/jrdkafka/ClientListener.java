package dev.jrdkafka;

/**
 * Client-level events, called on the thread that serves the client (its poller thread, or
 * the caller of {@code poll}). All methods have defaults; exceptions they throw are caught
 * and logged, never passed to librdkafka.
 */
public interface ClientListener {
    /**
     * An error librdkafka reports outside any single request. Most are transient (brokers
     * down, retried by librdkafka); {@link KafkaException#isFatal()} ones mean the client
     * can no longer work and should be closed. Default: logged at WARN (ERROR if fatal).
     */
    default void onError(KafkaException error) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClientListener.class);
        if (error.isFatal()) log.error("fatal client error: {}", error.getMessage());
        else log.warn("client error: {}", error.getMessage());
    }

    /**
     * A broker throttled this client's requests ({@code throttleTime} > 0) or stopped doing so
     * (zero), as reported in its responses' ThrottleTimeMs.
     */
    default void onThrottle(String brokerName, int brokerId, java.time.Duration throttleTime) {}

    /** Statistics as JSON, every {@code statistics.interval.ms} (see librdkafka's STATISTICS.md). */
    default void onStats(String json) {}

    /**
     * The SASL/OAUTHBEARER token must be refreshed: set a new one with the client's
     * {@code setOAuthBearerToken} (or report {@code setOAuthBearerTokenFailure}). Only called
     * when {@code oauthBearerTokenRefresh} is enabled on the client's options, which replaces
     * librdkafka's own token handling. {@code config} is {@code sasl.oauthbearer.config}.
     */
    default void onOAuthBearerTokenRefresh(String config) {}

    /** A listener that only handles errors. */
    static ClientListener onError(java.util.function.Consumer<KafkaException> handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        return new ClientListener() {
            @Override
            public void onError(KafkaException error) {
                handler.accept(error);
            }
        };
    }
}
