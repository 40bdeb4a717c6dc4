package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Arguments librdkafka would take silently, or C would misread, are refused clearly. */
@Timeout(60)
class ConsumerArgumentsTest {

    @Test
    void pausingAPartitionThatIsNotAssignedIsRefused() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("t", 2, 1);
            ConsumerTestSupport.produce(cluster, "t", 2, 300, 1_000);
            try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
                TopicPartition p0 = new TopicPartition("t", 0);
                TopicPartition p1 = new TopicPartition("t", 1);
                c.assign(List.of(p0));
                c.pause(List.of(p0));
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.pause(List.of(p1)));
                assertTrue(e.getMessage().contains("[t-1] not assigned"), e.getMessage());
                c.resume(List.of(p0));
                c.assign(List.of(p0, p1));
                assertEquals(300, ConsumerTestSupport.consume(c, 300, 30).size(), "p1 was never paused: both are read");
            }
        }
    }

    @Test
    void nullElementsAndNulCharactersAreRefusedWithTheirName() {
        try (MockCluster cluster = MockCluster.start(1);
             Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g"))) {
            assertThrows(NullPointerException.class, () -> c.subscribe(Arrays.asList("a", null)));
            assertThrows(NullPointerException.class, () -> c.assign(Arrays.asList(new TopicPartition("a", 0), null)));
            IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                    () -> c.assign(List.of(new TopicPartition("a\0b", 0))));
            assertTrue(nul.getMessage().contains("NUL"), nul.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.subscribe(List.of("")));
            assertEquals(List.of(), List.copyOf(c.assignment()), "still usable after the refusals");
            assertThrows(NullPointerException.class, () -> c.commitSync((Map<TopicPartition, dev.jrdkafka.OffsetAndMetadata>) null));
        }
    }
}
