package dev.jrdkafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.cluster.AlterConfigOp;
import dev.jrdkafka.cluster.ConfigResource;
import dev.jrdkafka.cluster.GroupState;
import dev.jrdkafka.cluster.GroupType;
import dev.jrdkafka.mock.MockCluster;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Argument checks of the configuration and consumer group calls: bad input is refused with an
 * {@link IllegalArgumentException} naming it, before any request. (Their results are tested on
 * a real broker in integration-tests' AdminConfigsIT and AdminGroupsIT.)
 */
@Timeout(60)
class AdminConfigsAndGroupsTest {
    static void refused(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "'" + expected + "' not in: " + e.getMessage());
    }

    @Test
    void configResourcesAndChangesAreChecked() {
        refused("needs a name", () -> ConfigResource.topic(""));
        refused("needs a name", () -> ConfigResource.group(""));
        assertTrue(new ConfigResource(ConfigResource.Type.BROKER, "").name().isEmpty(), "the cluster-wide broker default");
        assertThrows(NullPointerException.class, () -> ConfigResource.topic(null));
        refused("name is empty", () -> AlterConfigOp.set("", "1"));
        refused("needs a value", () -> AlterConfigOp.set("retention.ms", null));
        refused("takes no value", () -> new AlterConfigOp("retention.ms", AlterConfigOp.OpType.DELETE, "1"));
    }

    @Test
    @SuppressWarnings("deprecation")
    void configCallsRefuseBadInputBeforeAnyRequest() {
        try (MockCluster cluster = MockCluster.start(1); Admin admin = Admin.create(AdminTest.config(cluster))) {
            ConfigResource t = ConfigResource.topic("t");
            refused("at least one", () -> admin.describeConfigs(List.of()));
            refused("TOPIC 't' is given more than once", () -> admin.describeConfigs(List.of(t, ConfigResource.topic("t"))));
            assertThrows(NullPointerException.class, () -> admin.describeConfigs(Arrays.asList(t, null)));

            refused("at least one", () -> admin.alterConfigs(Map.of()));
            Map<String, String> nullValue = new HashMap<>();
            nullValue.put("retention.ms", null);
            refused("retention.ms", () -> admin.alterConfigs(Map.of(t, nullValue)));
            refused("is empty", () -> admin.alterConfigs(Map.of(t, Map.of("", "1"))));

            refused("at least one", () -> admin.incrementalAlterConfigs(Map.of()));
            refused("'retention.ms' is given more than once", () -> admin.incrementalAlterConfigs(Map.of(t,
                    List.of(AlterConfigOp.set("retention.ms", "1"), AlterConfigOp.delete("retention.ms")))));
            refused("at least one", () -> admin.incrementalAlterConfigs(Map.of(t, List.of())));
            refused("NUL", () -> admin.incrementalAlterConfigs(Map.of(t, List.of(AlterConfigOp.set("a\0b", "1")))));
        }
    }

    @Test
    void groupCallsRefuseBadInputBeforeAnyRequest() {
        try (MockCluster cluster = MockCluster.start(1); Admin admin = Admin.create(AdminTest.config(cluster))) {
            TopicPartition p0 = new TopicPartition("t", 0);
            refused("at least one", () -> admin.describeConsumerGroups(List.of()));
            refused("'g' is given more than once", () -> admin.describeConsumerGroups(List.of("g", "g")));
            refused("empty", () -> admin.describeConsumerGroups(List.of("g", "")));
            assertThrows(NullPointerException.class, () -> admin.describeConsumerGroups(Arrays.asList("g", null)));
            refused("at least one", () -> admin.deleteConsumerGroups(List.of()));
            refused("'g' is given more than once", () -> admin.deleteConsumerGroups(List.of("g", "g")));
            refused("empty", () -> admin.deleteConsumerGroups(List.of("")));

            refused("at least one", () -> admin.listConsumerGroupOffsets(List.of()));
            refused("empty", () -> admin.listConsumerGroupOffsets(List.of("")));
            refused("'g' is given more than once", () -> admin.listConsumerGroupOffsets(List.of("g", "g")));
            refused("at least one", () -> admin.listConsumerGroupOffsets(Map.of("g", List.of())));
            refused("t-0 is given more than once", () -> admin.listConsumerGroupOffsets(Map.of("g", List.of(p0, p0))));

            refused("group id is empty", () -> admin.alterConsumerGroupOffsets("", Map.of(p0, new OffsetAndMetadata(1))));
            refused("at least one", () -> admin.alterConsumerGroupOffsets("g", Map.of()));
            Map<TopicPartition, OffsetAndMetadata> nullOffset = new HashMap<>();
            nullOffset.put(p0, null);
            assertThrows(NullPointerException.class, () -> admin.alterConsumerGroupOffsets("g", nullOffset));
            refused("group id is empty", () -> admin.deleteConsumerGroupOffsets("", List.of(p0)));
            refused("at least one", () -> admin.deleteConsumerGroupOffsets("g", List.of()));
            refused("t-0 is given more than once", () -> admin.deleteConsumerGroupOffsets("g", List.of(p0, p0)));
            refused("NUL", () -> admin.deleteConsumerGroups(List.of("g\0h")));
            refused("at least one", () -> admin.consumerGroupLag(List.of()));
            refused("'g' is given more than once", () -> admin.consumerGroupLag(List.of("g", "g")));
        }
    }

    @Test
    void groupMatchOptionsAreTyped() {
        AdminOptions o = AdminOptions.defaults().withMatchGroupStates(Set.of(GroupState.STABLE, GroupState.EMPTY))
                .withMatchGroupTypes(Set.of(GroupType.CONSUMER));
        assertEquals(List.of(3, 5), o.spec().groupStates());
        assertEquals(List.of(1), o.spec().groupTypes());
        assertEquals(List.of(), AdminOptions.defaults().spec().groupStates());
        refused("UNKNOWN", () -> AdminOptions.defaults().withMatchGroupTypes(Set.of(GroupType.UNKNOWN)));
    }

    @Test
    void listConsumerGroupsCompletesWithinItsRequestTimeout() {
        try (MockCluster cluster = MockCluster.start(1); Admin admin = Admin.create(AdminTest.config(cluster))) {
            var listing = admin.listConsumerGroups(AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(5)));
            try {
                var l = listing.orTimeout(30, TimeUnit.SECONDS).join();
                assertNotNull(l.groups()); // the mock may answer ListGroups
            } catch (CompletionException e) {
                assertTrue(e.getCause() instanceof KafkaException, e.toString());
            }
        }
    }
}
