package dev.jrdkafka.config;

import java.util.Locale;

/** {@code group.protocol}: the consumer group protocol. */
public enum GroupProtocol {
    /** The classic protocol, with client-side assignment; librdkafka's default. */
    CLASSIC,
    /** KIP-848's protocol, with broker-side assignment ({@code group.remote.assignor}); needs Kafka 4.0 or later. */
    CONSUMER;

    /** The value as librdkafka takes it: the lower-case name. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
