package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.mock.MockCluster;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When every broker connection is down the client's listener hears {@code _ALL_BROKERS_DOWN}
 * (not fatal), and the client recovers once a broker is back. librdkafka up to 2.14.x built
 * with CMake, as jrdkafka's native build is, never raised it (its atomic setters returned the
 * new value instead of the old one; fixed in 2.15.0, librdkafka #5282).
 */
class ProducerAllBrokersDownTest {
    @Test
    void theListenerHearsAllBrokersDownAndTheProducerRecovers() throws Exception {
        try (MockCluster cluster = MockCluster.start(2)) {
            cluster.createTopic("down", 1, 1);
            List<KafkaException> errors = new CopyOnWriteArrayList<>();
            try (Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()),
                    ProducerOptions.defaults().withListener(ClientListener.onError(errors::add)))) {
                producer.send(new ProducerRecord("down", 0, null, new byte[1])).get(30, TimeUnit.SECONDS);

                cluster.setAllBrokersDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!allBrokersDown(errors) && System.nanoTime() < deadline) Thread.sleep(20);
                assertTrue(allBrokersDown(errors), "errors reported: " + errors);
                assertFalse(errors.stream().anyMatch(KafkaException::isFatal), "errors reported: " + errors);

                cluster.setAllBrokersUp();
                producer.send(new ProducerRecord("down", 0, null, new byte[1])).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean allBrokersDown(List<KafkaException> errors) {
        return errors.stream().anyMatch(e -> e.error() == KafkaError._ALL_BROKERS_DOWN);
    }
}
