package dev.jrdkafka.consumer;

/** The kind of an {@link Event}: librdkafka's {@code RD_KAFKA_EVENT_*} types. */
public enum EventType {
    /** A fetched record ({@code RD_KAFKA_EVENT_FETCH}): {@link Event#record()}. */
    FETCH(0x2),
    /** A producer's delivery reports ({@code RD_KAFKA_EVENT_DR}); consumers' queues never carry them. */
    DELIVERY_REPORT(0x1),
    /** A log line ({@code RD_KAFKA_EVENT_LOG}). */
    LOG(0x4),
    /** An error ({@code RD_KAFKA_EVENT_ERROR}): a consume error, partition EOF, or a client error. */
    ERROR(0x8),
    /**
     * A group rebalance ({@code RD_KAFKA_EVENT_REBALANCE}). Never returned: the consumer
     * handles it (assigning, running its RebalanceListener) inside the poll that met it.
     */
    REBALANCE(0x10),
    /** The result of an offset commit ({@code RD_KAFKA_EVENT_OFFSET_COMMIT}). */
    OFFSET_COMMIT(0x20),
    /** Statistics JSON ({@code RD_KAFKA_EVENT_STATS}). */
    STATS(0x40),
    /** The SASL/OAUTHBEARER token must be refreshed ({@code RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH}). */
    OAUTHBEARER_TOKEN_REFRESH(0x100),
    /** Any other type (e.g. an admin result): see {@link Event#name()} and {@link Event#nativeType()}. */
    OTHER(-1);

    private final int code;

    EventType(int code) {
        this.code = code;
    }

    /** librdkafka's value ({@code rd_kafka_event_type_t}); -1 for {@link #OTHER}. */
    public int code() {
        return code;
    }

    static EventType of(int code) {
        for (EventType t : values()) {
            if (t.code == code) return t;
        }
        return OTHER;
    }
}
