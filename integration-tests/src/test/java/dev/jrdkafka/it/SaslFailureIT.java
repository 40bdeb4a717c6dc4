package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.BrokerSecurity;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.SecuredBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wrong SASL credentials: refused fast and typed, reported to the listener within seconds,
 * with a bounded number of connection attempts; and credentials rotated on a live client of
 * each kind ({@code setSaslCredentials}) let it in.
 */
@ExtendWith(SecuredBrokerExtension.class)
@Timeout(120)
class SaslFailureIT {
    static KafkaConfig wrongPassword(KafkaBroker broker) {
        return Secured.config(broker, KafkaBroker.Listener.SASL_PLAINTEXT).saslMechanism("SCRAM-SHA-256")
                .saslUsername(BrokerSecurity.ALICE).saslPassword("not-the-password")
                .set("reconnect.backoff.max.ms", 1000L);
    }

    static boolean isAuthFailure(KafkaException e) {
        return e.error() == KafkaError._AUTHENTICATION || e.error() == KafkaError.SASL_AUTHENTICATION_FAILED;
    }

    @Test
    void wrongPasswordFailsFastWithoutReconnectStorm(KafkaBroker broker) throws Exception {
        AtomicLong firstErrorNanos = new AtomicLong();
        AtomicReference<KafkaException> firstError = new AtomicReference<>();
        AtomicReference<String> lastStats = new AtomicReference<>();
        ClientListener listener = new ClientListener() {
            @Override
            public void onError(KafkaException error) {
                if (firstError.compareAndSet(null, error)) firstErrorNanos.set(System.nanoTime());
            }

            @Override
            public void onStats(String json) {
                lastStats.set(json);
            }
        };
        long start = System.nanoTime();
        // default reconnect backoff (100 ms doubling to 10 s): what users get
        KafkaConfig c = wrongPassword(broker).remove("reconnect.backoff.max.ms").statisticsIntervalMs(500);
        try (Admin a = Admin.create(c, listener)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> a.describeCluster().get(30, TimeUnit.SECONDS));
            long callMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            KafkaException k = (KafkaException) e.getCause();
            assertTrue(isAuthFailure(k), k.toString());
            assertTrue(k.getMessage().contains("Authentication failed"), k.getMessage());
            assertTrue(callMs < 10_000, "the call failed after " + callMs + " ms");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (firstError.get() == null && System.nanoTime() - deadline < 0) Thread.sleep(20);
            assertTrue(firstError.get() != null && isAuthFailure(firstError.get()), "listener: " + firstError.get());
            long listenerMs = TimeUnit.NANOSECONDS.toMillis(firstErrorNanos.get() - start);
            // A second call fails at once: librdkafka repeats an identical error only after 30 s.
            long second = System.nanoTime();
            assertThrows(ExecutionException.class, () -> a.describeCluster().get(30, TimeUnit.SECONDS));
            long secondMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - second);
            Thread.sleep(Math.max(0, 8_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            int connects = connects(lastStats.get());
            System.out.printf("SASL wrong password: first call failed after %d ms, listener after %d ms, second call after %d ms,"
                    + " %d connection attempts in 8 s%n", callMs, listenerMs, secondMs, connects);
            assertTrue(listenerMs < 5_000, "listener told after " + listenerMs + " ms");
            assertTrue(secondMs < 1_000, "second call failed after " + secondMs + " ms");
            assertTrue(connects >= 1 && connects <= 10, "connection attempts in 8 s: " + connects);
        }
    }

    /** A producer's metadata call (what partitionsFor needs) fails with the authentication error, not a timeout. */
    @Test
    void producerMetadataFailsFast(KafkaBroker broker) {
        long start = System.nanoTime();
        try (Producer p = Producer.create(wrongPassword(broker))) {
            KafkaException e = assertThrows(KafkaException.class, () -> p.partitionsFor("anything", Duration.ofSeconds(30)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("SASL wrong password: producer partitionsFor failed after " + ms + " ms: " + e.getMessage());
            assertTrue(isAuthFailure(e), e.toString());
            assertTrue(ms < 10_000, "after " + ms + " ms");
            p.send(new ProducerRecord("anything", 0, null, Clients.bytes("x"), 0, List.of()));
            long flushStart = System.nanoTime();
            KafkaException f = assertThrows(KafkaException.class, () -> p.flush(Duration.ofSeconds(30)));
            long flushMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flushStart);
            System.out.println("SASL wrong password: producer flush failed after " + flushMs + " ms: " + f.getMessage());
            assertTrue(isAuthFailure(f), f.toString());
            assertTrue(flushMs < 3_000, "flush failed after " + flushMs + " ms");
            p.close(Duration.ofMillis(100)); // the record can never go out: do not wait for it
        }
    }

    @Test
    void rotatedCredentialsLetEveryClientKindIn(KafkaBroker broker) throws Exception {
        String password = broker.security().password(BrokerSecurity.ALICE);
        String topic = "sec-rotate-" + System.nanoTime();
        broker.createTopic(topic, 1);
        try (Admin a = Admin.create(wrongPassword(broker))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> a.describeCluster().get(30, TimeUnit.SECONDS));
            assertTrue(isAuthFailure((KafkaException) e.getCause()), e.toString());
            a.setSaslCredentials(BrokerSecurity.ALICE, password);
            assertEquals(1, a.describeCluster().get(30, TimeUnit.SECONDS).nodes().size());
        }
        try (Producer p = Producer.create(wrongPassword(broker), ProducerOptions.defaults())) {
            CompletableFuture<?> sent = p.send(new ProducerRecord(topic, 0, null, Clients.bytes("rotated"), 0, List.of()));
            Thread.sleep(500); // refused meanwhile
            p.setSaslCredentials(BrokerSecurity.ALICE, password);
            sent.get(30, TimeUnit.SECONDS);
        }
        try (Consumer c = Consumer.create(wrongPassword(broker).set("auto.offset.reset", "earliest"))) {
            c.setSaslCredentials(BrokerSecurity.ALICE, password);
            // from the beginning explicitly: no committed-offset fetch from the group coordinator
            c.assign(java.util.Map.of(new TopicPartition(topic, 0), Consumer.OFFSET_BEGINNING));
            assertEquals("rotated", Clients.text(Clients.pollOne(c, Duration.ofSeconds(30)).value()));
        }
    }

    private static final Pattern CONNECTS = Pattern.compile("\"connects\":\\s*(\\d+)");

    /** Connection attempts over all brokers in a statistics JSON. */
    static int connects(String stats) {
        if (stats == null) return -1;
        int sum = 0;
        Matcher m = CONNECTS.matcher(stats);
        while (m.find()) sum += Integer.parseInt(m.group(1));
        return sum;
    }
}
