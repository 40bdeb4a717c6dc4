package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.admin.AdminOptions;
import dev.jrdkafka.admin.ResourceResults;
import dev.jrdkafka.cluster.AlterConfigOp;
import dev.jrdkafka.cluster.ConfigEntry;
import dev.jrdkafka.cluster.ConfigResource;
import dev.jrdkafka.cluster.ConfigSource;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** DescribeConfigs, AlterConfigs and IncrementalAlterConfigs against a real broker, each resource's outcome on its own. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(60)
class AdminConfigsIT {
    static KafkaBroker broker;

    @BeforeAll
    static void broker(KafkaBroker shared) {
        broker = shared;
    }

    static <K, V> V await(ResourceResults<K, V> r, K key) {
        return r.value(key).orTimeout(30, TimeUnit.SECONDS).join();
    }

    static <K> KafkaException failure(ResourceResults<K, ?> r, K key) {
        CompletionException e = assertThrows(CompletionException.class, () -> await(r, key));
        assertTrue(e.getCause() instanceof KafkaException, e.toString());
        return (KafkaException) e.getCause();
    }

    static ConfigEntry entry(List<ConfigEntry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " not in " + entries));
    }

    static void createTopic(Admin admin, NewTopic topic) {
        ResourceResults<String, Void> r = admin.createTopics(List.of(topic));
        await(r, topic.name());
    }

    @Test
    void describesTopicAndBrokerConfigsAndAnUnknownTopicFailsAlone() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            createTopic(admin, new NewTopic("cfg-describe", 1, 1).configs(Map.of("retention.ms", "3600000")));
            ConfigResource topic = ConfigResource.topic("cfg-describe");
            ConfigResource missing = ConfigResource.topic("cfg-never-created");
            int brokerId = admin.metadata(AdminIT.T).brokers().getFirst().id();
            ConfigResource brokerRes = ConfigResource.broker(brokerId);
            ResourceResults<ConfigResource, List<ConfigEntry>> r = admin.describeConfigs(List.of(topic, missing, brokerRes));

            List<ConfigEntry> topicConfigs = await(r, topic);
            ConfigEntry retention = entry(topicConfigs, "retention.ms");
            assertEquals("3600000", retention.value());
            assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, retention.source());
            assertFalse(retention.isDefault());
            assertFalse(retention.isSensitive());
            ConfigEntry cleanup = entry(topicConfigs, "cleanup.policy");
            assertEquals("delete", cleanup.value());
            assertTrue(cleanup.isDefault() || cleanup.source() != ConfigSource.DYNAMIC_TOPIC_CONFIG, cleanup.toString());

            assertEquals(KafkaError.UNKNOWN_TOPIC_OR_PART, failure(r, missing).error());

            List<ConfigEntry> brokerConfigs = await(r, brokerRes);
            ConfigEntry partitions = entry(brokerConfigs, "num.partitions");
            assertEquals("1", partitions.value());
            assertEquals(ConfigSource.STATIC_BROKER_CONFIG, partitions.source());
            // A sensitive broker config has no value.
            brokerConfigs.stream().filter(ConfigEntry::isSensitive).forEach(e -> assertEquals(null, e.value(), e.toString()));
        }
    }

    @Test
    void incrementalAlterConfigsChangesOnlyWhatIsNamedAndAnUnknownKeyFailsItsResourceOnly() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            createTopic(admin, new NewTopic("cfg-incr", 1, 1).configs(Map.of("retention.ms", "3600000")));
            createTopic(admin, new NewTopic("cfg-incr-bad", 1, 1));
            ConfigResource t = ConfigResource.topic("cfg-incr");
            ConfigResource bad = ConfigResource.topic("cfg-incr-bad");
            ResourceResults<ConfigResource, Void> altered = admin.incrementalAlterConfigs(Map.of(
                    t, List.of(AlterConfigOp.set("segment.ms", "7200000"), AlterConfigOp.delete("retention.ms"),
                            AlterConfigOp.append("cleanup.policy", "compact")),
                    bad, List.of(AlterConfigOp.set("no.such.config", "1"))));
            await(altered, t);
            assertEquals(KafkaError.INVALID_CONFIG, failure(altered, bad).error());

            List<ConfigEntry> configs = await(admin.describeConfigs(List.of(t)), t);
            assertEquals("7200000", entry(configs, "segment.ms").value());
            assertTrue(entry(configs, "retention.ms").isDefault(), "retention.ms deleted: back to its default");
            assertEquals(List.of("delete", "compact"), List.of(entry(configs, "cleanup.policy").value().split(",")));

            ResourceResults<ConfigResource, Void> subtract = admin.incrementalAlterConfigs(
                    Map.of(t, List.of(AlterConfigOp.subtract("cleanup.policy", "compact"))));
            await(subtract, t);
            assertEquals("delete", entry(await(admin.describeConfigs(List.of(t)), t), "cleanup.policy").value());

            ResourceResults<ConfigResource, Void> checked = admin.incrementalAlterConfigs(
                    Map.of(t, List.of(AlterConfigOp.set("segment.ms", "1000000"))), AdminOptions.defaults().withValidateOnly(true));
            await(checked, t);
            assertEquals("7200000", entry(await(admin.describeConfigs(List.of(t)), t), "segment.ms").value(), "validate-only changed nothing");
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void alterConfigsReplacesTheWholeConfiguration() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            createTopic(admin, new NewTopic("cfg-alter", 1, 1).configs(Map.of("retention.ms", "3600000")));
            ConfigResource t = ConfigResource.topic("cfg-alter");
            ConfigResource missing = ConfigResource.topic("cfg-alter-never-created");
            ResourceResults<ConfigResource, Void> altered = admin.alterConfigs(Map.of(t, Map.of("segment.ms", "7200000"),
                    missing, Map.of("segment.ms", "1")));
            await(altered, t);
            assertNotNull(failure(altered, missing).error());
            List<ConfigEntry> configs = await(admin.describeConfigs(List.of(t)), t);
            assertEquals("7200000", entry(configs, "segment.ms").value());
            assertTrue(entry(configs, "retention.ms").isDefault(), "not in the new configuration: back to its default");
        }
    }

    @Test
    void aGroupsConfigurationIsAlteredAndDescribed() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            ConfigResource g = ConfigResource.group("cfg-group");
            await(admin.incrementalAlterConfigs(Map.of(g, List.of(AlterConfigOp.set("consumer.session.timeout.ms", "50000")))), g);
            // The broker applies a group's configuration from its metadata log: a describe right
            // after the alter can still see the old value (a CI run saw 45000), so wait, bounded.
            ConfigEntry timeout = entry(await(admin.describeConfigs(List.of(g)), g), "consumer.session.timeout.ms");
            for (long deadline = System.nanoTime() + 10_000_000_000L;
                 !"50000".equals(timeout.value()) && System.nanoTime() - deadline < 0; ) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                timeout = entry(await(admin.describeConfigs(List.of(g)), g), "consumer.session.timeout.ms");
            }
            assertEquals("50000", timeout.value());
            assertEquals(ConfigSource.GROUP_CONFIG, timeout.source());
        }
    }
}
