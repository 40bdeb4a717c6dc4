package dev.jrdkafka.cluster;

import java.util.Objects;

/**
 * The resources an ACL applies to: a type, a name ({@code "*"} with {@link PatternType#LITERAL}
 * for all of that type; {@code "kafka-cluster"} for {@link ResourceType#BROKER}) and how the
 * name matches ({@link PatternType#LITERAL} or {@link PatternType#PREFIXED}; {@code Admin}
 * refuses other values before any request).
 */
public record ResourcePattern(ResourceType type, String name, PatternType patternType) {
    public ResourcePattern {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patternType, "patternType");
    }
}
