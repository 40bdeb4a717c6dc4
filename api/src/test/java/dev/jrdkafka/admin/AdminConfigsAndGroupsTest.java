package dev.jrdkafka.admin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.cluster.AlterConfigOp;
import dev.jrdkafka.cluster.ConfigResource;
import dev.jrdkafka.mock.MockCluster;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
}
