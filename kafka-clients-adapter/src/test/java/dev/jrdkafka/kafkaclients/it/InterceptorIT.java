package dev.jrdkafka.kafkaclients.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.kafkaclients.JrdkafkaConsumer;
import dev.jrdkafka.kafkaclients.JrdkafkaProducer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** ProducerInterceptor and ConsumerInterceptor from interceptor.classes, called as kafka-clients calls them. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(60)
class InterceptorIT {
    static final AtomicInteger ACKS = new AtomicInteger();
    static final AtomicInteger CONSUMED = new AtomicInteger();
    static final AtomicInteger COMMITS = new AtomicInteger();

    /** Adds a header to every record; counts acknowledgements. */
    public static final class Stamp implements ProducerInterceptor<String, String> {
        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            record.headers().add("stamped", "yes".getBytes(StandardCharsets.UTF_8));
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            if (exception == null) ACKS.incrementAndGet();
        }

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }

    /** Counts what the consumer hands out and commits. */
    public static final class Count implements ConsumerInterceptor<String, String> {
        @Override
        public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
            CONSUMED.addAndGet(records.count());
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            COMMITS.incrementAndGet();
        }

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }

    @Test
    void interceptorsSeeSendsAcksConsumesAndCommits(KafkaBroker broker) {
        broker.createTopic("adapter-interceptors", 1);
        Map<String, Object> pc = Configs.producer(broker);
        pc.put("interceptor.classes", Stamp.class.getName());
        try (Producer<String, String> p = new JrdkafkaProducer<>(pc)) {
            for (int i = 0; i < 20; i++) p.send(new ProducerRecord<>("adapter-interceptors", "k" + i, "v"));
            p.flush();
        }
        assertEquals(20, ACKS.get());
        Map<String, Object> cc = Configs.consumer(broker, "adapter-interceptors");
        cc.put("interceptor.classes", List.of(Count.class));
        cc.put("enable.auto.commit", false);
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (Consumer<String, String> c = new JrdkafkaConsumer<>(cc)) {
            c.subscribe(List.of("adapter-interceptors"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got.size() < 20 && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(got::add);
            c.commitSync();
        }
        assertEquals(20, got.size());
        assertTrue(got.stream().allMatch(r -> r.headers().lastHeader("stamped") != null), "header added by onSend");
        assertEquals(20, CONSUMED.get());
        assertEquals(1, COMMITS.get());
    }
}
