package dev.jrdkafka.misuse;

import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import java.time.Duration;

/** Clusters and clients the cases start: quiet (librdkafka logs errors only), on 127.0.0.1. */
final class Fixtures {
    static final String TOPIC = "t";
    /** Nothing listens there: a cluster that is down. */
    static final String NO_BROKER = "127.0.0.1:1";

    private Fixtures() {}

    /** One broker, topic {@value #TOPIC} with 2 partitions, no rebalance delay. */
    static MockCluster cluster() {
        MockCluster c = MockCluster.start(1);
        c.createTopic(TOPIC, 2, 1);
        c.setGroupInitialRebalanceDelay(Duration.ZERO);
        return c;
    }

    static KafkaConfig config(String bootstrap) {
        return KafkaConfig.create().bootstrapServers(bootstrap).set("log_level", 3L);
    }

    static Producer producer(MockCluster cluster) {
        return Producer.create(config(cluster.bootstrapServers()));
    }

    static Producer producer(String bootstrap, ProducerOptions options) {
        return Producer.create(config(bootstrap), options);
    }

    static Consumer consumer(MockCluster cluster, ConsumerOptions options) {
        return Consumer.create(config(cluster.bootstrapServers()).groupId("g-" + System.nanoTime())
                .set("auto.offset.reset", "earliest"), options);
    }

    static Consumer consumer(MockCluster cluster) {
        return consumer(cluster, ConsumerOptions.defaults());
    }

    /** Produces {@code n} small records to partition 0 of {@value #TOPIC} and waits for them. */
    static void fill(MockCluster cluster, int n) {
        try (Producer p = producer(cluster)) {
            for (int i = 0; i < n; i++) p.produce(TOPIC, 0, null, new byte[] {(byte) i});
            p.flush(Duration.ofSeconds(10));
        }
    }
}
