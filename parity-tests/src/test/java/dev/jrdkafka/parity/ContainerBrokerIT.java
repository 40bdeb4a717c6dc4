package dev.jrdkafka.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Testcontainers provider: with a Docker engine, a record goes from jrdkafka to
 * kafka-clients and back through a container broker; without one (these machines, CI) the
 * test is skipped with the reason {@link ContainerKafka#whyUnavailable()} gives.
 */
@Timeout(300)
class ContainerBrokerIT {
    @Test
    void roundTripThroughAContainerBroker() throws Exception {
        Optional<String> why = ContainerKafka.whyUnavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "Testcontainers provider skipped: " + why.orElse(""));
        try (ContainerKafka kafka = ContainerKafka.start()) {
            byte[] value = "through a container".getBytes(StandardCharsets.UTF_8);
            try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(kafka.bootstrapServers()))) {
                p.send(new ProducerRecord("tc", 0, null, value)).get(60, TimeUnit.SECONDS);
            }
            Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
            props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
            props.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            props.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
                var tp = new org.apache.kafka.common.TopicPartition("tc", 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                var records = c.poll(Duration.ofSeconds(30));
                assertEquals(1, records.count());
                assertArrayEquals(value, records.iterator().next().value());
            }
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props)) {
                p.send(new org.apache.kafka.clients.producer.ProducerRecord<>("tc", 0, null, value)).get(60, TimeUnit.SECONDS);
            }
            try (Consumer c = Consumer.create(KafkaConfig.create().bootstrapServers(kafka.bootstrapServers()))) {
                c.assign(Map.of(new TopicPartition("tc", 0), 1L));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                ConsumerRecord r = null;
                while (r == null && System.nanoTime() - deadline < 0) r = c.poll(Duration.ofMillis(100));
                assertArrayEquals(value, r == null ? null : r.value());
            }
        }
    }
}
