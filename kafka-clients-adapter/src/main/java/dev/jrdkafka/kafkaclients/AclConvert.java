package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.cluster.AccessControlEntry;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.AclPermissionType;
import dev.jrdkafka.cluster.PatternType;
import dev.jrdkafka.cluster.ResourcePattern;
import dev.jrdkafka.cluster.ResourceType;
import java.util.function.IntFunction;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * ACL bindings and filters between kafka-clients and jrdkafka. Both follow the Kafka protocol's
 * codes, so values map by code; kafka-clients values librdkafka 2.15.0 has no code for
 * (resource types USER and DELEGATION_TOKEN, operations CREATE_TOKENS, DESCRIBE_TOKENS,
 * TWO_PHASE_COMMIT) are refused. kafka-clients' CLUSTER resource type is librdkafka's BROKER.
 */
final class AclConvert {
    private AclConvert() {}

    static dev.jrdkafka.cluster.AclBinding toJrd(AclBinding b) {
        var p = b.pattern();
        var e = b.entry();
        return new dev.jrdkafka.cluster.AclBinding(
                new ResourcePattern(type(p.resourceType()), p.name(), pattern(p.patternType())),
                new AccessControlEntry(e.principal(), e.host(), operation(e.operation()), permission(e.permissionType())));
    }

    static dev.jrdkafka.cluster.AclBindingFilter toJrd(AclBindingFilter f) {
        ResourcePatternFilter p = f.patternFilter();
        AccessControlEntryFilter e = f.entryFilter();
        return new dev.jrdkafka.cluster.AclBindingFilter(type(p.resourceType()), p.name(), pattern(p.patternType()),
                e.principal(), e.host(), operation(e.operation()), permission(e.permissionType()));
    }

    static AclBinding toKafka(dev.jrdkafka.cluster.AclBinding b) {
        var p = b.pattern();
        var e = b.entry();
        return new AclBinding(
                new org.apache.kafka.common.resource.ResourcePattern(
                        org.apache.kafka.common.resource.ResourceType.fromCode((byte) p.type().code()), p.name(),
                        org.apache.kafka.common.resource.PatternType.fromCode((byte) p.patternType().code())),
                new org.apache.kafka.common.acl.AccessControlEntry(e.principal(), e.host(),
                        org.apache.kafka.common.acl.AclOperation.fromCode((byte) e.operation().code()),
                        org.apache.kafka.common.acl.AclPermissionType.fromCode((byte) e.permission().code())));
    }

    private static ResourceType type(org.apache.kafka.common.resource.ResourceType t) {
        return byCode(t.name(), t.code(), ResourceType::fromCode, ResourceType.UNKNOWN, "resource type",
                "ANY, TOPIC, GROUP, CLUSTER and TRANSACTIONAL_ID");
    }

    private static PatternType pattern(org.apache.kafka.common.resource.PatternType t) {
        return byCode(t.name(), t.code(), PatternType::fromCode, PatternType.UNKNOWN, "pattern type", "ANY, MATCH, LITERAL and PREFIXED");
    }

    private static AclOperation operation(org.apache.kafka.common.acl.AclOperation o) {
        return byCode(o.name(), o.code(), AclOperation::fromCode, AclOperation.UNKNOWN, "operation",
                "ANY, ALL, READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS"
                        + " and IDEMPOTENT_WRITE");
    }

    private static AclPermissionType permission(org.apache.kafka.common.acl.AclPermissionType p) {
        return byCode(p.name(), p.code(), AclPermissionType::fromCode, AclPermissionType.UNKNOWN, "permission type", "ANY, DENY and ALLOW");
    }

    /** UNKNOWN stays UNKNOWN (jrdkafka then refuses it as kafka-clients does); any other value must have a librdkafka code. */
    private static <T> T byCode(String name, byte code, IntFunction<T> fromCode, T unknown, String what, String known) {
        T t = fromCode.apply(code);
        if (t == unknown && !name.equals("UNKNOWN")) {
            throw new UnsupportedOperationException("ACL " + what + " " + name + ": librdkafka 2.15.0's ACL API knows " + known);
        }
        return t;
    }
}
