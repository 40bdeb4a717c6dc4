package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.admin.AdminOptions;
import dev.jrdkafka.admin.ResourceResults;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Admin client against a real broker: topics created and deleted, each resource's outcome on its own. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(60)
class AdminIT {
    static final Duration T = Duration.ofSeconds(30);
    static KafkaBroker broker;

    @BeforeAll
    static void broker(KafkaBroker shared) {
        broker = shared;
    }

    static <V> V await(ResourceResults<String, V> r, String key) {
        return r.value(key).orTimeout(30, TimeUnit.SECONDS).join();
    }

    static KafkaException failure(ResourceResults<String, ?> r, String key) {
        CompletionException e = assertThrows(CompletionException.class, () -> await(r, key));
        assertTrue(e.getCause() instanceof KafkaException, e.toString());
        return (KafkaException) e.getCause();
    }

    @Test
    void createsAndDeletesTopicsAndReportsEachResourceOnItsOwn() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            ResourceResults<String, Void> created = admin.createTopics(List.of(
                    new NewTopic("admin-a", 3, 1).configs(Map.of("retention.ms", "3600000")),
                    new NewTopic("admin-bad-config", 1, 1).configs(Map.of("no.such.config", "1"))));
            await(created, "admin-a");
            assertEquals(KafkaError.INVALID_CONFIG, failure(created, "admin-bad-config").error());

            AdminPartitionsIT.awaitLeaders(admin, "admin-a", 3); // the broker's metadata follows the creation a moment later
            List<PartitionInfo> partitions = admin.partitionsFor("admin-a", T);
            assertEquals(List.of(0, 1, 2), partitions.stream().map(PartitionInfo::partition).toList());
            assertTrue(admin.listTopics(T).contains("admin-a"));

            ResourceResults<String, Void> again = admin.createTopics(List.of(new NewTopic("admin-a", 3, 1),
                    new NewTopic("admin-b", 2, 1)));
            KafkaException exists = failure(again, "admin-a");
            assertEquals(KafkaError.TOPIC_ALREADY_EXISTS, exists.error());
            assertTrue(exists.getMessage().contains("admin-a"), exists.getMessage());
            await(again, "admin-b"); // the other resource of the same call succeeded

            ResourceResults<String, Void> deleted = admin.deleteTopics(List.of("admin-a", "admin-never-created"));
            await(deleted, "admin-a");
            assertEquals(KafkaError.UNKNOWN_TOPIC_OR_PART, failure(deleted, "admin-never-created").error());
        }
    }

    @Test
    void validateOnlyChecksWithoutCreating() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            ResourceResults<String, Void> checked = admin.createTopics(List.of(new NewTopic("admin-validated", 2, 1)),
                    AdminOptions.defaults().withValidateOnly(true));
            await(checked, "admin-validated");
            assertTrue(!admin.listTopics(T).contains("admin-validated"), "validate-only created nothing");
            ResourceResults<String, Void> tooMany = admin.createTopics(List.of(new NewTopic("admin-rf", 1, 3)),
                    AdminOptions.defaults().withValidateOnly(true));
            assertEquals(KafkaError.INVALID_REPLICATION_FACTOR, failure(tooMany, "admin-rf").error(), "one broker, replication 3");
        }
    }

    @Test
    void clusterFacts() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            assertTrue(admin.clusterId(T) != null && !admin.clusterId(T).isEmpty());
            int controller = admin.controllerId(T);
            assertEquals(1, admin.metadata(T).brokers().size());
            assertEquals(admin.metadata(T).brokers().getFirst().id(), controller, "the single broker is the controller");
        }
    }

    @Test
    void anAdminOverAConsumersConnection() {
        try (dev.jrdkafka.consumer.Consumer consumer = dev.jrdkafka.consumer.Consumer.create(
                Clients.consumer(broker, "admin-shared", "read_uncommitted"));
             Admin admin = Admin.of(consumer)) {
            await(admin.createTopics(List.of(new NewTopic("admin-shared", 2, 1))), "admin-shared");
            AdminPartitionsIT.awaitLeaders(admin, "admin-shared", 2);
            assertEquals(2, consumer.partitionsFor("admin-shared", T).size(), "the consumer sees what its Admin created");
            await(admin.deleteTopics(List.of("admin-shared")), "admin-shared");
        }
    }
}
