package dev.jrdkafka.cluster;

/** The kind of a resource ACLs (and configurations) apply to ({@code rd_kafka_ResourceType_t}; codes as in librdkafka). */
public enum ResourceType {
    UNKNOWN(0), /** In a filter: any type. */ ANY(1), TOPIC(2), GROUP(3),
    /**
     * A broker's configuration; in ACLs, the cluster (kafka-clients' {@code CLUSTER}, the same
     * code): name it {@code "kafka-cluster"}.
     */
    BROKER(4),
    TRANSACTIONAL_ID(5);

    private final int code;

    ResourceType(int code) {
        this.code = code;
    }

    /** librdkafka's code. */
    public int code() {
        return code;
    }

    /** The type for librdkafka's code; {@link #UNKNOWN} for a code newer than this jrdkafka. */
    public static ResourceType fromCode(int code) {
        for (ResourceType t : values()) {
            if (t.code == code) return t;
        }
        return UNKNOWN;
    }
}
