package dev.jrdkafka.config;

/** {@code acks} (alias of {@code request.required.acks}): how many replicas must have a record before the broker acknowledges it. */
public enum Acks {
    /** All in-sync replicas ({@code -1}); librdkafka's default, and required by idempotence. */
    ALL("all"),
    /** The partition leader only. */
    LEADER("1"),
    /** No acknowledgement at all: the broker sends no response. */
    NONE("0");

    private final String value;

    Acks(String value) {
        this.value = value;
    }

    /** The value as librdkafka takes it. */
    public String value() {
        return value;
    }
}
