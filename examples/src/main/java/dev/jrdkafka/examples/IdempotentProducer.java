package dev.jrdkafka.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An idempotent producer ({@code enable.idempotence=true}), and what happens when its guarantee
 * breaks.
 *
 * <p><b>The guarantee, per partition:</b> every record is written <em>exactly once</em> and
 * <em>in the order it was produced</em>, however often librdkafka retries (lost connections,
 * leader changes, timeouts). The broker knows the producer by its id and checks each batch's
 * sequence number, dropping duplicates and refusing gaps. librdkafka sets what this needs for
 * you: {@code acks=all}, unlimited retries within {@code message.timeout.ms}, at most 5
 * requests in flight per broker. It does <em>not</em> span partitions or producer instances
 * (a restarted producer gets a new id): that takes transactions, see
 * {@link TransactionalProducer}.
 *
 * <p><b>Fatal errors:</b> when librdkafka can no longer keep the guarantee (the broker's view of
 * the sequence disagrees with the producer's, the producer was fenced...), it raises a fatal
 * error: {@link ClientListener#onError} receives a {@link KafkaException} whose
 * {@link KafkaException#isFatal()} is true, the records in flight fail, and every later send
 * throws. The producer is then of no more use: close it, and create a new one if you go on.
 * On the embedded mock cluster this example provokes one by making the broker answer a
 * Produce request with OUT_OF_ORDER_SEQUENCE_NUMBER.
 *
 * <p>Usage: {@code IdempotentProducer [bootstrap.servers]}; without servers it starts an
 * embedded mock cluster. Exits 1 if a record of the first part was not delivered in order.
 */
public final class IdempotentProducer {
    private static final String TOPIC = "jrdkafka-example-idempotent";
    private static final int PARTITION = 0;
    private static final int RECORDS = 10;

    private IdempotentProducer() {}

    public static void main(String[] args) throws InterruptedException {
        try (MockCluster mock = args.length == 0 ? MockCluster.start(3) : null) {
            String bootstrap = mock != null ? mock.bootstrapServers() : args[0];
            if (mock != null) System.out.println("no bootstrap servers given: using an embedded mock cluster at " + bootstrap);

            KafkaConfig config = KafkaConfig.create()
                    .bootstrapServers(bootstrap)
                    .clientId("idempotent-example")
                    .enableIdempotence(true)
                    .lingerMs(5);

            // Client-level errors arrive here, on the producer's poller thread. Transient ones
            // (a broker going away) are retried by librdkafka; fatal ones end the producer.
            AtomicReference<KafkaException> fatalError = new AtomicReference<>();
            CountDownLatch fatalSeen = new CountDownLatch(1);
            ClientListener listener = new ClientListener() {
                @Override
                public void onError(KafkaException error) {
                    if (error.isFatal()) {
                        fatalError.set(error);
                        fatalSeen.countDown();
                    } else {
                        System.out.println("client error (librdkafka retries): " + error.getMessage());
                    }
                }
            };

            List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failed = new AtomicInteger();
            boolean fatalShown = false;

            try (Producer producer = Producer.create(config, ProducerOptions.defaults().withListener(listener))) {
                // 1. In order, to one partition. Delivery reports of one partition come back
                //    in the order the records were produced.
                for (int i = 0; i < RECORDS; i++) {
                    int n = i;
                    ProducerRecord record = new ProducerRecord(TOPIC, PARTITION, null, ("record " + i).getBytes(UTF_8), 0, null);
                    producer.send(record, (metadata, error) -> {
                        if (error == null) {
                            offsets.add(metadata.offset());
                        } else {
                            failed.incrementAndGet();
                            System.err.println("record " + n + " failed: " + error.getMessage());
                        }
                    });
                }
                producer.flush(Duration.ofSeconds(30));
                System.out.println("records 0.." + (RECORDS - 1) + " -> " + TOPIC + "-" + PARTITION + " at offsets " + offsets);
                if (!isConsecutive(offsets)) {
                    System.err.println("offsets are not consecutive and increasing");
                    failed.incrementAndGet();
                }

                // 2. A fatal error (mock cluster only: a real broker will not misbehave on request).
                if (mock != null) {
                    fatalShown = provokeFatalError(mock, producer, fatalSeen, fatalError);
                } else {
                    System.out.println("(the fatal-error demonstration needs the embedded mock cluster: skipped)");
                    fatalShown = true;
                }
            } // close() after a fatal error: the records left fail with the fatal error

            System.out.println("done: " + offsets.size() + " delivered, " + failed.get() + " failed");
            if (failed.get() > 0 || !fatalShown) System.exit(1);
        }
    }

    /** Makes the broker report a sequence desynchronization, and shows how the producer reports it. */
    private static boolean provokeFatalError(MockCluster mock, Producer producer, CountDownLatch fatalSeen,
                                             AtomicReference<KafkaException> fatalError) throws InterruptedException {
        System.out.println("mock cluster: the next Produce request will fail with OUT_OF_ORDER_SEQUENCE_NUMBER");
        mock.pushRequestErrors(ApiKey.PRODUCE, KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER);

        CountDownLatch reported = new CountDownLatch(1);
        producer.send(new ProducerRecord(TOPIC, PARTITION, null, "one more".getBytes(UTF_8), 0, null), (metadata, error) -> {
            // The record's own error; that the producer is finished is told by onError.
            System.out.println("delivery report: " + (error == null ? "delivered at " + metadata : "failed with " + error.error()));
            reported.countDown();
        });
        if (!fatalSeen.await(10, TimeUnit.SECONDS) || !reported.await(10, TimeUnit.SECONDS)) {
            System.err.println("expected a fatal error and a failed delivery report");
            return false;
        }
        System.out.println("ClientListener.onError: " + fatalError.get().getMessage());

        // From now on the producer refuses to produce, with the same fatal error.
        try {
            producer.send(new ProducerRecord(TOPIC, PARTITION, null, "too late".getBytes(UTF_8), 0, null), (m, e) -> {});
            System.err.println("send after a fatal error was accepted");
            return false;
        } catch (KafkaException e) {
            System.out.println("send after the fatal error throws " + e.error() + ", isFatal()=" + e.isFatal());
        }
        System.out.println("closing the producer: a fatal error cannot be recovered from");
        return true;
    }

    private static boolean isConsecutive(List<Long> offsets) {
        if (offsets.size() != RECORDS) return false;
        for (int i = 1; i < offsets.size(); i++) {
            if (offsets.get(i) != offsets.get(i - 1) + 1) return false;
        }
        return true;
    }
}
