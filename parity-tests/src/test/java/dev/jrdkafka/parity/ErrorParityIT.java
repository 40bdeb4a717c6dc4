package dev.jrdkafka.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.BrokerSecurity;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same failure in both clients, side by side: each test provokes it in kafka-clients
 * and in jrdkafka, records both outcomes ({@link ErrorOutcome}), asserts that they are the
 * ones PARITY.md's error table documents for the scenario, and that the table's
 * "correspond" column is what the outcomes give (broker codes by kafka-clients' own
 * {@code Errors} mapping, librdkafka's local errors by {@link ErrorOutcome#LOCAL}). A
 * row whose clients do not correspond is a finding in PARITY.md. The observed table is
 * also written to target/parity/error-parity.md.
 *
 * <p>Its own broker: secured (SASL, TLS, ACLs, as testkit's SecuredBrokerExtension) and with
 * {@code auto.create.topics.enable=false}, which the shared brokers keep on.
 */
@Timeout(120)
class ErrorParityIT {
    static KafkaBroker broker;
    static final List<String> observed = new ArrayList<>();
    static final Duration BLOCK = Duration.ofSeconds(5);

    @BeforeAll
    static void start() throws Exception {
        Path reports = Path.of(System.getProperty("jrdkafka.parity.reportDir", "target/parity"));
        Files.createDirectories(reports);
        broker = KafkaBroker.builder().secured().standardAuthorizer().brokerProperty("auto.create.topics.enable", "false")
                .logFile(reports.resolve("kafka-broker-errors.log")).start();
        Clients.createTopic(broker, "err-one", 1);
        Clients.createTopic(broker, "err-small", 1, Map.of("max.message.bytes", "100000"));
        Clients.createTopic(broker, "err-denied", 1);
        // alice may not write err-denied (a DENY ACL; admin and ANONYMOUS are super users)
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kc())) {
            AclBinding deny = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "err-denied", PatternType.LITERAL),
                    new AccessControlEntry("User:" + BrokerSecurity.ALICE, "*", AclOperation.WRITE, AclPermissionType.DENY));
            admin.createAcls(List.of(deny)).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).contains(deny)) {
                assertTrue(System.nanoTime() - deadline < 0, "the ACL is not described within 30 s");
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) broker.close();
        Path out = Path.of(System.getProperty("jrdkafka.parity.reportDir", "target/parity")).resolve("error-parity.md");
        List<String> lines = new ArrayList<>(List.of("| scenario | kafka-clients 4.4.0 | jrdkafka (librdkafka 2.15.0) | correspond |", "|---|---|---|---|"));
        lines.addAll(observed.stream().sorted().toList());
        Files.write(out, lines);
    }

    // ---- client setups --------------------------------------------------------------

    static Properties kc() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    static Properties kcProducer(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("max.block.ms", String.valueOf(BLOCK.toMillis()));
        p.put("delivery.timeout.ms", "10000");
        p.put("request.timeout.ms", "5000");
        return p;
    }

    static KafkaConfig rd() {
        return KafkaConfig.create().bootstrapServers(broker.bootstrapServers()).set("log_level", 3L);
    }

    static KafkaConfig rdProducer(KafkaConfig base) {
        return base.copy().messageTimeoutMs(10_000).set("topic.metadata.propagation.max.ms", BLOCK.toMillis());
    }

    static Properties kcSasl(String password) {
        Properties p = kc();
        p.put("bootstrap.servers", broker.bootstrapServers(KafkaBroker.Listener.SASL_PLAINTEXT));
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "SCRAM-SHA-256");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + BrokerSecurity.ALICE + "\" password=\"" + password + "\";");
        return p;
    }

    static KafkaConfig rdSasl(String password) {
        return rd().bootstrapServers(broker.bootstrapServers(KafkaBroker.Listener.SASL_PLAINTEXT)).set("security.protocol", "sasl_plaintext")
                .saslMechanism("SCRAM-SHA-256").saslUsername(BrokerSecurity.ALICE).saslPassword(password);
    }

    // ---- running one failure in each client ---------------------------------------

    static Throwable failure(Callable<?> call) {
        try {
            call.call();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    static Throwable kcSend(Properties producer, String topic, int partition, int size) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producer)) {
            return failure(() -> p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, partition < 0 ? null : partition,
                    "k".getBytes(), new byte[size])).get(30, TimeUnit.SECONDS));
        }
    }

    static Throwable rdSend(KafkaConfig producer, String topic, int partition, int size) {
        try (Producer p = Producer.create(producer)) {
            return failure(() -> p.send(new ProducerRecord(topic, partition, "k".getBytes(), new byte[size])).get(30, TimeUnit.SECONDS));
        }
    }

    static Throwable kcDescribeCluster(Properties admin) {
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (org.apache.kafka.clients.admin.Admin a = org.apache.kafka.clients.admin.Admin.create(admin)) {
            return failure(() -> a.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
        }
    }

    static Throwable rdDescribeCluster(KafkaConfig admin) {
        try (Admin a = Admin.create(admin)) {
            return failure(() -> a.describeCluster().get(30, TimeUnit.SECONDS));
        }
    }

    /**
     * Records the outcomes, checks them against PARITY.md's row for {@code scenario}, and
     * that its "correspond" column is right.
     */
    static void check(String scenario, Throwable kcFailure, Throwable rdFailure, boolean failureExpected) throws Exception {
        ErrorOutcome o = new ErrorOutcome(ErrorOutcome.kafkaClients(kcFailure), ErrorOutcome.jrdkafka(rdFailure));
        String correspond = o.corresponds() ? "yes" : "no";
        observed.add("| " + scenario + " | `" + o.kafkaClients() + "` | `" + o.jrdkafka() + "` | " + correspond + " |");
        String detail = "\nkafka-clients: " + kcFailure + "\njrdkafka: " + rdFailure;
        System.out.println("error parity: " + scenario + ": " + o + " correspond=" + correspond + detail);
        if (failureExpected) {
            assertNotEquals(ErrorOutcome.NO_ERROR, o.kafkaClients(), scenario + ": kafka-clients did not fail" + detail);
            assertNotEquals(ErrorOutcome.NO_ERROR, o.jrdkafka(), scenario + ": jrdkafka did not fail" + detail);
        }
        String[] row = ErrorOutcome.documentedRow(scenario);
        assertEquals(row[0], o.kafkaClients(), scenario + ": kafka-clients' outcome differs from PARITY.md" + detail);
        assertEquals(row[1], o.jrdkafka(), scenario + ": jrdkafka's outcome differs from PARITY.md" + detail);
        assertEquals(correspond, row[2].split("[ (—-]")[0].toLowerCase(Locale.ROOT),
                scenario + ": PARITY.md's 'correspond' column is wrong (kafka-clients' counterpart of " + o.jrdkafka() + " is "
                        + o.expectedKafkaClients() + ")");
    }

    // ---- the scenarios ----------------------------------------------------------------

    @Test
    void unknownTopicWithAutoCreateOff() throws Exception {
        check("produce to an unknown topic (auto-create off)",
                kcSend(kcProducer(kc()), "err-no-such-topic", -1, 10),
                rdSend(rdProducer(rd()), "err-no-such-topic", -1, 10), true);
    }

    @Test
    void subscribeToUnknownTopic() throws Exception {
        Properties kcp = kc();
        kcp.put("group.id", "err-unknown-sub-kc");
        kcp.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        kcp.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        Throwable kcFailure = failure(() -> {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kcp)) {
                c.subscribe(List.of("err-no-such-topic-sub"));
                long deadline = System.nanoTime() + BLOCK.toNanos();
                while (System.nanoTime() - deadline < 0) c.poll(Duration.ofMillis(200));
            }
            return null;
        });
        Throwable rdFailure = failure(() -> {
            try (Consumer c = Consumer.create(rd().groupId("err-unknown-sub-rd").set("topic.metadata.propagation.max.ms", BLOCK.toMillis()))) {
                c.subscribe(List.of("err-no-such-topic-sub"));
                long deadline = System.nanoTime() + 2 * BLOCK.toNanos();
                while (System.nanoTime() - deadline < 0) c.poll(Duration.ofMillis(200));
            }
            return null;
        });
        check("subscribe to an unknown topic (auto-create off)", kcFailure, rdFailure, false);
    }

    @Test
    void recordTooLargeForTheTopic() throws Exception {
        Properties kcp = kcProducer(kc());
        kcp.put("max.request.size", String.valueOf(4 << 20));
        check("record too large for the topic (broker's max.message.bytes)",
                kcSend(kcp, "err-small", 0, 200_000),
                rdSend(rdProducer(rd()).set("message.max.bytes", 4L << 20), "err-small", 0, 200_000), true);
    }

    @Test
    void recordTooLargeForTheClient() throws Exception {
        check("record too large for the client (default limits, 2 MiB value)",
                kcSend(kcProducer(kc()), "err-one", 0, 2 << 20),
                rdSend(rdProducer(rd()), "err-one", 0, 2 << 20), true);
    }

    @Test
    void invalidPartition() throws Exception {
        check("produce to partition 5 of a 1-partition topic",
                kcSend(kcProducer(kc()), "err-one", 5, 10),
                rdSend(rdProducer(rd()), "err-one", 5, 10), true);
    }

    @Test
    void authorizationFailure() throws Exception {
        String password = broker.security().password(BrokerSecurity.ALICE);
        check("produce without WRITE permission (ACL)",
                kcSend(kcProducer(kcSasl(password)), "err-denied", 0, 10),
                rdSend(rdProducer(rdSasl(password)), "err-denied", 0, 10), true);
    }

    @Test
    void wrongSaslPassword() throws Exception {
        check("wrong SASL/SCRAM password (admin call)",
                kcDescribeCluster(kcSasl("not-the-password")),
                rdDescribeCluster(rdSasl("not-the-password")), true);
    }

    @Test
    void tlsWithUnknownCa() throws Exception {
        TestCa other = TestCa.create("some other CA");
        String password = broker.security().password(BrokerSecurity.ALICE);
        Properties kcp = kcSasl(password);
        kcp.put("bootstrap.servers", broker.bootstrapServers(KafkaBroker.Listener.SASL_SSL));
        kcp.put("security.protocol", "SASL_SSL");
        kcp.put("ssl.truststore.type", "PEM");
        kcp.put("ssl.truststore.certificates", other.certificatePem());
        KafkaConfig rdc = rdSasl(password).bootstrapServers(broker.bootstrapServers(KafkaBroker.Listener.SASL_SSL))
                .set("security.protocol", "sasl_ssl").set("ssl.ca.pem", other.certificatePem());
        check("TLS server certificate from an unknown CA (admin call)", kcDescribeCluster(kcp), rdDescribeCluster(rdc), true);
    }
}
