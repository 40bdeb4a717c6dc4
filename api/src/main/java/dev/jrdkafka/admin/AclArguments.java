package dev.jrdkafka.admin;

import dev.jrdkafka.cluster.AccessControlEntry;
import dev.jrdkafka.cluster.AclBinding;
import dev.jrdkafka.cluster.AclBindingFilter;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.AclPermissionType;
import dev.jrdkafka.cluster.PatternType;
import dev.jrdkafka.cluster.ResourcePattern;
import dev.jrdkafka.cluster.ResourceType;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ACL calls' argument checks, before any request: what librdkafka or the broker would
 * refuse for the whole call is refused here, naming the binding or filter. (A principal's
 * form, e.g. "User:alice", is the broker's to check, per binding.)
 */
final class AclArguments {
    private AclArguments() {}

    /** {@code bindings}, refusing none, nulls, duplicates, and values a binding cannot have. */
    static List<AclBinding> bindings(String operation, List<AclBinding> bindings) {
        for (AclBinding b : unique(operation, bindings, "binding")) {
            ResourcePattern p = b.pattern();
            AccessControlEntry e = b.entry();
            if (p.type() == ResourceType.UNKNOWN || p.type() == ResourceType.ANY) {
                throw bad(operation, b, "resource type " + p.type() + " (give TOPIC, GROUP, BROKER or TRANSACTIONAL_ID)");
            }
            if (p.name().isEmpty()) throw bad(operation, b, "an empty resource name (\"*\" for all)");
            if (p.patternType() != PatternType.LITERAL && p.patternType() != PatternType.PREFIXED) {
                throw bad(operation, b, "pattern type " + p.patternType() + " (give LITERAL or PREFIXED; the others are for filters)");
            }
            if (e.principal().isEmpty()) throw bad(operation, b, "an empty principal (e.g. \"User:alice\")");
            if (e.host().isEmpty()) throw bad(operation, b, "an empty host (\"*\" for any)");
            if (e.operation() == AclOperation.UNKNOWN || e.operation() == AclOperation.ANY) {
                throw bad(operation, b, "operation " + e.operation() + " (give a specific one, or ALL)");
            }
            if (e.permission() != AclPermissionType.ALLOW && e.permission() != AclPermissionType.DENY) {
                throw bad(operation, b, "permission " + e.permission() + " (give ALLOW or DENY)");
            }
        }
        return bindings;
    }

    /** {@code filters}, refusing none, nulls, duplicates and UNKNOWN values. */
    static List<AclBindingFilter> filters(String operation, List<AclBindingFilter> filters) {
        for (AclBindingFilter f : unique(operation, filters, "filter")) filter(operation, f);
        return filters;
    }

    /** Refuses a filter with an UNKNOWN value (ANY matches anything). */
    static AclBindingFilter filter(String operation, AclBindingFilter f) {
        Objects.requireNonNull(f, operation + ": filter");
        if (f.type() == ResourceType.UNKNOWN) throw bad(operation, f, "resource type UNKNOWN (ANY for any)");
        if (f.patternType() == PatternType.UNKNOWN) throw bad(operation, f, "pattern type UNKNOWN (ANY for any)");
        if (f.operation() == AclOperation.UNKNOWN) throw bad(operation, f, "operation UNKNOWN (ANY for any)");
        if (f.permission() == AclPermissionType.UNKNOWN) throw bad(operation, f, "permission UNKNOWN (ANY for any)");
        return f;
    }

    private static <T> List<T> unique(String operation, List<T> items, String what) {
        if (items.isEmpty()) throw new IllegalArgumentException(operation + " needs at least one " + what);
        Set<T> seen = new HashSet<>();
        for (T item : items) {
            Objects.requireNonNull(item, operation + ": a null " + what);
            if (!seen.add(item)) throw new IllegalArgumentException(operation + ": " + item + " is given more than once");
        }
        return items;
    }

    private static IllegalArgumentException bad(String operation, Object value, String problem) {
        return new IllegalArgumentException(operation + ": " + value + " has " + problem);
    }
}
