package dev.jrdkafka.misuse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.Header;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.admin.AdminOptions;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null element in a collection argument used to surface as {@code List.copyOf}'s
 * NullPointerException without a message. Expected: a NullPointerException whose message
 * names the argument (and the element's index), thrown before anything is done.
 */
class NullElementsTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private static <T> List<T> withNull(T first) {
        return new ArrayList<>(Arrays.asList(first, null)); // List.of refuses nulls itself
    }

    private static <K, V> Map<K, V> nullKey(V value) {
        Map<K, V> m = new HashMap<>();
        m.put(null, value);
        return m;
    }

    @Test
    void consumerListsNameTheArgument() {
        try (MockCluster cluster = MockCluster.start(1);
             Consumer c = Consumer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                     .groupId("g").set("log_level", 3L))) {
            List<String> wrong = new ArrayList<>();
            expect(wrong, "subscribe", "topics contains null (element 1)", () -> c.subscribe(withNull("t")));
            expect(wrong, "assign", "partitions contains null (element 1)", () -> c.assign(withNull(TP)));
            expect(wrong, "incrementalAssign", "partitions contains null (element 1)", () -> c.incrementalAssign(withNull(TP)));
            expect(wrong, "incrementalUnassign", "partitions contains null (element 1)", () -> c.incrementalUnassign(withNull(TP)));
            expect(wrong, "pause", "partitions contains null (element 1)", () -> c.pause(withNull(TP)));
            expect(wrong, "resume", "partitions contains null (element 1)", () -> c.resume(withNull(TP)));
            expect(wrong, "committed", "partitions contains null (element 1)",
                    () -> c.committed(withNull(TP), Duration.ofSeconds(1)));
            expect(wrong, "assign(Map)", "startOffsets contains a null partition", () -> c.assign(nullKey(0L)));
            expect(wrong, "seek", "offsets contains a null partition", () -> c.seek(nullKey(0L), Duration.ofSeconds(1)));
            expect(wrong, "offsetsForTimes", "timestamps contains a null partition",
                    () -> c.offsetsForTimes(nullKey(0L), Duration.ofSeconds(1)));
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        }
    }

    @Test
    void adminCollectionsNameTheArgument() {
        try (MockCluster cluster = MockCluster.start(1);
             Admin admin = Admin.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).set("log_level", 3L))) {
            List<String> wrong = new ArrayList<>();
            expect(wrong, "createTopics", "createTopics: topics contains null (element 1)",
                    () -> admin.createTopics(withNull(new NewTopic("a", 1, 1))));
            expect(wrong, "deleteTopics", "deleteTopics: topics contains null (element 1)", () -> admin.deleteTopics(withNull("a")));
            expect(wrong, "describeTopics", "describeTopics: topics contains null (element 1)",
                    () -> admin.describeTopics(withNull("a")));
            expect(wrong, "describeConsumerGroups", "describeConsumerGroups: groupIds contains null (element 1)",
                    () -> admin.describeConsumerGroups(withNull("g")));
            expect(wrong, "deleteConsumerGroups", "deleteConsumerGroups: groupIds contains null (element 1)",
                    () -> admin.deleteConsumerGroups(withNull("g")));
            expect(wrong, "listConsumerGroupOffsets", "listConsumerGroupOffsets: groupIds contains null (element 1)",
                    () -> admin.listConsumerGroupOffsets(withNull("g")));
            expect(wrong, "consumerGroupLag", "consumerGroupLag: groupIds contains null (element 1)",
                    () -> admin.consumerGroupLag(withNull("g")));
            expect(wrong, "deleteConsumerGroupOffsets", "null", () -> admin.deleteConsumerGroupOffsets("g", withNull(TP)));
            expect(wrong, "electLeaders", "null",
                    () -> admin.electLeaders(dev.jrdkafka.cluster.ElectionType.PREFERRED, withNull(TP)));
            expect(wrong, "AdminOptions.withMatchGroupStates", "matchGroupStates contains null",
                    () -> AdminOptions.defaults().withMatchGroupStates(new java.util.HashSet<>(Arrays.asList((dev.jrdkafka.cluster.GroupState) null))));
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        }
    }

    @Test
    void producerRecordHeaders() {
        List<String> wrong = new ArrayList<>();
        expect(wrong, "ProducerRecord headers", "headers contains null (element 1)",
                () -> new ProducerRecord("t", 0, null, null, 0, withNull(new Header("h", null))));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static void expect(List<String> wrong, String what, String message, Executable call) {
        try {
            call.execute();
            wrong.add(what + ": accepted");
        } catch (NullPointerException e) {
            if (e.getMessage() == null || !e.getMessage().contains(message)) {
                wrong.add(what + ": NullPointerException with message " + e.getMessage() + ", expected it to contain '" + message + "'");
            }
        } catch (Throwable t) {
            wrong.add(what + ": " + t);
        }
    }
}
