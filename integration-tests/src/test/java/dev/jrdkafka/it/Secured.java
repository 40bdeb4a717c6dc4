package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.cluster.ClusterDescription;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.producer.RecordMetadata;
import dev.jrdkafka.testkit.BrokerSecurity;
import dev.jrdkafka.testkit.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Client configurations for the secured broker's listeners, and one produce-consume-admin round. */
final class Secured {
    private Secured() {}

    /** Bootstrap on {@code listener}; librdkafka warnings and errors only; the test CA trusted on TLS listeners. */
    static KafkaConfig config(KafkaBroker broker, KafkaBroker.Listener listener) {
        KafkaConfig c = KafkaConfig.create().bootstrapServers(broker.bootstrapServers(listener)).set("log_level", 4L)
                .set("security.protocol", listener.name().toLowerCase(java.util.Locale.ROOT));
        if (listener == KafkaBroker.Listener.SSL || listener == KafkaBroker.Listener.SASL_SSL) {
            c.set("ssl.ca.pem", broker.security().ca().certificatePem());
        }
        return c;
    }

    /** SASL PLAIN or SCRAM as {@code user} with its password. */
    static KafkaConfig sasl(KafkaBroker broker, KafkaBroker.Listener listener, String mechanism, String user) {
        return config(broker, listener).saslMechanism(mechanism).saslUsername(user)
                .saslPassword(broker.security().password(user));
    }

    /** mTLS with the kit's client certificate, as PEM strings. */
    static KafkaConfig mutualTls(KafkaBroker broker) {
        BrokerSecurity s = broker.security();
        return config(broker, KafkaBroker.Listener.SSL)
                .set("ssl.key.pem", s.clientCertificate().privateKeyPem())
                .set("ssl.certificate.pem", s.clientCertificate().certificateChainPem());
    }

    /**
     * Produces one record to a fresh topic, reads it back, and asks for the cluster's
     * description: one call of each client kind over {@code config}. Returns the topic.
     */
    static String roundTrip(KafkaBroker broker, KafkaConfig config, String name) throws Exception {
        String topic = "sec-" + name + "-" + System.nanoTime();
        broker.createTopic(topic, 1);
        try (Producer p = Producer.create(config.copy())) {
            RecordMetadata m = p.send(new ProducerRecord(topic, 0, null, Clients.bytes("hello " + name), 0, List.of()))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(0, m.offset());
        }
        try (Consumer c = Consumer.create(config.copy().set("auto.offset.reset", "earliest"))) {
            // From the beginning explicitly: no committed-offset fetch, whose coordinator on a
            // freshly started broker kept a CI run waiting past the 30 s below (NOT_COORDINATOR).
            c.assign(java.util.Map.of(new TopicPartition(topic, 0), Consumer.OFFSET_BEGINNING));
            ConsumerRecord r = Clients.pollOne(c, Duration.ofSeconds(30));
            assertEquals("hello " + name, Clients.text(r.value()));
        }
        try (Admin a = Admin.create(config.copy())) {
            ClusterDescription d = a.describeCluster().get(30, TimeUnit.SECONDS);
            assertTrue(d.nodes().size() == 1, d.toString());
        }
        return topic;
    }
}
