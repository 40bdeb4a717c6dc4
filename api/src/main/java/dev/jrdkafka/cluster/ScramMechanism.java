package dev.jrdkafka.cluster;

/** A SASL/SCRAM mechanism ({@code rd_kafka_ScramMechanism_t}; codes as in librdkafka). */
public enum ScramMechanism {
    UNKNOWN(0), SCRAM_SHA_256(1), SCRAM_SHA_512(2);

    private final int code;

    ScramMechanism(int code) {
        this.code = code;
    }

    /** librdkafka's code. */
    public int code() {
        return code;
    }

    /** The mechanism for librdkafka's code; {@link #UNKNOWN} for a code newer than this jrdkafka. */
    public static ScramMechanism fromCode(int code) {
        for (ScramMechanism m : values()) {
            if (m.code == code) return m;
        }
        return UNKNOWN;
    }
}
