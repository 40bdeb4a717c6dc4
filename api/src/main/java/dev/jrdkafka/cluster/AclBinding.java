package dev.jrdkafka.cluster;

import java.util.Objects;

/** An ACL: the resources it applies to and the entry saying who may do what on them. */
public record AclBinding(ResourcePattern pattern, AccessControlEntry entry) {
    public AclBinding {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(entry, "entry");
    }

    /** The filter matching exactly this binding. */
    public AclBindingFilter toFilter() {
        return new AclBindingFilter(pattern.type(), pattern.name(), pattern.patternType(), entry.principal(), entry.host(),
                entry.operation(), entry.permission());
    }
}
