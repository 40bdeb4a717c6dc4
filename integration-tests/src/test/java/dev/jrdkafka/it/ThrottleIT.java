package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker throttling reaches {@link ClientListener#onThrottle}: the broker gets byte-rate
 * quotas for two client ids (kafka-clients' Admin, AlterClientQuotas), and a producer and a
 * consumer with those ids that go over them must hear of it through librdkafka's
 * {@code throttle_cb}. librdkafka's mock cluster never throttles, so only a real broker shows
 * that the callback is installed and served.
 *
 * <p>How the broker throttles (Kafka 4.4, defaults {@code quota.window.num=11},
 * {@code quota.window.size.seconds=1}): it measures a client id's bytes over a window of at
 * least 10 s, so a client is throttled once it has moved more than about 10–11 s worth of its
 * quota, for (bytes / quota − window) — the time until its average is back at the quota. The
 * response is sent at once with that ThrottleTimeMs, then the connection is muted for it.
 * The numbers below keep every throttle a few seconds long, so the test stays short however
 * librdkafka splits its requests (a throttled connection takes the next request only when
 * the throttle ends).
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(60)
class ThrottleIT {
    static final String PRODUCER_ID = "throttled-producer";
    static final String CONSUMER_ID = "throttled-consumer";
    static final String PRODUCE_TOPIC = "throttle-produce";
    static final String CONSUME_TOPIC = "throttle-consume";
    static final int RECORD_SIZE = 1024;

    /**
     * 32 KiB/s against 480 KiB produced: 15 s worth of quota, so the broker must throttle
     * (the window is under 11 s), each time by at most about 5 s (the window is at least
     * 10 s), and everything is delivered within about 15 s: in about 1 s when librdkafka
     * sends it all in one request, in 9 s when it took four (throttled 1.2, 2.7, 4.2, 5.1 s).
     */
    static final long PRODUCER_BYTE_RATE = 32 * 1024;
    static final int PRODUCED = 480;

    /**
     * 1 KiB/s: the broker caps a fetch at about 10 s worth (10 KiB) and throttles the second
     * one at the latest, by about 10 s (a throttled fetch returns no records). The records are
     * written in batches of about 3 KiB, so that a fetch returns some instead of one batch
     * larger than the cap (which it would return whole, and be throttled for minutes).
     */
    static final long CONSUMER_BYTE_RATE = 1024;
    static final int CONSUMABLE = 128;

    static final Duration T = Duration.ofSeconds(30);
    /** How long the consumer polls for a throttle report; the broker throttles within a second or two. */
    static final Duration CONSUMER_WAIT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(ThrottleIT.class);

    static Admin admin;

    @BeforeAll
    static void setQuotas(KafkaBroker broker) throws Exception {
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "throttle-it-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
        alterQuota(PRODUCER_ID, "producer_byte_rate", (double) PRODUCER_BYTE_RATE);
        alterQuota(CONSUMER_ID, "consumer_byte_rate", (double) CONSUMER_BYTE_RATE);
        // AlterClientQuotas returns once the controller has committed the change; the broker
        // applies it when it publishes that metadata: its metadata cache first (what
        // DescribeClientQuotas reads), its quota managers right after on the same thread.
        awaitQuota(PRODUCER_ID, Map.of("producer_byte_rate", (double) PRODUCER_BYTE_RATE));
        awaitQuota(CONSUMER_ID, Map.of("consumer_byte_rate", (double) CONSUMER_BYTE_RATE));
    }

    @AfterAll
    static void removeQuotas() throws Exception {
        if (admin == null) return;
        try {
            alterQuota(PRODUCER_ID, "producer_byte_rate", null);
            alterQuota(CONSUMER_ID, "consumer_byte_rate", null);
        } finally {
            admin.close(Duration.ofSeconds(10));
            admin = null;
        }
    }

    @Test
    void aProducerOverItsQuotaIsToldOfTheThrottleAndEveryRecordIsDelivered(KafkaBroker broker) {
        broker.createTopic(PRODUCE_TOPIC, 1);
        Throttles throttles = new Throttles();
        Set<Long> offsets = ConcurrentHashMap.newKeySet();
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        byte[] value = payload(1);
        try (Producer producer = Producer.create(Clients.config(broker).set("client.id", PRODUCER_ID),
                ProducerOptions.defaults().withListener(throttles))) {
            for (int i = 0; i < PRODUCED; i++) {
                int n = i;
                producer.send(new ProducerRecord(PRODUCE_TOPIC, 0, null, value), (md, e) -> {
                    if (e == null) offsets.add(md.offset());
                    else failures.put(n, e.toString());
                });
            }
            producer.flush(T);
            LOG.info("{} records delivered after {} ms", offsets.size(), (System.nanoTime() - throttles.start) / 1_000_000);
            assertEquals(0, producer.outstanding(), "records and requests outstanding after flush(" + T + ")");
            // Reported on the poller thread with the Produce responses, normally before flush returns.
            awaitUntil(Duration.ofSeconds(10), throttles::throttled,
                    () -> "a throttle report from the broker; reports: " + throttles.reports);
        }
        assertEquals(Map.of(), failures, "failed deliveries");
        assertEquals(LongStream.range(0, PRODUCED).boxed().collect(Collectors.toSet()), offsets,
                "every record delivered, once, at offsets 0.." + (PRODUCED - 1));
        throttles.assertFromTheBroker(broker, Duration.ofSeconds((long) PRODUCED * RECORD_SIZE / PRODUCER_BYTE_RATE));
    }

    /**
     * Fails while the consumer does not install librdkafka's throttle_cb: librdkafka then
     * does not even queue the broker's throttle reports.
     */
    @Test
    void aConsumerOverItsQuotaIsToldOfTheThrottle(KafkaBroker broker) {
        broker.createTopic(CONSUME_TOPIC, 1);
        loadConsumeTopic(broker);
        TopicPartition tp = new TopicPartition(CONSUME_TOPIC, 0);
        Throttles throttles = new Throttles();
        int consumed = 0;
        try (Consumer consumer = Consumer.create(
                Clients.consumer(broker, null, "read_uncommitted").set("client.id", CONSUMER_ID),
                ConsumerOptions.defaults().withListener(throttles))) {
            consumer.assign(Map.of(tp, Consumer.OFFSET_BEGINNING));
            long deadline = System.nanoTime() + CONSUMER_WAIT.toNanos();
            // The report is served by poll; stop at the first one (the quota allows ~1 record/s).
            while ((consumed == 0 || !throttles.throttled()) && System.nanoTime() - deadline < 0) {
                if (consumer.poll(Duration.ofMillis(50)) != null) consumed++;
            }
        }
        assertTrue(consumed > 0, "records consumed within " + CONSUMER_WAIT + ": none");
        assertTrue(throttles.throttled(), "no throttle report within " + CONSUMER_WAIT + " while consuming over a "
                + "consumer_byte_rate of " + CONSUMER_BYTE_RATE + " B/s (" + consumed + " of " + CONSUMABLE
                + " records consumed); reports: " + throttles.reports);
        throttles.assertFromTheBroker(broker, Duration.ofSeconds((long) CONSUMABLE * RECORD_SIZE / CONSUMER_BYTE_RATE));
    }

    /** CONSUMABLE records by a client id without quota, in small batches (see CONSUMER_BYTE_RATE). */
    private static void loadConsumeTopic(KafkaBroker broker) {
        byte[] value = payload(2);
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        try (Producer p = Producer.create(Clients.config(broker).set("client.id", "throttle-it-loader")
                .set("batch.size", 3L * RECORD_SIZE + 512))) {
            for (int i = 0; i < CONSUMABLE; i++) {
                int n = i;
                p.send(new ProducerRecord(CONSUME_TOPIC, 0, null, value), (md, e) -> {
                    if (e != null) failures.put(n, e.toString());
                });
            }
            p.flush(T);
            assertEquals(0, p.outstanding(), "loading " + CONSUME_TOPIC + ": outstanding after flush(" + T + ")");
        }
        assertEquals(Map.of(), failures, "loading " + CONSUME_TOPIC + ": failed deliveries");
    }

    /** Incompressible bytes (not that anything compresses here: compression.codec is none). */
    private static byte[] payload(long seed) {
        byte[] b = new byte[RECORD_SIZE];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The throttle reports a client's listener received. */
    static final class Throttles implements ClientListener {
        record Report(String brokerName, int brokerId, Duration throttleTime) {}

        final List<Report> reports = new CopyOnWriteArrayList<>();
        private final long start = System.nanoTime();

        @Override
        public void onThrottle(String brokerName, int brokerId, Duration throttleTime) {
            reports.add(new Report(brokerName, brokerId, throttleTime));
            LOG.info("throttle report after {} ms: {} (node {}) {}", (System.nanoTime() - start) / 1_000_000,
                    brokerName, brokerId, throttleTime);
        }

        boolean throttled() {
            return reports.stream().anyMatch(r -> r.throttleTime().isPositive());
        }

        /**
         * Every report names the broker's address, a throttle comes from node 1 (the broker;
         * the end of a throttle, zero, may come through the bootstrap connection, node -1), and
         * none is longer than {@code atMost}: the time the client's data takes at its quota,
         * more than the broker can ask (it asks for bytes / quota − window).
         */
        void assertFromTheBroker(KafkaBroker broker, Duration atMost) {
            for (Report r : reports) {
                assertEquals("127.0.0.1:" + broker.port(), r.brokerName(), "broker name in " + r);
                if (r.throttleTime().isPositive()) assertEquals(1, r.brokerId(), "broker id in " + r);
                assertTrue(!r.throttleTime().isNegative() && r.throttleTime().compareTo(atMost) <= 0,
                        "throttle time in " + r + " within 0.." + atMost);
            }
        }
    }

    private static void alterQuota(String clientId, String key, Double value) throws Exception {
        ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, clientId));
        admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity, List.of(new ClientQuotaAlteration.Op(key, value)))))
                .all().get(20, TimeUnit.SECONDS);
    }

    /** Until the broker describes exactly {@code quotas} for {@code clientId}. */
    private static void awaitQuota(String clientId, Map<String, Double> quotas) throws Exception {
        ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, clientId));
        ClientQuotaFilter filter = ClientQuotaFilter.containsOnly(
                List.of(ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.CLIENT_ID, clientId)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<ClientQuotaEntity, Map<String, Double>> seen;
        while (!quotas.equals((seen = admin.describeClientQuotas(filter).entities().get(10, TimeUnit.SECONDS)).get(entity))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the broker's quotas for client id " + clientId + " are " + seen
                        + ", not " + quotas + ", 10 s after AlterClientQuotas");
            }
            Thread.sleep(50);
        }
    }

    private static void awaitUntil(Duration timeout, BooleanSupplier done, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what.get() + ": not within " + timeout);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
