package dev.jrdkafka.cluster;

/**
 * How an ACL's resource name matches resources ({@code rd_kafka_ResourcePatternType_t}):
 * {@link #LITERAL} the name itself ({@code "*"}: every resource), {@link #PREFIXED} every
 * name starting with it. In filters only: {@link #ANY} any pattern type, {@link #MATCH} every
 * binding that applies to the named resource (literal, wildcard or prefix).
 */
public enum PatternType {
    UNKNOWN(0), ANY(1), MATCH(2), LITERAL(3), PREFIXED(4);

    private final int code;

    PatternType(int code) {
        this.code = code;
    }

    /** librdkafka's code. */
    public int code() {
        return code;
    }

    /** The pattern type for librdkafka's code; {@link #UNKNOWN} for a code newer than this jrdkafka. */
    public static PatternType fromCode(int code) {
        for (PatternType t : values()) {
            if (t.code == code) return t;
        }
        return UNKNOWN;
    }
}
