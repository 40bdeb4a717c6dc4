package dev.jrdkafka.kafkaclients.it;

import dev.jrdkafka.testkit.KafkaBroker;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** kafka-clients configurations for the ITs, written as an application would. */
final class Configs {
    private Configs() {}

    static Map<String, Object> producer(KafkaBroker broker) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("key.serializer", StringSerializer.class);
        c.put("value.serializer", StringSerializer.class);
        c.put("acks", "all");
        c.put("linger.ms", 5);
        c.put("statistics.interval.ms", 200);
        return c;
    }

    static Map<String, Object> consumer(KafkaBroker broker, String group) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("group.id", group);
        c.put("key.deserializer", StringDeserializer.class);
        c.put("value.deserializer", StringDeserializer.class);
        c.put("auto.offset.reset", "earliest");
        c.put("statistics.interval.ms", 200);
        return c;
    }
}
