package dev.jrdkafka.cluster;

import java.util.Objects;

/**
 * Who may (or may not) do what, from where: a principal ({@code "User:alice"}; the broker
 * checks its form), a host ({@code "*"} for any), an operation and a permission (ALLOW or
 * DENY; {@code Admin} refuses UNKNOWN and ANY before any request).
 */
public record AccessControlEntry(String principal, String host, AclOperation operation, AclPermissionType permission) {
    public AccessControlEntry {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permission, "permission");
    }
}
