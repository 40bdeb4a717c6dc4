package dev.jrdkafka.security;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A SASL/OAUTHBEARER token as an {@link OAuthBearerTokenProvider} returns it, for
 * {@code rd_kafka_oauthbearer_set_token}. librdkafka asks for the next one at 80% of its
 * lifetime.
 *
 * @param value      the token (a JWT for most brokers); never printed by {@link #toString()}
 * @param expiry     when it stops being valid; must be in the future
 * @param principal  the principal name librdkafka reports for it (the broker decides the
 *                   real principal from the token)
 * @param extensions SASL extensions (KIP-342) sent with it; empty for none
 */
public record OAuthBearerToken(String value, Instant expiry, String principal, Map<String, String> extensions) {
    public OAuthBearerToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(principal, "principal");
        extensions = Map.copyOf(Objects.requireNonNull(extensions, "extensions"));
        if (value.isEmpty()) throw new IllegalArgumentException("the token value is empty");
    }

    /** A token without extensions. */
    public OAuthBearerToken(String value, Instant expiry, String principal) {
        this(value, expiry, principal, Map.of());
    }

    /** Principal and expiry only: the token itself is a secret. */
    @Override
    public String toString() {
        return "OAuthBearerToken[principal=" + principal + ", expiry=" + expiry + ", extensions=" + extensions.keySet()
                + ", value=(redacted)]";
    }
}
