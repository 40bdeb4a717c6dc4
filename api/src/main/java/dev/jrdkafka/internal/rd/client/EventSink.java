package dev.jrdkafka.internal.rd.client;


/**
 * Receives what a client's main queue carries, on the thread that polls it (never on a
 * librdkafka thread). Implementations must not throw; {@link RdClient#poll} catches and
 * reports anything that escapes.
 */
public interface EventSink {
    /** One delivery report; {@code report} is a view valid only during the call. */
    void onDelivery(DeliveryReportView report);

    /** An error event; {@code fatal} errors make the client unusable. */
    void onError(int code, String reason, boolean fatal);

    /** A log line from librdkafka ({@code log.queue} routes them here). */
    void onLog(int level, String facility, String message);

    /** Statistics JSON ({@code statistics.interval.ms}). */
    void onStats(String json);

    /** A broker throttled this client ({@code throttleTimeMs} > 0) or stopped doing so (0). */
    void onThrottle(String brokerName, int brokerId, int throttleTimeMs);

    /** The SASL/OAUTHBEARER token must be refreshed. */
    void onOAuthBearerTokenRefresh(String config);

    /** An exception thrown by a user callback while dispatching. */
    void onCallbackFailure(String callback, Throwable failure);
}
