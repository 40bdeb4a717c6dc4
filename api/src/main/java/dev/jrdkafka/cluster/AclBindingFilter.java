package dev.jrdkafka.cluster;

import java.util.Objects;

/**
 * Selects ACLs to describe or delete: each field narrows the match, or matches anything
 * when null (strings) or ANY (enums). {@link PatternType#MATCH} selects every binding that
 * applies to the named resource.
 */
public record AclBindingFilter(ResourceType type, String name, PatternType patternType, String principal, String host,
                               AclOperation operation, AclPermissionType permission) {
    /** Matches every ACL. */
    public static final AclBindingFilter ANY = new AclBindingFilter(ResourceType.ANY, null, PatternType.ANY, null, null,
            AclOperation.ANY, AclPermissionType.ANY);

    public AclBindingFilter {
        Objects.requireNonNull(type, "type (ANY for any)");
        Objects.requireNonNull(patternType, "patternType (ANY for any)");
        Objects.requireNonNull(operation, "operation (ANY for any)");
        Objects.requireNonNull(permission, "permission (ANY for any)");
    }

    /** Every ACL on resources matching {@code type}, {@code name} (null: any) and {@code patternType}. */
    public static AclBindingFilter forResource(ResourceType type, String name, PatternType patternType) {
        return new AclBindingFilter(type, name, patternType, null, null, AclOperation.ANY, AclPermissionType.ANY);
    }

    /** This filter, narrowed to {@code principal} (null: any). */
    public AclBindingFilter withPrincipal(String principal) {
        return new AclBindingFilter(type, name, patternType, principal, host, operation, permission);
    }

    /** This filter, narrowed to {@code operation}. */
    public AclBindingFilter withOperation(AclOperation operation) {
        return new AclBindingFilter(type, name, patternType, principal, host, operation, permission);
    }

    /** This filter, narrowed to {@code permission}. */
    public AclBindingFilter withPermission(AclPermissionType permission) {
        return new AclBindingFilter(type, name, patternType, principal, host, operation, permission);
    }
}
