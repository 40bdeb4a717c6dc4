package dev.jrdkafka.examples;

import dev.jrdkafka.OffsetAndMetadata;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.config.OffsetReset;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.RebalanceListener;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.producer.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Two members of a consumer group sharing a topic, committing by hand, with cooperative
 * rebalancing.
 *
 * <ul>
 *   <li>{@code enable.auto.commit=false}: each member commits the offsets it has
 *       <em>processed</em> with {@code commitSync}, after each poll, so a record is never
 *       marked consumed before it was handled (at least once);</li>
 *   <li>{@code partition.assignment.strategy=cooperative-sticky}: when the group changes, only
 *       the partitions that move are revoked; the others keep being consumed throughout;</li>
 *   <li>a {@link RebalanceListener}: {@code onPartitionsRevoked} commits what was processed of
 *       the partitions leaving, so their next owner starts exactly there;
 *       {@code onPartitionsLost} (the member was thrown out of the group, e.g. it did not poll
 *       within {@code max.poll.interval.ms}) commits nothing, as another member may own them
 *       already.</li>
 * </ul>
 *
 * <p>The story: member-1 joins alone and gets every partition; member-2 joins, and member-1
 * hands some partitions over; member-2 leaves ({@code close}) and hands them back. Records
 * are produced before and between these steps, and at the end the example checks that each
 * was processed. Each member runs on its own thread: a Consumer is used from one thread.
 * A record may be processed twice where a commit failed (at least once); on the embedded mock
 * cluster that happens more often than on a broker, as its coordinator refuses commits while
 * the group is rebalancing.
 *
 * <p>Usage: {@code GroupConsumer [bootstrap.servers]}; without servers it starts an embedded
 * mock cluster. On a real cluster the topic needs at least 2 partitions. Exits 1 if a record
 * was not processed.
 */
public final class GroupConsumer {
    private static final String TOPIC = "jrdkafka-example-group";
    private static final String GROUP_ID = "jrdkafka-example-group";
    private static final int WAVE = 300; // records produced at each step
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private GroupConsumer() {}

    public static void main(String[] args) throws Exception {
        try (MockCluster mock = args.length == 0 ? MockCluster.start(3) : null) {
            String bootstrap = mock != null ? mock.bootstrapServers() : args[0];
            if (mock != null) {
                System.out.println("no bootstrap servers given: using an embedded mock cluster at " + bootstrap);
                mock.createTopic(TOPIC, 6, 3);
                // Brokers hold a new group's first rebalance back (3 s) for more members to come.
                mock.setGroupInitialRebalanceDelay(Duration.ZERO);
            }
            // Values carry a run id: on a real cluster the topic may hold records of earlier runs.
            String run = Long.toString(System.currentTimeMillis(), 36);

            KafkaConfig config = KafkaConfig.create()
                    .bootstrapServers(bootstrap)
                    .groupId(GROUP_ID)
                    .enableAutoCommit(false)               // commit after processing, below
                    .autoOffsetReset(OffsetReset.EARLIEST) // where a group without committed offsets starts
                    .set("partition.assignment.strategy", "cooperative-sticky");
            if (mock != null) {
                // The mock cluster lets each rebalance wait for members up to session.timeout.ms
                // less 1 s (a broker ends it as soon as all have rejoined): keep that short.
                config.sessionTimeoutMs(3000).set("heartbeat.interval.ms", 500L);
            }
            // How often each record of this run was processed, by record number (both members).
            Map<Integer, AtomicInteger> processed = new ConcurrentHashMap<>();
            Member member1 = new Member("member-1", config, run, processed);
            Member member2 = new Member("member-2", config, run, processed);
            boolean ok = produce(bootstrap, run, 0);
            member1.start();
            ok &= await("member-1 to get partitions", () -> !member1.owned.isEmpty());
            int partitions = member1.owned.size(); // all of them, as the only member

            System.out.println("member-2 joins the group");
            member2.start();
            ok &= await("member-2 to get partitions", () -> !member2.owned.isEmpty());
            ok &= produce(bootstrap, run, WAVE);
            ok &= await("both members to process records 0.." + (2 * WAVE - 1), () -> processed.size() == 2 * WAVE);

            System.out.println("member-2 leaves the group");
            member2.stop();
            ok &= await("member-1 to get member-2's partitions", () -> member1.owned.size() == partitions);
            ok &= produce(bootstrap, run, 2 * WAVE);
            ok &= await("member-1 to process every record", () -> processed.size() == 3 * WAVE);
            member1.stop();

            int total = 3 * WAVE;
            long missing = total - processed.size();
            long twice = processed.values().stream().filter(n -> n.get() > 1).count();
            System.out.printf("done: %d of %d records processed (member-1: %d, member-2: %d), %d missing, %d processed more than once%n",
                    processed.size(), total, member1.processed.get(), member2.processed.get(), missing, twice);
            if (!ok || missing > 0) System.exit(1);
        }
    }

