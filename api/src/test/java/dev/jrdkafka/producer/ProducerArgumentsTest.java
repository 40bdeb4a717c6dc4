package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.Header;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Arguments C would misread are refused in Java with a message that names them. */
@Timeout(60)
class ProducerArgumentsTest {

    @Test
    void namesWithNulOrEmptyTopicsAreRefusedNotCut() {
        try (MockCluster cluster = MockCluster.start(1);
             Producer p = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()))) {
            IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                    () -> p.produce("orders\0other", 0, null, new byte[1]));
            assertTrue(nul.getMessage().contains("NUL"), nul.getMessage());
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> p.produce("", 0, null, new byte[1]));
            assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
            IllegalArgumentException header = assertThrows(IllegalArgumentException.class, () -> p.send(new ProducerRecord("t",
                    ProducerRecord.UNASSIGNED, null, new byte[1], 0, List.of(new Header("k\0ey", null))), (m, e) -> { }));
            assertTrue(header.getMessage().contains("NUL"), header.getMessage());
            p.flush(Duration.ofSeconds(10)); // a refused send left no pending callback behind
        }
    }

    @Test
    void hugeTimeoutsMeanNoBoundAndNegativeOnesAreRefused() {
        try (MockCluster cluster = MockCluster.start(1);
             Producer p = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()))) {
            p.flush(Duration.ofMillis(Long.MAX_VALUE)); // nothing outstanding: returns at once
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> p.flush(Duration.ofSeconds(-1)));
            assertTrue(negative.getMessage().contains("timeout must be >= 0"), negative.getMessage());
            p.close(Duration.ofMillis(Long.MAX_VALUE));
        }
    }

    @Test
    void anEmptyGroupIdIsRefusedBeforeSendingOffsets() {
        try (MockCluster cluster = MockCluster.start(1);
             Producer p = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.sendOffsetsToTransaction(
                    Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(1)), ConsumerGroupMetadata.forGroup(""),
                    Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("group id is empty"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new OffsetAndMetadata(-5));
        }
    }
}
