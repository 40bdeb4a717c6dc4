package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.cluster.AccessControlEntry;
import dev.jrdkafka.cluster.AclBinding;
import dev.jrdkafka.cluster.AclBindingFilter;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.AclPermissionType;
import dev.jrdkafka.cluster.PatternType;
import dev.jrdkafka.cluster.ResourcePattern;
import dev.jrdkafka.cluster.ResourceType;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.BrokerSecurity;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.SecuredBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ACLs enforced on authenticated principals (SASL/SCRAM users of the secured broker, whose
 * StandardAuthorizer has admin as super user and leaves resources without ACLs open): alice
 * may write and read a topic and use a group; bob is denied each by DENY ACLs, and every
 * denial is the broker's authorization error for that resource.
 */
@ExtendWith(SecuredBrokerExtension.class)
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AclEnforcementIT {
    static KafkaConfig as(KafkaBroker broker, String user) {
        return Secured.sasl(broker, KafkaBroker.Listener.SASL_PLAINTEXT, "SCRAM-SHA-256", user);
    }

    static AclBinding allow(ResourceType type, String name, String user, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    static String topic;
    static String group;

    static AclBinding deny(ResourceType type, String name, String user, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.DENY));
    }

    /** alice is allowed the topic and the group; bob is denied each explicitly (DENY wins over everything). */
    @BeforeAll
    static void acls(KafkaBroker broker) throws Exception {
        topic = "sec-acl-" + System.nanoTime();
        group = topic + "-group";
        broker.createTopic(topic, 1);
        try (Admin admin = Admin.create(as(broker, BrokerSecurity.ADMIN))) {
            List<AclBinding> bindings = List.of(
                    allow(ResourceType.TOPIC, topic, BrokerSecurity.ALICE, AclOperation.ALL),
                    allow(ResourceType.GROUP, group, BrokerSecurity.ALICE, AclOperation.ALL),
                    deny(ResourceType.TOPIC, topic, BrokerSecurity.BOB, AclOperation.WRITE),
                    deny(ResourceType.TOPIC, topic, BrokerSecurity.BOB, AclOperation.READ),
                    deny(ResourceType.TOPIC, topic, BrokerSecurity.BOB, AclOperation.DELETE),
                    // The controller lets whoever may DELETE the CLUSTER delete any topic, topic
                    // ACLs notwithstanding, and the cluster has no other ACLs, so it is open
                    // (allow.everyone.if.no.acl.found): without this, bob deleted the topic.
                    deny(ResourceType.BROKER, "kafka-cluster", BrokerSecurity.BOB, AclOperation.DELETE),
                    deny(ResourceType.GROUP, group, BrokerSecurity.BOB, AclOperation.READ));
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            // The broker's authorizer applies the controller's ACL records a moment later: wait
            // until this (single) broker describes them all, which it answers from that authorizer.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!admin.describeAcls(AclBindingFilter.ANY).get(30, TimeUnit.SECONDS).containsAll(bindings)) {
                assertTrue(System.nanoTime() < deadline, "the broker describes the new ACLs within 30 s");
                Thread.sleep(50);
            }
        }
        try (Producer p = Producer.create(as(broker, BrokerSecurity.ALICE))) {
            p.send(new ProducerRecord(topic, 0, null, Clients.bytes("allowed"), 0, List.of())).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1) // before anything that might remove the topic
    void aliceConsumesInHerGroup(KafkaBroker broker) {
        try (Consumer c = Consumer.create(as(broker, BrokerSecurity.ALICE).groupId(group).set("auto.offset.reset", "earliest"))) {
            c.subscribe(List.of(topic));
            assertEquals("allowed", Clients.text(Clients.pollOne(c, Duration.ofSeconds(30)).value()));
            c.commitSync();
        }
    }

    @Test
    void bobMayNotProduce(KafkaBroker broker) {
        try (Producer p = Producer.create(as(broker, BrokerSecurity.BOB).messageTimeoutMs(10_000))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> p.send(new ProducerRecord(topic, 0, null, Clients.bytes("denied"), 0, List.of())).get(30, TimeUnit.SECONDS));
            assertEquals(KafkaError.TOPIC_AUTHORIZATION_FAILED, ((KafkaException) e.getCause()).error(), e.toString());
        }
    }

    @Test
    void bobMayNotFetch(KafkaBroker broker) {
        try (Consumer c = Consumer.create(as(broker, BrokerSecurity.BOB).set("auto.offset.reset", "earliest"))) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            KafkaException e = assertThrows(KafkaException.class, () -> Clients.pollOne(c, Duration.ofSeconds(30)));
            assertEquals(KafkaError.TOPIC_AUTHORIZATION_FAILED, e.error(), e.toString());
        }
    }

    @Test
    void bobMayNotUseTheGroup(KafkaBroker broker) {
        try (Consumer c = Consumer.create(as(broker, BrokerSecurity.BOB).groupId(group))) {
            c.subscribe(List.of(topic));
            KafkaException e = assertThrows(KafkaException.class, () -> Clients.pollOne(c, Duration.ofSeconds(30)));
            assertEquals(KafkaError.GROUP_AUTHORIZATION_FAILED, e.error(), e.toString());
        }
    }

    @Test
    @Order(99)
    void bobMayNotDeleteTheTopic(KafkaBroker broker) {
        try (Admin a = Admin.create(as(broker, BrokerSecurity.BOB))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> a.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS));
            assertEquals(KafkaError.TOPIC_AUTHORIZATION_FAILED, ((KafkaException) e.getCause()).error(), e.toString());
        }
    }
}
