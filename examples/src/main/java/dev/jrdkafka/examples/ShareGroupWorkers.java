package dev.jrdkafka.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.consumer.share.AcknowledgeType;
import dev.jrdkafka.consumer.share.AcknowledgementMode;
import dev.jrdkafka.consumer.share.ShareConsumer;
import dev.jrdkafka.consumer.share.ShareConsumerOptions;
import dev.jrdkafka.consumer.share.ShareRecordBatch;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A work queue over a Kafka share group (KIP-932, preview in librdkafka 2.15.0): two
 * workers, each a {@link ShareConsumer} on its own thread (a share consumer is used from
 * one thread), take jobs from the same partitions and acknowledge each one explicitly
 * ({@code share.acknowledgement.mode=explicit}):
 *
 * <ul>
 *   <li>ACCEPT when the job is done;</li>
 *   <li>RELEASE when it fails for now (here: every job numbered 3 mod 10, on its first
 *       delivery): the group redelivers it, maybe to the other worker, with
 *       {@code deliveryCount() == 2};</li>
 *   <li>REJECT for a poison job ("poison-…"): it is never delivered again.</li>
 * </ul>
 *
 * <p>On a real cluster the workers join and fetch for a few seconds before the jobs are
 * produced, so a group starting at the end of the partitions (Kafka's default
 * {@code share.auto.offset.reset=latest}) still sees them all; the mock cluster is told to
 * start at the earliest offset.
 *
 * <p>Usage: {@code ShareGroupWorkers [bootstrap.servers]} (a broker with share groups: Kafka
 * 4.2 or later); without servers it starts an embedded mock cluster. Exits 1 unless every
 * job was done exactly once and the poison job was rejected once.
 */
public final class ShareGroupWorkers {
    private static final String TOPIC = "jrdkafka-example-jobs";
    private static final int JOBS = 100;

    private ShareGroupWorkers() {}

    public static void main(String[] args) throws Exception {
        try (MockCluster mock = args.length == 0 ? MockCluster.start(3) : null) {
            String bootstrap = mock != null ? mock.bootstrapServers() : args[0];
            if (mock != null) {
                System.out.println("no bootstrap servers given: using an embedded mock cluster at " + bootstrap);
                mock.createTopic(TOPIC, 3, 3);
                mock.setShareGroupAutoOffsetResetEarliest(true);
            }
            String group = "jrdkafka-example-workers-" + System.currentTimeMillis();
            Map<String, Integer> done = new ConcurrentHashMap<>();      // job -> times done (must be 1)
            Set<String> retried = ConcurrentHashMap.newKeySet();        // jobs done on their second delivery
            AtomicInteger rejected = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger subscribed = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int w = 1; w <= 2; w++) {
                String name = "worker-" + w;
                workers.add(Thread.ofPlatform().name(name).start(() -> work(name, bootstrap, group, subscribed, stop,
                        done, retried, rejected)));
            }
            long subscribedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (subscribed.get() < 2 && System.nanoTime() < subscribedBy) Thread.sleep(50);
            // A real group starts at the partitions' end (share.auto.offset.reset=latest) once its members
            // first fetch: give them time to join and fetch before producing.
            if (mock == null) Thread.sleep(5000);

            AtomicInteger unsent = new AtomicInteger();
            // The producer stays open until the workers are done: librdkafka 2.15.0's mock broker
            // ends every share session on a broker when any connection to it closes (not only the
            // member's), so closing the producer mid-run released the workers' acquired jobs and
            // failed their acknowledgements (SHARE_SESSION_NOT_FOUND), which redelivered jobs.
            try (Producer producer = Producer.create(KafkaConfig.create().bootstrapServers(bootstrap))) {
                for (int n = 0; n <= JOBS; n++) {
                    String job = n < JOBS ? "job-" + n : "poison-1";
                    producer.send(new ProducerRecord(TOPIC, null, job.getBytes(UTF_8)), (metadata, error) -> {
                        if (error != null) unsent.incrementAndGet();
                    });
                }
                producer.flush(Duration.ofSeconds(30));
                if (unsent.get() > 0) {
                    System.out.println("FAILED: " + unsent.get() + " jobs not produced");
                    System.exit(1);
                }
                System.out.println("produced " + JOBS + " jobs and 1 poison job");

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                while ((done.size() < JOBS || rejected.get() < 1) && System.nanoTime() < deadline) Thread.sleep(50);
                Thread.sleep(1000); // any duplicate would show up now
                stop.set(true);
                for (Thread t : workers) t.join(TimeUnit.SECONDS.toMillis(90));
            }

            long once = done.values().stream().filter(c -> c == 1).count();
            int expectedRetries = JOBS / 10;
            String result = "done: " + done.size() + " of " + JOBS + " jobs, " + once + " exactly once, "
                    + retried.size() + " after a RELEASE, " + rejected.get() + " poison job rejected";
            System.out.println(result);
            if (once != JOBS || done.size() != JOBS || retried.size() != expectedRetries || rejected.get() != 1) {
                System.out.println("FAILED: expected " + JOBS + " jobs done once, " + expectedRetries + " retried, 1 rejected");
                System.exit(1);
            }
        }
    }

    private static void work(String name, String bootstrap, String group, AtomicInteger subscribed, AtomicBoolean stop,
                             Map<String, Integer> done, Set<String> retried, AtomicInteger rejected) {
        KafkaConfig config = KafkaConfig.create().bootstrapServers(bootstrap).groupId(group).clientId(name)
                .set("share.acknowledgement.mode", AcknowledgementMode.EXPLICIT.configValue());
        ShareConsumerOptions options = ShareConsumerOptions.defaults().withAcknowledgementCommitListener((offsets, error) -> {
            if (error != null) System.out.println(name + ": acknowledgements of " + offsets.keySet() + " failed: " + error);
        });
        int handled = 0;
        try (ShareConsumer consumer = ShareConsumer.create(config, options)) {
            consumer.subscribe(List.of(TOPIC));
            subscribed.incrementAndGet();
            while (!stop.get()) {
                try (ShareRecordBatch batch = consumer.poll(Duration.ofMillis(200))) {
                    for (RecordView job : batch) {
                        String id = job.valueString();
                        consumer.acknowledge(job, handle(name, id, job.deliveryCount(), done, retried, rejected));
                        handled++;
                    }
                }
            }
            consumer.commitSync(Duration.ofSeconds(10)); // the last acknowledgements
        }
        System.out.println(name + ": handled " + handled + " deliveries");
    }

    private static AcknowledgeType handle(String worker, String id, int deliveryCount, Map<String, Integer> done,
                                          Set<String> retried, AtomicInteger rejected) {
        if (id.startsWith("poison-")) {
            rejected.incrementAndGet();
            System.out.println(worker + ": " + id + " cannot be processed: REJECT");
            return AcknowledgeType.REJECT;
        }
        int n = Integer.parseInt(id.substring("job-".length()));
        if (n % 10 == 3 && deliveryCount == 1) return AcknowledgeType.RELEASE; // fails for now: redelivered
        if (deliveryCount > 1) {
            retried.add(id);
            System.out.println(worker + ": " + id + " done on delivery " + deliveryCount);
        }
        done.merge(id, 1, Integer::sum);
        return AcknowledgeType.ACCEPT;
    }
}
