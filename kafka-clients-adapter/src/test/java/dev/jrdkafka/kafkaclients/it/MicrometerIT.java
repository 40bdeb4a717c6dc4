package dev.jrdkafka.kafkaclients.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.kafkaclients.JrdkafkaConsumer;
import dev.jrdkafka.kafkaclients.JrdkafkaProducer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Micrometer's KafkaClientMetrics bound to the adapter reports librdkafka's statistics as non-zero meters. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class MicrometerIT {
    @Test
    void producerAndConsumerMetersAreNonZero(KafkaBroker broker) throws Exception {
        broker.createTopic("adapter-metrics", 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Producer<String, String> producer = new JrdkafkaProducer<>(Configs.producer(broker));
             KafkaClientMetrics bound = new KafkaClientMetrics(producer)) {
            bound.bindTo(registry);
            for (int i = 0; i < 1000; i++) producer.send(new ProducerRecord<>("adapter-metrics", "k" + i, "v" + i));
            producer.flush();
            Thread.sleep(600); // two statistics intervals (200 ms in Configs)
            double sent = registry.get("kafka.producer.record.send.total").functionCounter().count();
            assertTrue(sent >= 1000, "record.send.total " + sent);
            double latency = registry.get("kafka.producer.request.latency.avg").gauge().value();
            assertTrue(latency > 0, "request.latency.avg " + latency);
            double bytes = registry.get("kafka.producer.outgoing.byte.total").functionCounter().count();
            assertTrue(bytes > 5_000, "outgoing.byte.total " + bytes);
        }
        try (Consumer<String, String> consumer = new JrdkafkaConsumer<>(Configs.consumer(broker, "adapter-metrics"));
             KafkaClientMetrics bound = new KafkaClientMetrics(consumer)) {
            bound.bindTo(registry);
            consumer.subscribe(List.of("adapter-metrics"));
            int got = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got < 1000 && System.nanoTime() < deadline) got += consumer.poll(Duration.ofMillis(200)).count();
            Thread.sleep(600);
            consumer.poll(Duration.ofMillis(100));
            FunctionCounter consumed = registry.get("kafka.consumer.fetch.manager.records.consumed.total").functionCounter();
            assertTrue(consumed.count() >= 1000, "records.consumed.total " + consumed.count());
            Gauge lag = registry.get("kafka.consumer.fetch.manager.records.lag.max").gauge();
            assertTrue(lag.value() >= 0, "records.lag.max " + lag.value());
        }
    }
}
