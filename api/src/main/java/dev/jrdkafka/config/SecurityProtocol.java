package dev.jrdkafka.config;

import java.util.Locale;

/** {@code security.protocol}: how the client talks to brokers. */
public enum SecurityProtocol {
    /** No encryption, no authentication; librdkafka's default. */
    PLAINTEXT,
    /** TLS. */
    SSL,
    /** SASL authentication without encryption. */
    SASL_PLAINTEXT,
    /** SASL authentication over TLS. */
    SASL_SSL;

    /** The value as librdkafka takes it: the lower-case name. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
