package dev.jrdkafka.producer;

/**
 * Whether a produced record may be in the topic's log, as librdkafka tracks it
 * ({@code rd_kafka_message_status}). Decides what to do with a failed record: one that was
 * {@link #NOT_PERSISTED} can be sent again without risk of a duplicate; one that was
 * {@link #POSSIBLY_PERSISTED} may already be in the log (a retry may duplicate it — use an
 * idempotent producer, or check the log).
 */
public enum PersistenceStatus {
    /** Not in the log: it never reached a broker, or the broker refused it. Safe to send again. */
    NOT_PERSISTED,
    /**
     * May or may not be in the log: it was sent but no answer came (request timed out,
     * connection lost, message timed out in flight), or it was produced with {@code acks=0}.
     */
    POSSIBLY_PERSISTED,
    /** In the log: the broker acknowledged it. */
    PERSISTED;

    private static final PersistenceStatus[] BY_CODE = values();

    /** The status of librdkafka's {@code rd_kafka_msg_status_t} value (an unknown one as {@link #POSSIBLY_PERSISTED}). */
    public static PersistenceStatus fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : POSSIBLY_PERSISTED;
    }
}
