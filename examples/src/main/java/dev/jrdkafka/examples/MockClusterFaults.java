package dev.jrdkafka.examples;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.mock.MockRequest;
import dev.jrdkafka.producer.DeliveryListener;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Scripts faults into librdkafka's mock cluster while an idempotent producer writes to it,
 * and checks that every record is still delivered exactly once, in order:
 * <ol>
 *   <li>Produce requests fail with errors a real cluster returns during leader changes and
 *       overload (NOT_LEADER_FOR_PARTITION, NOT_ENOUGH_REPLICAS, REQUEST_TIMED_OUT);</li>
 *   <li>the leader of one partition goes down for a second, then comes back;</li>
 *   <li>every broker answers 200 ms late.</li>
 * </ol>
 * librdkafka retries through all of it. The check: each record gets exactly one delivery
 * report, and each partition's offsets are 0, 1, 2... in the order the records were
 * produced; a record written twice would have taken a second offset and left a gap.
 *
 * <p>It also uses the fast path: {@code produce(topic, partition, key, value, opaque)} with a
 * {@link DeliveryListener} instead of a callback per record; the {@code opaque} number
 * identifies the record in its report. Finally it prints the requests the brokers saw,
 * from the mock's request tracking.
 *
 * <p>Usage: {@code MockClusterFaults}; it always runs on its own embedded mock cluster,
 * since it scripts the brokers. Exits 1 unless every record was delivered exactly once.
 */
public final class MockClusterFaults {
    private static final String TOPIC = "jrdkafka-example-faults";
    private static final int PARTITIONS = 3;
    private static final int RECORDS_PER_STEP = 300;
    private static final int RECORDS = 3 * RECORDS_PER_STEP;

    private MockClusterFaults() {}

    public static void main(String[] args) {
        if (args.length > 0) System.out.println("MockClusterFaults scripts its own mock cluster: ignoring " + String.join(" ", args));

        // Per record (indexed by its opaque number): how many reports, and at which offset.
        AtomicIntegerArray reports = new AtomicIntegerArray(RECORDS);
        AtomicLongArray offsets = new AtomicLongArray(RECORDS);
        AtomicInteger failed = new AtomicInteger();
        // The report is a reused view, valid only during the call: copy what you keep.
        DeliveryListener listener = report -> {
            int record = (int) report.opaque();
            reports.incrementAndGet(record);
            offsets.set(record, report.offset());
            if (!report.succeeded()) {
                failed.incrementAndGet();
                System.err.println("record " + record + " failed: " + report.error());
            }
        };

        try (MockCluster cluster = MockCluster.start(3)) {
            System.out.println("embedded mock cluster at " + cluster.bootstrapServers());
            cluster.createTopic(TOPIC, PARTITIONS, 3);
            for (int p = 0; p < PARTITIONS; p++) cluster.setPartitionLeader(TOPIC, p, p + 1); // broker p+1 leads partition p
            cluster.startRequestTracking();

            KafkaConfig config = KafkaConfig.create()
                    .bootstrapServers(cluster.bootstrapServers())
                    .clientId("mock-faults-example")
                    .enableIdempotence(true)
                    .lingerMs(5)
                    .batchNumMessages(50)                  // several batches per step
                    .set("retry.backoff.ms", 50)           // retry and reconnect quickly:
                    .set("reconnect.backoff.max.ms", 500); // the example should take seconds

            try (Producer producer = Producer.create(config, ProducerOptions.defaults().withDeliveryListener(listener))) {
                // 1. Errors on Produce requests, to whichever broker gets them next.
                cluster.pushRequestErrors(ApiKey.PRODUCE, KafkaError.NOT_LEADER_FOR_PARTITION,
                        KafkaError.NOT_LEADER_FOR_PARTITION, KafkaError.NOT_ENOUGH_REPLICAS, KafkaError.REQUEST_TIMED_OUT);
                step("1. 4 Produce requests fail", producer, 0, () -> {});

                // 2. The leader of partition 0 goes away; its records wait (and are retried)
                //    until it is back. Partitions 1 and 2 carry on meanwhile.
                cluster.broker(1).setDown();
                step("2. broker 1 (leader of partition 0) down for 1 s", producer, RECORDS_PER_STEP, () -> {
                    sleep(1000);
                    cluster.broker(1).setUp();
                });

                // 3. A slow network: every response is delayed.
                cluster.setAllBrokersRtt(Duration.ofMillis(200));
                step("3. 200 ms round trip on every broker", producer, 2 * RECORDS_PER_STEP, () -> {});
                cluster.setAllBrokersRtt(Duration.ZERO);
            }

            printRequestCounts(cluster);
        }

        int delivered = check(reports, offsets);
        System.out.println("done: " + delivered + " delivered exactly once, " + failed.get() + " failed");
        if (delivered != RECORDS) System.exit(1);
    }

    /** Produces records {@code first ..} over the partitions, runs {@code meanwhile}, then flushes. */
    private static void step(String title, Producer producer, int first, Runnable meanwhile) {
        long start = System.nanoTime();
        for (int i = first; i < first + RECORDS_PER_STEP; i++) {
            byte[] value = ByteBuffer.allocate(4).putInt(i).array();
            producer.produce(TOPIC, i % PARTITIONS, null, value, i); // opaque = record number
        }
        meanwhile.run();
        producer.flush(Duration.ofSeconds(30));
        System.out.printf("%-50s %d records flushed in %d ms%n", title + ":", RECORDS_PER_STEP,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Counts the records delivered exactly once, and checks that each partition's offsets are
     * consecutive from 0 in production order: record i went to partition i % 3, so it must be
     * at offset i / 3.
     */
    private static int check(AtomicIntegerArray reports, AtomicLongArray offsets) {
        int exactlyOnce = 0;
        for (int i = 0; i < RECORDS; i++) {
            if (reports.get(i) != 1) {
                System.err.println("record " + i + ": " + reports.get(i) + " delivery reports");
            } else if (offsets.get(i) != i / PARTITIONS) {
                System.err.println("record " + i + " is at offset " + offsets.get(i) + " of partition " + (i % PARTITIONS)
                        + ", expected " + (i / PARTITIONS));
            } else {
                exactlyOnce++;
            }
        }
        System.out.println("delivery reports: " + RECORDS + " records, each at the next offset of its partition: "
                + (exactlyOnce == RECORDS ? "yes" : "no (" + (RECORDS - exactlyOnce) + " not)"));
        return exactlyOnce;
    }

    private static void printRequestCounts(MockCluster cluster) {
        Map<String, Integer> counts = new TreeMap<>();
        for (MockRequest r : cluster.requests()) {
            String api = r.api().map(ApiKey::kafkaName).orElse("ApiKey " + r.apiKey());
            counts.merge(api, 1, Integer::sum);
        }
        System.out.println("requests the brokers received: " + counts);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
