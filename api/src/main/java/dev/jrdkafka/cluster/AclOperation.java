package dev.jrdkafka.cluster;

/**
 * An operation an ACL allows or denies, and what the Describe* admin calls return as a
 * client's authorized operations ({@code rd_kafka_AclOperation_t}; codes as in librdkafka).
 */
public enum AclOperation {
    UNKNOWN(0), ANY(1), ALL(2), READ(3), WRITE(4), CREATE(5), DELETE(6), ALTER(7), DESCRIBE(8), CLUSTER_ACTION(9),
    DESCRIBE_CONFIGS(10), ALTER_CONFIGS(11), IDEMPOTENT_WRITE(12);

    private final int code;

    AclOperation(int code) {
        this.code = code;
    }

    /** librdkafka's code. */
    public int code() {
        return code;
    }

    /** The operation for librdkafka's code; {@link #UNKNOWN} for a code newer than this jrdkafka. */
    public static AclOperation fromCode(int code) {
        for (AclOperation o : values()) {
            if (o.code == code) return o;
        }
        return UNKNOWN;
    }
}
