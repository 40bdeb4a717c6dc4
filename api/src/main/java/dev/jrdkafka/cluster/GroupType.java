package dev.jrdkafka.cluster;

/**
 * A consumer group's protocol ({@code rd_kafka_consumer_group_type_t}): CLASSIC, or CONSUMER
 * for the broker-driven one of KIP-848.
 */
public enum GroupType {
    UNKNOWN(0), CONSUMER(1), CLASSIC(2);

    private final int code;

    GroupType(int code) {
        this.code = code;
    }

    /** librdkafka's code. */
    public int code() {
        return code;
    }

    /** The type of librdkafka's code; {@link #UNKNOWN} for a code newer than this jrdkafka. */
    public static GroupType fromCode(int code) {
        for (GroupType t : values()) {
            if (t.code == code) return t;
        }
        return UNKNOWN;
    }
}
