package dev.jrdkafka.producer;

import dev.jrdkafka.OffsetAndMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jrdkafka.ClientListener;
import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Idempotence under injected errors, transactions, and what reaches SLF4J and listeners. */
class ProducerGuaranteesTest {

    @Test
    void idempotentProducerDeliversEachRecordExactlyOnceInOrderDespiteInjectedErrors() throws Exception {
        int n = 20_000;
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic("idem", 3, 3);
            KafkaConfig config = ProducerTestSupport.config(cluster.bootstrapServers()).enableIdempotence(true);
            Map<Integer, long[]> offsets = new ConcurrentHashMap<>(); // partition -> offset by sequence
            for (int p = 0; p < 3; p++) offsets.put(p, new long[n]);
            AtomicInteger failures = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(n);
            try (Producer producer = Producer.create(config, ProducerOptions.defaults().withDeliveryListener(r -> {
                if (!r.succeeded()) failures.incrementAndGet();
                else offsets.get(r.partition())[(int) r.opaque()] = r.offset();
                done.countDown();
            }))) {
                for (int i = 0; i < n; i++) {
                    if (i == n / 4) {
                        cluster.pushRequestErrors(ApiKey.PRODUCE, KafkaError.NOT_LEADER_FOR_PARTITION,
                                KafkaError.REQUEST_TIMED_OUT, KafkaError.NOT_ENOUGH_REPLICAS,
                                KafkaError.REQUEST_TIMED_OUT);
                    }
                    producer.produce("idem", i % 3, null, new byte[20], i);
                }
                ProducerTestSupport.await(done, 120, "reports");
            }
            assertEquals(0, failures.get());
            for (int p = 0; p < 3; p++) {
                long expected = 0;
                for (int i = p; i < n; i += 3) {
                    assertEquals(expected++, offsets.get(p)[i],
                            "partition " + p + ": record " + i + " at the next offset (exactly once, in order)");
                }
            }
        }
    }

    @Test
    void aFatalIdempotenceErrorIsFatalEverywhereItShows() throws Exception {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("fatal", 1, 1);
            List<KafkaException> listenerErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
            KafkaConfig config = ProducerTestSupport.config(cluster.bootstrapServers()).enableIdempotence(true);
            try (Producer producer = Producer.create(config, ProducerOptions.defaults()
                    .withListener(ClientListener.onError(listenerErrors::add)))) {
                producer.send(new ProducerRecord("fatal", 0, null, new byte[1])).get(30, TimeUnit.SECONDS);
                cluster.pushRequestErrors(ApiKey.PRODUCE, KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER);
                var failed = producer.send(new ProducerRecord("fatal", 0, null, new byte[1]));
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(30, TimeUnit.SECONDS));
                assertTrue(((KafkaException) e.getCause()).isFatal(), e.getCause().getMessage());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (listenerErrors.stream().noneMatch(KafkaException::isFatal) && System.nanoTime() < deadline) Thread.sleep(20);
                assertTrue(listenerErrors.stream().anyMatch(KafkaException::isFatal), String.valueOf(listenerErrors));
                assertTrue(producer.fatalError().orElseThrow().isFatal());
                KafkaException thrown = assertThrows(KafkaException.class,
                        () -> producer.send(new ProducerRecord("fatal", 0, null, new byte[1]), (m, err) -> {}));
                assertTrue(thrown.isFatal(), thrown.getMessage());
                KafkaException fast = assertThrows(KafkaException.class, () -> producer.produce("fatal", 0, null, new byte[1]));
                assertTrue(fast.isFatal(), fast.getMessage());
            }
        }
    }

    @Test
    void transactionsCommitAndAbortWithOffsets() throws Exception {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic("input", 1, 1);
            KafkaConfig config = ProducerTestSupport.config(cluster.bootstrapServers()).transactionalId("txn-test");
            try (Producer producer = Producer.create(config)) {
                producer.initTransactions(Duration.ofSeconds(30));
                producer.beginTransaction();
                List<java.util.concurrent.CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < 10; i++) sent.add(producer.send(new ProducerRecord("txn", new byte[] {(byte) i})));
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition("input", 0), new OffsetAndMetadata(42)),
                        ConsumerGroupMetadata.forGroup("txn-group"), Duration.ofSeconds(30));
                producer.commitTransaction(Duration.ofSeconds(30));
                for (var f : sent) assertTrue(f.get(10, TimeUnit.SECONDS).offset() >= 0);

                producer.beginTransaction();
                var aborted = producer.send(new ProducerRecord("txn", new byte[] {1}));
                producer.abortTransaction(Duration.ofSeconds(30));
                try {
                    aborted.get(10, TimeUnit.SECONDS); // flushed before the abort, or purged by it
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(((KafkaException) e.getCause()).error() == KafkaError._PURGE_QUEUE
                            || ((KafkaException) e.getCause()).error() == KafkaError._PURGE_INFLIGHT, e.getMessage());
                }
                KafkaException e = assertThrows(KafkaException.class, () -> producer.commitTransaction(Duration.ofSeconds(5)));
                assertTrue(e.getMessage().startsWith("commitTransaction failed: "), e.getMessage());
            }
        }
    }

    @Test
    void transactionalCallsWithoutTransactionalIdAreClassifiedErrors() {
        try (MockCluster cluster = MockCluster.start(1);
             Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()))) {
            KafkaException e = assertThrows(KafkaException.class, () -> producer.initTransactions(Duration.ofSeconds(5)));
            assertEquals(KafkaError._NOT_CONFIGURED, e.error());
            assertTrue(e.getMessage().contains("initTransactions failed"), e.getMessage());
        }
    }

    @Test
    void librdkafkaLogsArriveInSlf4jUnderOneLoggerPerFacility() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger("librdkafka");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try (MockCluster cluster = MockCluster.start(1);
             Producer producer = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                     .debug("broker", "topic"))) {
            producer.send(new ProducerRecord("logged", new byte[1])).get(30, TimeUnit.SECONDS);
        } finally {
            root.detachAppender(appender);
            root.setLevel(before);
        }
        List<ILoggingEvent> events = List.copyOf(appender.list);
        assertTrue(events.stream().anyMatch(e -> e.getLoggerName().startsWith("librdkafka.")
                && e.getLevel() == ch.qos.logback.classic.Level.DEBUG), "debug lines under librdkafka.<FACILITY>");
        assertTrue(events.stream().allMatch(e -> e.getFormattedMessage().startsWith("[rdkafka#producer-")),
                "each line names its client");
        assertTrue(events.stream().noneMatch(e -> e.getThreadName().startsWith("rdk:")),
                "logged on jrdkafka's poller thread, never on librdkafka's threads");
    }

    @Test
    void statsAndErrorsReachTheListener() throws Exception {
        CountDownLatch stats = new CountDownLatch(2);
        CountDownLatch errors = new CountDownLatch(1);
        ClientListener listener = new ClientListener() {
            @Override
            public void onStats(String json) {
                if (json.startsWith("{") && json.matches("(?s).*\"type\":\\s*\"producer\".*")) stats.countDown();
            }

            @Override
            public void onError(KafkaException error) {
                errors.countDown();
            }
        };
        KafkaConfig config = KafkaConfig.create().bootstrapServers("127.0.0.1:1").statisticsIntervalMs(100)
                .set("log_level", 0L);
        try (Producer producer = Producer.create(config, ProducerOptions.defaults().withListener(listener))) {
            producer.produce("t", 0, null, new byte[1]);
            ProducerTestSupport.await(stats, 30, "stats events");
            ProducerTestSupport.await(errors, 30, "connection error (nothing listens on port 1)");
            producer.purge(PurgeScope.QUEUED);
        }
    }

    @Test
    void anUnclosedProducerIsReportedAndClosedWhenCollected() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Producer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        String name;
        try (MockCluster cluster = MockCluster.start(1)) {
            name = leak(cluster.bootstrapServers());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (dev.jrdkafka.internal.client.LiveClients.isLive(name) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
        } finally {
            logger.detachAppender(appender);
        }
        assertTrue(appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains("garbage-collected without close()")),
                "leak warning logged");
        assertTrue(!dev.jrdkafka.internal.client.LiveClients.isLive(name), name + " was destroyed");
    }

    private static String leak(String bootstrap) {
        Producer p = Producer.create(ProducerTestSupport.config(bootstrap));
        p.produce("leak", 0, null, new byte[1]);
        return p.name();
    }
}
