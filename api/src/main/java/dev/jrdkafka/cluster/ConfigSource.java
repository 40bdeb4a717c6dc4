package dev.jrdkafka.cluster;

/** Where a configuration value comes from ({@code rd_kafka_ConfigSource_t}; codes as in librdkafka). */
public enum ConfigSource {
    UNKNOWN(0), DYNAMIC_TOPIC_CONFIG(1), DYNAMIC_BROKER_CONFIG(2), DYNAMIC_DEFAULT_BROKER_CONFIG(3),
    STATIC_BROKER_CONFIG(4), DEFAULT_CONFIG(5), GROUP_CONFIG(8);

    private final int code;

    ConfigSource(int code) {
        this.code = code;
    }

    /** librdkafka's code. */
    public int code() {
        return code;
    }

    /** The source of librdkafka's code; {@link #UNKNOWN} for a code newer than this jrdkafka. */
    public static ConfigSource fromCode(int code) {
        for (ConfigSource s : values()) {
            if (s.code == code) return s;
        }
        return UNKNOWN;
    }
}