    /** One group member: polls on its own thread, processes, commits. */
    private static final class Member implements RebalanceListener {
        final String name;
        final KafkaConfig config;
        final String run;
        final Map<Integer, AtomicInteger> byNumber;
        final Thread thread;
        final Set<Integer> owned = ConcurrentHashMap.newKeySet(); // partitions, for main() to follow the story
        final AtomicInteger processed = new AtomicInteger();
        /** Processed but not yet committed: the next offset to read, per partition. Used on the member's thread only. */
        final Map<TopicPartition, Long> uncommitted = new HashMap<>();
        KafkaError lastCommitError; // to print each kind of commit failure once in a row
        volatile boolean running = true;

        Member(String name, KafkaConfig config, String run, Map<Integer, AtomicInteger> byNumber) {
            this.name = name;
            this.run = run;
            this.byNumber = byNumber;
            this.config = config.copy().clientId(name);
            this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        private void run() {
            try (Consumer consumer = Consumer.create(config, ConsumerOptions.defaults().withRebalanceListener(this))) {
                consumer.subscribe(List.of(TOPIC));
                while (running) {
                    // Rebalances happen inside poll: the listener below runs on this thread.
                    try (RecordBatch batch = consumer.pollBatch(100, Duration.ofMillis(100))) {
                        for (RecordView record : batch) {
                            process(record.valueString());
                            uncommitted.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                        }
                    }
                    commit(consumer, List.copyOf(uncommitted.keySet()));
                }
            } catch (KafkaException e) {
                System.out.println(name + ": stopped by " + e.error() + ": " + e.getMessage());
            }
            // close() (try-with-resources) revoked the assignment through onPartitionsRevoked,
            // which committed, and left the group: the others take the partitions over at once.
        }

        private void process(String value) {
            // "<run>:<n>"; records of other runs are processed too, but not counted.
            int colon = value.indexOf(':');
            if (colon > 0 && value.substring(0, colon).equals(run)) {
                byNumber.computeIfAbsent(Integer.parseInt(value.substring(colon + 1)), n -> new AtomicInteger()).incrementAndGet();
                processed.incrementAndGet();
            }
        }

        /** Commits what was processed of {@code partitions}; returns false if that failed. */
        private boolean commit(Consumer consumer, Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            uncommitted.forEach((tp, next) -> {
                if (partitions.contains(tp)) offsets.put(tp, new OffsetAndMetadata(next));
            });
            if (offsets.isEmpty()) return true;
            try {
                consumer.commitSync(offsets);
                uncommitted.keySet().removeAll(offsets.keySet());
                lastCommitError = null;
                return true;
            } catch (KafkaException e) {
                // E.g. REBALANCE_IN_PROGRESS: the group is changing. The next commit, or the one
                // on revocation, covers these offsets; if none succeeds, the partition's next
                // owner processes the records again (at least once).
                if (e.error() != lastCommitError) System.out.println(name + ": commit failed, retried after the next poll: " + e.error());
                lastCommitError = e.error();
                return false;
            }
        }

        @Override
        public void onPartitionsAssigned(Consumer consumer, Collection<TopicPartition> partitions) {
            // Cooperative: only the partitions added. Each starts at the group's committed offset.
            if (partitions.isEmpty()) return; // a rebalance that gave this member nothing new
            partitions.forEach(tp -> owned.add(tp.partition()));
            System.out.println(name + ": assigned " + numbers(partitions) + "; owns " + new TreeSet<>(owned));
        }

        @Override
        public void onPartitionsRevoked(Consumer consumer, Collection<TopicPartition> partitions) {
            // Cooperative: only the partitions leaving; the rest are not interrupted.
            boolean committed = commit(consumer, partitions);
            uncommitted.keySet().removeAll(partitions);
            partitions.forEach(tp -> owned.remove(tp.partition()));
            System.out.println(name + ": revoked " + numbers(partitions)
                    + (committed ? ", processed offsets committed" : ", commit failed: the next owner may process some records again")
                    + "; owns " + new TreeSet<>(owned));
        }

        @Override
        public void onPartitionsLost(Consumer consumer, Collection<TopicPartition> partitions) {
            // Not an orderly handover: another member may be consuming them already, so a
            // commit could move its offsets backwards. Their uncommitted records will be
            // processed again by the new owner.
            uncommitted.keySet().removeAll(partitions);
            partitions.forEach(tp -> owned.remove(tp.partition()));
            System.out.println(name + ": lost " + numbers(partitions) + "; owns " + new TreeSet<>(owned));
        }
    }

    /** Produces records {@code first .. first+WAVE-1} of this run, spread over the partitions by key. */
    private static boolean produce(String bootstrap, String run, int first) throws Exception {
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
        try (Producer producer = Producer.create(KafkaConfig.create().bootstrapServers(bootstrap).clientId("group-example-producer"))) {
            for (int n = first; n < first + WAVE; n++) {
                sent.add(producer.send(new ProducerRecord(TOPIC, ("key-" + n).getBytes(UTF_8), (run + ":" + n).getBytes(UTF_8))));
            }
            producer.flush(STEP_TIMEOUT);
        }
        long failed = sent.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        System.out.println("produced records " + first + ".." + (first + WAVE - 1) + (failed > 0 ? ", " + failed + " failed" : ""));
        return failed == 0;
    }

    private static boolean await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                System.out.println("gave up waiting for " + what);
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }
}
