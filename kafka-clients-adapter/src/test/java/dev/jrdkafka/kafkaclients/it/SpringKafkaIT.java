package dev.jrdkafka.kafkaclients.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.kafkaclients.JrdkafkaConsumer;
import dev.jrdkafka.kafkaclients.JrdkafkaProducer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Spring for Apache Kafka (no Spring Boot) over the adapter: its factories return
 * {@link JrdkafkaProducer}/{@link JrdkafkaConsumer}; a {@link KafkaTemplate} sends, a
 * {@link ConcurrentMessageListenerContainer} with two consumers and manual acknowledgements
 * receives; the two consumers split the partitions (a rebalance) and a failing record is
 * retried by Spring's {@link DefaultErrorHandler} (a seek back) until it succeeds.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class SpringKafkaIT {

    /** What an application writes to put jrdkafka behind Spring's producer factory. */
    static final class JrdkafkaProducerFactory<K, V> extends DefaultKafkaProducerFactory<K, V> {
        JrdkafkaProducerFactory(Map<String, Object> configs) {
            super(configs);
        }

        @Override
        protected Producer<K, V> createRawProducer(Map<String, Object> rawConfigs) {
            return new JrdkafkaProducer<>(rawConfigs);
        }
    }

    /** The same for the consumer factory. */
    static final class JrdkafkaConsumerFactory<K, V> extends DefaultKafkaConsumerFactory<K, V> {
        JrdkafkaConsumerFactory(Map<String, Object> configs) {
            super(configs);
        }

        @Override
        protected Consumer<K, V> createRawConsumer(Map<String, Object> configProps) {
            return new JrdkafkaConsumer<>(configProps);
        }
    }

    @Test
    void templateAndListenerContainerWithManualAcksRebalanceAndRetry(KafkaBroker broker) throws Exception {
        String topic = "adapter-spring";
        broker.createTopic(topic, 4);
        int n = 200;

        Map<String, Object> cc = Configs.consumer(broker, "adapter-spring-group");
        cc.put("enable.auto.commit", false);
        JrdkafkaConsumerFactory<String, String> cf = new JrdkafkaConsumerFactory<>(cc);
        ContainerProperties props = new ContainerProperties(topic);
        props.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger boomAttempts = new AtomicInteger();
        Map<String, Set<TopicPartition>> assignedByThread = new ConcurrentHashMap<>();
        props.setMessageListener((AcknowledgingMessageListener<String, String>) (record, ack) -> {
            if (record.key().equals("boom") && boomAttempts.incrementAndGet() < 3) {
                throw new IllegalStateException("fails twice, then succeeds");
            }
            received.add(record.key());
            ack.acknowledge();
        });
        props.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                assignedByThread.computeIfAbsent(Thread.currentThread().getName(), t -> ConcurrentHashMap.newKeySet())
                        .addAll(partitions);
            }

            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                Set<TopicPartition> mine = assignedByThread.get(Thread.currentThread().getName());
                if (mine != null) mine.removeAll(partitions);
            }
        });
        ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(cf, props);
        container.setConcurrency(2);
        container.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(50, 5)));
        container.start();
        try {
            JrdkafkaProducerFactory<String, String> pf = new JrdkafkaProducerFactory<>(Configs.producer(broker));
            KafkaTemplate<String, String> template = new KafkaTemplate<>(pf);
            try {
                for (int i = 0; i < n; i++) template.send(topic, "k" + i, "v" + i);
                template.send(topic, "boom", "b").get(30, TimeUnit.SECONDS);
                template.flush();
            } finally {
                pf.destroy();
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < n + 1 && System.nanoTime() < deadline) Thread.sleep(100);
            assertEquals(n + 1, received.size());
            assertEquals(3, boomAttempts.get(), "retried by the error handler until it succeeded");

            // the two consumers split the 4 partitions
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // the second consumer may join after the first took all partitions: wait for that rebalance
            while (System.nanoTime() < deadline && (container.getAssignedPartitions().size() != 4
                    || assignedByThread.values().stream().filter(s -> !s.isEmpty()).count() != 2)) {
                Thread.sleep(100);
            }
            Set<TopicPartition> all = new HashSet<>(container.getAssignedPartitions());
            assertEquals(4, all.size());
            long withPartitions = assignedByThread.values().stream().filter(s -> !s.isEmpty()).count();
            assertEquals(2, withPartitions, assignedByThread.toString());

            // manual acks were committed: the group's offsets reach the end of every partition
            try (Consumer<String, String> check = cf.createConsumer("adapter-spring-group", "check")) {
                Set<TopicPartition> tps = new HashSet<>();
                for (int p = 0; p < 4; p++) tps.add(new TopicPartition(topic, p));
                Map<TopicPartition, Long> end = check.endOffsets(tps);
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                Map<TopicPartition, OffsetAndMetadata> committed = check.committed(tps);
                while (System.nanoTime() < deadline && !allAt(committed, end)) {
                    Thread.sleep(200);
                    committed = check.committed(tps);
                }
                assertTrue(allAt(committed, end), committed + " vs " + end);
            }
        } finally {
            container.stop();
        }
    }

    private static boolean allAt(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (e.getValue() > 0 && (c == null || c.offset() != e.getValue())) return false;
        }
        return true;
    }

}
