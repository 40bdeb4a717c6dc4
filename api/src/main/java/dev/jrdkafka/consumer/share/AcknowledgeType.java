package dev.jrdkafka.consumer.share;

/**
 * How a share consumer acknowledges a record it was delivered ({@code rd_kafka_share_AcknowledgeType_t}).
 *
 * <p>Preview: librdkafka 2.15.0 marks the share consumer as a preview, so this API may change.
 */
public enum AcknowledgeType {
    /** Processed: the record is done for the share group. */
    ACCEPT(1),
    /** Not processed: the record becomes available again and is redelivered (possibly to another member) with a higher delivery count. */
    RELEASE(2),
    /** Never to be delivered again (e.g. a poison record): the broker archives it. */
    REJECT(3);

    private final int code;

    AcknowledgeType(int code) {
        this.code = code;
    }

    /** librdkafka's value (1, 2, 3). */
    public int code() {
        return code;
    }
}
