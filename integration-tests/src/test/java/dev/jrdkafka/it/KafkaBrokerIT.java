package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.Watermarks;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The testkit's own promises, checked with librdkafka as the client. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(90)
class KafkaBrokerIT {
    @Test
    void servesOnLoopbackAndCreatesTopicsOnce(KafkaBroker broker) {
        assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"), broker.bootstrapServers());
        assertTrue(broker.isAlive());
        broker.createTopic("kit-topic", 3);
        Clients.produce(broker, "kit-topic", 3, 30, i -> 0);
        assertEquals(30, Clients.readAll(broker, List.of(new TopicPartition("kit-topic", 0), new TopicPartition("kit-topic", 1),
                new TopicPartition("kit-topic", 2)), "read_uncommitted").size());
        var e = assertThrows(IllegalStateException.class, () -> broker.createTopic("kit-topic", 3));
        assertTrue(e.getMessage().contains("error code 36"), "TOPIC_ALREADY_EXISTS: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> broker.createTopic("kit-none", 0));
    }

    @Test
    void closeStopsItsOwnProcessAndDeletesItsDirectory(KafkaBroker shared) throws Exception {
        KafkaBroker broker = KafkaBroker.start(); // a second one, to close
        long pid = broker.pid();
        Path dir = broker.directory();
        int port = broker.port();
        broker.createTopic("kit-close", 1);
        Clients.produce(broker, "kit-close", 1, 3, i -> 0);
        try (Consumer c = Consumer.create(Clients.consumer(broker, null, "read_committed"))) {
            assertEquals(new Watermarks(0, 3), c.watermarks(new TopicPartition("kit-close", 0), Duration.ofSeconds(10)),
                    "a working broker of its own");
        }
        assertTrue(Files.isDirectory(dir));
        broker.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " is gone");
        assertFalse(Files.exists(dir), dir + " deleted");
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, s.getLocalPort(), "its port is free again");
        }
        broker.close(); // idempotent
        assertTrue(shared.isAlive(), "the shared broker is untouched");
    }
}
