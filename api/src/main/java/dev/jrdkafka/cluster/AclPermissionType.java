package dev.jrdkafka.cluster;

/** Whether an ACL allows or denies ({@code rd_kafka_AclPermissionType_t}); {@link #ANY} in filters only. */
public enum AclPermissionType {
    UNKNOWN(0), ANY(1), DENY(2), ALLOW(3);

    private final int code;

    AclPermissionType(int code) {
        this.code = code;
    }

    /** librdkafka's code. */
    public int code() {
        return code;
    }

    /** The permission type for librdkafka's code; {@link #UNKNOWN} for a code newer than this jrdkafka. */
    public static AclPermissionType fromCode(int code) {
        for (AclPermissionType t : values()) {
            if (t.code == code) return t;
        }
        return UNKNOWN;
    }
}
