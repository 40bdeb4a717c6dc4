package dev.jrdkafka.kafkaclients.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.kafkaclients.JrdkafkaConsumer;
import dev.jrdkafka.kafkaclients.JrdkafkaProducer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Consumer calls beyond the round trip: pause/resume, offsetsForTimes, pattern subscriptions, lost partitions. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(60)
class ConsumerFeaturesIT {
    static final Duration T = Duration.ofSeconds(30);

    private static void produce(KafkaBroker broker, List<ProducerRecord<String, String>> records) throws Exception {
        try (Producer<String, String> p = new JrdkafkaProducer<>(Configs.producer(broker))) {
            for (var r : records) p.send(r).get();
        }
    }

    private static List<ConsumerRecord<String, String>> pollUntil(Consumer<String, String> c, int count) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + T.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(out::add);
        return out;
    }

    @Test
    void pauseStopsFetchingUntilResume(KafkaBroker broker) throws Exception {
        broker.createTopic("adapter-pause", 1);
        TopicPartition p0 = new TopicPartition("adapter-pause", 0);
        try (Consumer<String, String> c = new JrdkafkaConsumer<>(Configs.consumer(broker, "adapter-pause-group"))) {
            c.assign(List.of(p0));
            c.pause(List.of(p0));
            assertEquals(Set.of(p0), c.paused());
            produce(broker, List.of(new ProducerRecord<>("adapter-pause", 0, "k", "a"), new ProducerRecord<>("adapter-pause", 0, "k", "b")));
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) assertTrue(c.poll(Duration.ofMillis(200)).isEmpty(), "a paused partition returns nothing");
            c.resume(List.of(p0));
            assertTrue(c.paused().isEmpty());
            assertEquals(List.of("a", "b"), pollUntil(c, 2).stream().map(ConsumerRecord::value).toList());
        }
    }

    @Test
    void offsetsForTimesFindsTheFirstRecordAtOrAfterEachTimestamp(KafkaBroker broker) throws Exception {
        broker.createTopic("adapter-times", 1);
        TopicPartition p0 = new TopicPartition("adapter-times", 0);
        long base = System.currentTimeMillis() - 60_000;
        produce(broker, List.of(new ProducerRecord<>("adapter-times", 0, base, "k", "a"),
                new ProducerRecord<>("adapter-times", 0, base + 1000, "k", "b"),
                new ProducerRecord<>("adapter-times", 0, base + 2000, "k", "c")));
        try (Consumer<String, String> c = new JrdkafkaConsumer<>(Configs.consumer(broker, "adapter-times-group"))) {
            OffsetAndTimestamp at = c.offsetsForTimes(Map.of(p0, base + 500)).get(p0);
            assertEquals(1, at.offset());
            assertEquals(base + 1000, at.timestamp(), "the found record's timestamp");
            assertTrue(at.leaderEpoch().isPresent());
            assertEquals(new OffsetAndTimestamp(2, base + 2000, at.leaderEpoch()), c.offsetsForTimes(Map.of(p0, base + 2000)).get(p0));
            assertNull(c.offsetsForTimes(Map.of(p0, base + 5000)).get(p0), "no record that late: null, as kafka-clients");
        }
    }

    @Test
    void subscribePatternReceivesEveryMatchingTopic(KafkaBroker broker) throws Exception {
        broker.createTopic("adapter-pat-a", 1);
        broker.createTopic("adapter-pat-b", 1);
        broker.createTopic("adapter-nopat", 1);
        produce(broker, List.of(new ProducerRecord<>("adapter-pat-a", "k", "a"), new ProducerRecord<>("adapter-pat-b", "k", "b"),
                new ProducerRecord<>("adapter-nopat", "k", "x")));
        try (Consumer<String, String> c = new JrdkafkaConsumer<>(Configs.consumer(broker, "adapter-pat-group"))) {
            c.subscribe(Pattern.compile("adapter-pat-.*"));
            Set<String> values = new HashSet<>();
            for (var r : pollUntil(c, 2)) values.add(r.value());
            assertEquals(Set.of("a", "b"), values);
            Set<String> topics = new HashSet<>();
            for (TopicPartition tp : c.assignment()) topics.add(tp.topic());
            assertEquals(Set.of("adapter-pat-a", "adapter-pat-b"), topics);
        }
    }

    /**
     * A member that does not poll within max.poll.interval.ms is removed from the group by
     * librdkafka; its next poll reports the partitions lost (not revoked), as kafka-clients does.
     * librdkafka needs max.poll.interval.ms >= session.timeout.ms, whose broker minimum is 6 s.
     */
    @Test
    void partitionsAreLostWhenTheMemberExceedsMaxPollInterval(KafkaBroker broker) throws Exception {
        broker.createTopic("adapter-lost", 1);
        Map<String, Object> cc = Configs.consumer(broker, "adapter-lost-group");
        cc.put("session.timeout.ms", 6000);
        cc.put("heartbeat.interval.ms", 1000);
        cc.put("max.poll.interval.ms", 6000);
        List<String> events = new CopyOnWriteArrayList<>();
        try (Consumer<String, String> c = new JrdkafkaConsumer<>(cc)) {
            c.subscribe(List.of("adapter-lost"), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) events.add("revoked" + partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) events.add("assigned" + partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    events.add("lost" + partitions);
                }
            });
            long deadline = System.nanoTime() + T.toNanos();
            while (c.assignment().isEmpty() && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200));
            assertEquals(List.of("assigned[adapter-lost-0]"), events);
            Thread.sleep(7500); // past max.poll.interval.ms without polling
            deadline = System.nanoTime() + T.toNanos();
            while (!events.contains("lost[adapter-lost-0]") && System.nanoTime() < deadline) {
                try {
                    c.poll(Duration.ofMillis(200));
                } catch (RuntimeException e) {
                    events.add("error " + e.getClass().getSimpleName());
                }
            }
            // Lost, never revoked: the member no longer owns the partitions, so it must not commit for them.
            assertEquals("lost[adapter-lost-0]", events.get(1), events.toString());
            assertTrue(events.stream().noneMatch(e -> e.startsWith("revoked") || e.startsWith("error")), events.toString());
        }
    }
}
