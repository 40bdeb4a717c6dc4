package dev.jrdkafka.consumer.share;

import java.util.Locale;

/**
 * librdkafka's {@code share.acknowledgement.mode}, fixed when a {@link ShareConsumer} is
 * created.
 *
 * <p>Preview: librdkafka 2.15.0 marks the share consumer as a preview, so this API may change.
 */
public enum AcknowledgementMode {
    /**
     * The default: every record of a poll is ACCEPTed when the next {@link ShareConsumer#poll},
     * {@link ShareConsumer#commitSync} or {@link ShareConsumer#commitAsync} is called;
     * {@code acknowledge} is refused.
     */
    IMPLICIT,
    /**
     * Every record of a poll must be acknowledged ({@link ShareConsumer#acknowledge}) before
     * the next poll, which is refused otherwise.
     */
    EXPLICIT;

    /** The configuration value ("implicit", "explicit"). */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a {@code share.acknowledgement.mode} value names (null: the default, implicit). */
    public static AcknowledgementMode fromConfig(String value) {
        if (value == null) return IMPLICIT;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "implicit" -> IMPLICIT;
            case "explicit" -> EXPLICIT;
            default -> throw new IllegalArgumentException("share.acknowledgement.mode must be implicit or explicit, got '"
                    + value + "'");
        };
    }
}
