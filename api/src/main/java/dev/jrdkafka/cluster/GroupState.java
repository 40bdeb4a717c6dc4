package dev.jrdkafka.cluster;

/** A consumer group's state ({@code rd_kafka_consumer_group_state_t}; codes as in librdkafka). */
public enum GroupState {
    UNKNOWN(0), PREPARING_REBALANCE(1), COMPLETING_REBALANCE(2), STABLE(3), DEAD(4), EMPTY(5);

    private final int code;

    GroupState(int code) {
        this.code = code;
    }

    /** librdkafka's code. */
    public int code() {
        return code;
    }

    /** The state of librdkafka's code; {@link #UNKNOWN} for a code newer than this jrdkafka. */
    public static GroupState fromCode(int code) {
        for (GroupState s : values()) {
            if (s.code == code) return s;
        }
        return UNKNOWN;
    }
}
