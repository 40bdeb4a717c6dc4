package dev.jrdkafka.kafkaclients.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.kafkaclients.JrdkafkaAdmin;
import dev.jrdkafka.kafkaclients.JrdkafkaConsumer;
import dev.jrdkafka.kafkaclients.JrdkafkaProducer;
import dev.jrdkafka.testkit.BrokerSecurity;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBroker.Listener;
import dev.jrdkafka.testkit.OAuthServer;
import dev.jrdkafka.testkit.SecuredBrokerExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-clients security settings through the adapter against the secured broker (SASL PLAIN,
 * SCRAM and OAUTHBEARER, TLS with key and trust store files, the StandardAuthorizer with
 * {@code User:admin} as super user), and the Admin's ACL and SCRAM credential calls.
 */
@ExtendWith(SecuredBrokerExtension.class)
@Timeout(90)
class SecuredIT {
    static final char[] STORE_PASSWORD = "store-secret".toCharArray();

    private static Map<String, Object> sasl(KafkaBroker broker, Listener listener, String mechanism, String user) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", broker.bootstrapServers(listener));
        c.put("security.protocol", listener.name());
        c.put("sasl.mechanism", mechanism);
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        c.put("sasl.jaas.config", module + " required username=\"" + user + "\" password=\"" + broker.security().password(user) + "\";");
        return c;
    }

    /** Produces one record to a fresh topic and reads it back, both over {@code security}. */
    private static void roundTrip(KafkaBroker broker, Map<String, Object> security, String name) throws Exception {
        String topic = "adapter-sec-" + name;
        broker.createTopic(topic, 1);
        Map<String, Object> pc = Configs.producer(broker);
        pc.putAll(security);
        try (Producer<String, String> p = new JrdkafkaProducer<>(pc)) {
            assertEquals(0, p.send(new ProducerRecord<>(topic, 0, "k", "hello " + name)).get(30, TimeUnit.SECONDS).offset());
        }
        Map<String, Object> cc = Configs.consumer(broker, "adapter-sec-" + name);
        cc.putAll(security);
        try (Consumer<String, String> c = new JrdkafkaConsumer<>(cc)) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            ConsumerRecord<String, String> r = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (r == null && System.nanoTime() < deadline) {
                for (var rec : c.poll(Duration.ofMillis(200))) r = rec;
            }
            assertEquals("hello " + name, r == null ? null : r.value());
        }
    }

    private static Path write(KeyStore ks, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, STORE_PASSWORD);
        }
        return file;
    }

    /** The test CA as a JKS trust store file. */
    private static Path jksTrustStore(KafkaBroker broker, Path dir) throws Exception {
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setCertificateEntry("ca", broker.security().ca().certificate());
        return write(jks, dir.resolve("trust.jks"));
    }

    @Test
    void saslPlainAndScramFromJaasConfigWithATrustStoreFile(KafkaBroker broker, @TempDir Path dir) throws Exception {
        roundTrip(broker, sasl(broker, Listener.SASL_PLAINTEXT, "PLAIN", BrokerSecurity.ALICE), "plain");

        Map<String, Object> scram = sasl(broker, Listener.SASL_SSL, "SCRAM-SHA-512", BrokerSecurity.BOB);
        scram.put("ssl.truststore.location", jksTrustStore(broker, dir).toString());
        scram.put("ssl.truststore.type", "JKS");
        scram.put("ssl.truststore.password", new String(STORE_PASSWORD));
        roundTrip(broker, scram, "scram");
    }

    @Test
    void mutualTlsFromKeyStoreAndTrustStoreFiles(KafkaBroker broker, @TempDir Path dir) throws Exception {
        Map<String, Object> ssl = new HashMap<>();
        ssl.put("bootstrap.servers", broker.bootstrapServers(Listener.SSL));
        ssl.put("security.protocol", "SSL");
        ssl.put("ssl.truststore.location", broker.security().ca().writeTrustStore(dir.resolve("trust.p12"), STORE_PASSWORD).toString());
        ssl.put("ssl.truststore.type", "PKCS12");
        ssl.put("ssl.truststore.password", new String(STORE_PASSWORD));
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        var client = broker.security().clientCertificate();
        jks.setKeyEntry("client", client.privateKey(), "key-secret".toCharArray(),
                client.chain().toArray(java.security.cert.Certificate[]::new));
        ssl.put("ssl.keystore.location", write(jks, dir.resolve("client.jks")).toString());
        ssl.put("ssl.keystore.type", "JKS");
        ssl.put("ssl.keystore.password", new String(STORE_PASSWORD));
        ssl.put("ssl.key.password", "key-secret");
        roundTrip(broker, ssl, "mtls");
    }

    @Test
    void oauthBearerClientCredentialsFromJaasConfig(KafkaBroker broker) throws Exception {
        OAuthServer server = broker.security().oauth();
        int before = server.tokenRequests();
        Map<String, Object> oidc = new HashMap<>();
        oidc.put("bootstrap.servers", broker.bootstrapServers(Listener.SASL_PLAINTEXT));
        oidc.put("security.protocol", "SASL_PLAINTEXT");
        oidc.put("sasl.mechanism", "OAUTHBEARER");
        oidc.put("sasl.oauthbearer.token.endpoint.url", server.tokenUrl());
        oidc.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\""
                + OAuthServer.CLIENT_ID + "\" clientSecret=\"" + OAuthServer.CLIENT_SECRET + "\" scope=\"kafka\";");
        roundTrip(broker, oidc, "oidc");
        assertTrue(server.tokenRequests() - before >= 2, "a token per client: " + (server.tokenRequests() - before));
    }

    @Test
    void aclsAreCreatedDescribedEnforcedAndDeleted(KafkaBroker broker) throws Exception {
        String topic = "adapter-sec-denied";
        broker.createTopic(topic, 1);
        AclBinding denyBob = new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + BrokerSecurity.BOB, "*", AclOperation.ALL, AclPermissionType.DENY));
        AclBinding aliceReads = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "adapter-sec-alice-", PatternType.PREFIXED),
                new AccessControlEntry("User:" + BrokerSecurity.ALICE, "*", AclOperation.READ, AclPermissionType.ALLOW));
        try (Admin admin = new JrdkafkaAdmin(sasl(broker, Listener.SASL_PLAINTEXT, "PLAIN", BrokerSecurity.ADMIN))) {
            admin.createAcls(List.of(denyBob, aliceReads)).all().get(30, TimeUnit.SECONDS);
            AclBindingFilter bobs = new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter("User:" + BrokerSecurity.BOB, null, AclOperation.ANY, AclPermissionType.ANY));
            assertEquals(List.of(denyBob), List.copyOf(admin.describeAcls(bobs).values().get(30, TimeUnit.SECONDS)));
            assertTrue(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).contains(aliceReads));

            Map<String, Object> pc = Configs.producer(broker);
            pc.putAll(sasl(broker, Listener.SASL_PLAINTEXT, "PLAIN", BrokerSecurity.BOB));
            pc.put("delivery.timeout.ms", 10_000);
            try (Producer<String, String> bob = new JrdkafkaProducer<>(pc)) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> bob.send(new ProducerRecord<>(topic, 0, "k", "denied")).get(30, TimeUnit.SECONDS));
                assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e.toString());
            }

            Map<AclBindingFilter, org.apache.kafka.common.KafkaFuture<DeleteAclsResult.FilterResults>> deleted =
                    admin.deleteAcls(List.of(denyBob.toFilter(), aliceReads.toFilter())).values();
            assertEquals(List.of(denyBob), bindings(deleted.get(denyBob.toFilter()).get(30, TimeUnit.SECONDS)));
            assertEquals(List.of(aliceReads), bindings(deleted.get(aliceReads.toFilter()).get(30, TimeUnit.SECONDS)));
            assertTrue(admin.deleteAcls(List.of(aliceReads.toFilter())).all().get(30, TimeUnit.SECONDS).isEmpty(), "nothing left to delete");
            Collection<AclBinding> left = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            assertFalse(left.contains(denyBob) || left.contains(aliceReads), left.toString());
        }
    }

    private static List<AclBinding> bindings(DeleteAclsResult.FilterResults results) {
        return results.values().stream().map(DeleteAclsResult.FilterResult::binding).toList();
    }

    @Test
    void scramCredentialsAreUpsertedUsedDescribedAndDeleted(KafkaBroker broker) throws Exception {
        String carol = "adapter-carol";
        try (Admin admin = new JrdkafkaAdmin(sasl(broker, Listener.SASL_PLAINTEXT, "PLAIN", BrokerSecurity.ADMIN))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(carol,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192), "carol-secret"))).all().get(30, TimeUnit.SECONDS);
            assertEquals(List.of(new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192)),
                    admin.describeUserScramCredentials(List.of(carol)).description(carol).get(30, TimeUnit.SECONDS).credentialInfos());
            assertTrue(admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).containsKey(BrokerSecurity.ALICE),
                    "every user when none is named");

            Map<String, Object> asCarol = new HashMap<>();
            asCarol.put("bootstrap.servers", broker.bootstrapServers(Listener.SASL_PLAINTEXT));
            asCarol.put("security.protocol", "SASL_PLAINTEXT");
            asCarol.put("sasl.mechanism", "SCRAM-SHA-256");
            asCarol.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + carol
                    + "\" password=\"carol-secret\";");
            try (Admin c = new JrdkafkaAdmin(asCarol)) {
                assertEquals(1, c.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            }

            admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(carol, ScramMechanism.SCRAM_SHA_256)))
                    .all().get(30, TimeUnit.SECONDS);
            // The broker answers from its metadata, which follows the controller's commit a moment later.
            Throwable gone = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gone == null && System.nanoTime() < deadline) {
                try {
                    admin.describeUserScramCredentials(List.of(carol)).description(carol).get(30, TimeUnit.SECONDS);
                    Thread.sleep(100);
                } catch (ExecutionException e) {
                    gone = e.getCause();
                }
            }
            assertInstanceOf(ResourceNotFoundException.class, gone, String.valueOf(gone));
        }
    }
}
