package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.testkit.KafkaBroker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The testkit's stop and restart (used by SoakIT): the broker comes back on the same port
 * with its data, after a crash (SIGKILL) as after a clean stop. Its own broker, not the
 * shared one.
 */
@Timeout(180)
class KafkaBrokerRestartIT {
    static final List<TopicPartition> P0 = List.of(new TopicPartition("restart", 0));

    @Test
    void aStoppedBrokerRestartsOnItsPortWithItsData() {
        try (KafkaBroker broker = KafkaBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            long firstPid = broker.pid();
            broker.createTopic("restart", 1);
            Clients.produce(broker, "restart", 1, 10, i -> 0);
            assertThrows(IllegalStateException.class, () -> broker.restart(Duration.ofSeconds(60)), "refused while running");

            broker.stop(Duration.ZERO); // a crash
            assertFalse(broker.isAlive());
            broker.restart(Duration.ofSeconds(90));
            assertTrue(broker.isAlive());
            assertNotEquals(firstPid, broker.pid());
            assertEquals(bootstrap, broker.bootstrapServers());
            Clients.produce(broker, "restart", 1, 10, i -> 0);
            assertEquals(20, readAll(broker), "the data from before the crash too");

            broker.stop(Duration.ofSeconds(20)); // a clean stop
            broker.restart(Duration.ofSeconds(90));
            assertEquals(20, readAll(broker));
        }
    }

    /**
     * The partition from the beginning to its end. Not Clients.readAll: that one starts at the
     * committed offset, and right after a restart the group coordinator may still be loading
     * (NOT_COORDINATOR); a fixed start offset needs no coordinator.
     */
    private static int readAll(KafkaBroker broker) {
        Set<TopicPartition> atEnd = new HashSet<>();
        ConsumerOptions options = ConsumerOptions.defaults().withPartitionEofListener((c, tp, offset) -> atEnd.add(tp));
        try (Consumer c = Consumer.create(Clients.consumer(broker, null, "read_uncommitted").set("enable.partition.eof", true),
                options)) {
            c.assign(Map.of(P0.getFirst(), Consumer.OFFSET_BEGINNING));
            return Clients.pollUntil(c, Duration.ofSeconds(60), "reading " + P0 + " to the end", () -> atEnd.containsAll(P0)).size();
        }
    }
}
