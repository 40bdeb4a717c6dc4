package dev.jrdkafka.kafkaclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclConvertTest {
    @Test
    void bindingsRoundTripWithClusterAsLibrdkafkasBroker() {
        AclBinding b = new AclBinding(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                new AccessControlEntry("User:alice", "*", AclOperation.IDEMPOTENT_WRITE, AclPermissionType.ALLOW));
        dev.jrdkafka.cluster.AclBinding j = AclConvert.toJrd(b);
        assertEquals(dev.jrdkafka.cluster.ResourceType.BROKER, j.pattern().type());
        assertEquals(dev.jrdkafka.cluster.AclOperation.IDEMPOTENT_WRITE, j.entry().operation());
        assertEquals(b, AclConvert.toKafka(j));
    }

    @Test
    void filtersKeepAnyAndNulls() {
        dev.jrdkafka.cluster.AclBindingFilter f = AclConvert.toJrd(AclBindingFilter.ANY);
        assertEquals(dev.jrdkafka.cluster.AclBindingFilter.ANY, f);
        AclBindingFilter prefixed = new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, "orders-", PatternType.MATCH),
                new AccessControlEntryFilter("User:bob", null, AclOperation.READ, AclPermissionType.DENY));
        dev.jrdkafka.cluster.AclBindingFilter j = AclConvert.toJrd(prefixed);
        assertEquals(dev.jrdkafka.cluster.PatternType.MATCH, j.patternType());
        assertEquals("User:bob", j.principal());
        assertEquals(null, j.host());
    }

    @Test
    void valuesLibrdkafkaHasNoCodeForAreRefusedByName() {
        AclBinding user = new AclBinding(new ResourcePattern(ResourceType.USER, "alice", PatternType.LITERAL),
                new AccessControlEntry("User:admin", "*", AclOperation.CREATE_TOKENS, AclPermissionType.ALLOW));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> AclConvert.toJrd(user));
        assertTrue(e.getMessage().contains("resource type USER") && e.getMessage().contains("librdkafka 2.15.0"), e.getMessage());
    }
}
