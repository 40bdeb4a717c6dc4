package dev.jrdkafka.examples;

import dev.jrdkafka.Header;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.Acks;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;

import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.producer.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends records and learns where each one landed, the two ways kafka-clients users know:
 * <ol>
 *   <li>{@code send(record, callback)}: the callback runs once per record, with its
 *       {@link RecordMetadata} or its error;</li>
 *   <li>{@code send(record)}: returns a {@link CompletableFuture} of the metadata.</li>
 * </ol>
 * Then {@code flush} waits for every outstanding record, and {@code close} (try-with-resources)
 * flushes once more and frees the client.
 *
 * <p>Usage: {@code ProducerWithDeliveryReports [bootstrap.servers]}; without servers it
 * starts an embedded mock cluster. Exits 1 if a record could not be delivered.
 */
public final class ProducerWithDeliveryReports {
    private static final String TOPIC = "jrdkafka-example-deliveries";

    private ProducerWithDeliveryReports() {}

    public static void main(String[] args) throws InterruptedException {
        // No Kafka at hand? librdkafka's mock cluster speaks the Kafka protocol in-process.
        // (try-with-resources skips a null resource, so this closes the mock only if we started it.)
        try (MockCluster mock = args.length == 0 ? MockCluster.start(3) : null) {
            String bootstrap = mock != null ? mock.bootstrapServers() : args[0];
            if (mock != null) System.out.println("no bootstrap servers given: using an embedded mock cluster at " + bootstrap);

            // librdkafka's own property names; most kafka-clients producer keys work as they are.
            KafkaConfig config = KafkaConfig.create()
                    .bootstrapServers(bootstrap)
                    .clientId("delivery-reports-example")
                    .acks(Acks.ALL)
                    .lingerMs(5);

            AtomicInteger delivered = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();

            try (Producer producer = Producer.create(config)) {
                // 1. With a callback. It runs on the producer's poller thread: keep it short.
                for (int i = 0; i < 5; i++) {
                    String key = "key-" + i;
                    ProducerRecord record = new ProducerRecord(TOPIC, key.getBytes(UTF_8), ("value " + i).getBytes(UTF_8));
                    producer.send(record, (metadata, error) -> {
                        if (error == null) {
                            delivered.incrementAndGet();
                            // The timestamp is the record's create time, or the broker's append time
                            // for topics with LogAppendTime (the mock cluster always reports 1234).
                            System.out.printf("callback: %s -> partition %d, offset %d, timestamp %d%n",
                                    key, metadata.partition(), metadata.offset(), metadata.timestamp());
                        } else {
                            failed.incrementAndGet();
                            System.err.println("callback: " + key + " failed: " + error.getMessage());
                        }
                    });
                }

                // 2. With futures; here to partition 0, with a header. send() throws at once for
                //    what librdkafka refuses right away (e.g. the queue stays full, unknown partition).
                List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    ProducerRecord record = new ProducerRecord(TOPIC, 0, ("future-key-" + i).getBytes(UTF_8),
                            ("future value " + i).getBytes(UTF_8), 0 /* now */,
                            List.of(new Header("example", "delivery-reports".getBytes(UTF_8))));
                    futures.add(producer.send(record));
                }
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        RecordMetadata metadata = futures.get(i).get(30, TimeUnit.SECONDS);
                        delivered.incrementAndGet();
                        System.out.println("future:   future-key-" + i + " -> " + metadata); // topic-partition@offset
                    } catch (ExecutionException e) {
                        failed.incrementAndGet();
                        KafkaException error = (KafkaException) e.getCause(); // delivery errors are KafkaExceptions
                        System.err.println("future:   future-key-" + i + " failed: " + error.error() + ": " + error.getMessage());
                    } catch (java.util.concurrent.TimeoutException e) {
                        failed.incrementAndGet();
                        System.err.println("future:   future-key-" + i + " not reported within 30 s");
                    }
                }

                // 3. flush: returns once every record sent so far is delivered or failed and its
                //    callback has run (throws a KafkaException with _TIMED_OUT otherwise).
                producer.flush(Duration.ofSeconds(30));
            } // close(): flushes what is left (30 s at most), then destroys the client

            System.out.println("done: " + delivered.get() + " delivered, " + failed.get() + " failed");
            if (failed.get() > 0) System.exit(1);
        }
    }
}
