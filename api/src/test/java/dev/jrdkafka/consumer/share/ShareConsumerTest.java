package dev.jrdkafka.consumer.share;

import static dev.jrdkafka.consumer.share.ShareTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The share consumer on librdkafka 2.15.0's mock cluster (ShareGroupHeartbeat, ShareFetch, ShareAcknowledge). */
@Timeout(120)
class ShareConsumerTest {
    private static final String TOPIC = "jobs";

    @Test
    void implicitModeDeliversEveryRecordOnceAndCommitsTheAcceptance() {
        try (MockCluster cluster = cluster(TOPIC, 2)) {
            produce(cluster, TOPIC, 2, 20);
            List<Map<TopicPartition, List<Long>>> commits = Collections.synchronizedList(new ArrayList<>());
            try (ShareConsumer c = ShareConsumer.create(config(cluster, "g-implicit"), ShareConsumerOptions.defaults()
                    .withAcknowledgementCommitListener((offsets, error) -> {
                        assertNull(error, "acknowledgement commit error");
                        commits.add(offsets);
                    }))) {
                assertEquals(AcknowledgementMode.IMPLICIT, c.acknowledgementMode());
                c.subscribe(List.of(TOPIC));
                assertEquals(List.of(TOPIC), c.subscription());
                List<Delivered> got = pollUntil(c, 30, "20 records", d -> d.size() >= 20, b -> { });
                assertEquals(IntStream.range(0, 20).mapToObj(i -> "v" + i).collect(Collectors.toSet()),
                        got.stream().map(Delivered::value).collect(Collectors.toSet()));
                assertEquals(20, got.size(), "each record once");
                assertTrue(got.stream().allMatch(d -> d.deliveryCount() == 1), "first deliveries: " + got);

                Map<TopicPartition, AcknowledgeOutcome> outcome = c.commitSync(Duration.ofSeconds(10));
                assertTrue(outcome.values().stream().allMatch(AcknowledgeOutcome::isSuccess), outcome.toString());
                assertTrue(pollFor(c, 1500, b -> { }).isEmpty(), "accepted records are not redelivered");
                assertFalse(commits.isEmpty(), "the acknowledgement commit listener heard of the acceptances");
                long acked = commits.stream().flatMap(m -> m.values().stream()).mapToLong(List::size).sum();
                assertTrue(acked >= 20, "acknowledged offsets reported: " + commits);
            }
        }
    }

    @Test
    void releasedRecordIsRedeliveredWithDeliveryCountTwo() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            produce(cluster, TOPIC, 1, 5);
            try (ShareConsumer c = ShareConsumer.create(explicit(cluster, "g-release"))) {
                c.subscribe(List.of(TOPIC));
                List<Delivered> all = pollUntil(c, 30, "5 records, then offset 2 again",
                        d -> d.size() >= 6 && d.stream().anyMatch(x -> x.record().offset() == 2 && x.deliveryCount() > 1), b -> {
                    for (var r : b) {
                        boolean release = r.offset() == 2 && r.deliveryCount() == 1;
                        c.acknowledge(r, release ? AcknowledgeType.RELEASE : AcknowledgeType.ACCEPT);
                    }
                });
                List<String> seen = all.stream().sorted(java.util.Comparator.comparingLong((Delivered d) -> d.record().offset())
                        .thenComparingInt(Delivered::deliveryCount)).map(d -> d.value() + "#" + d.deliveryCount()).toList();
                assertEquals(List.of("v0#1", "v1#1", "v2#1", "v2#2", "v3#1", "v4#1"), seen,
                        "each record once, and the released one again with delivery count 2");
                assertTrue(pollFor(c, 1000, b -> acceptAll(c, b)).isEmpty(), "accepted on its second delivery");
            }
        }
    }

    @Test
    void rejectedRecordIsNotRedeliveredEvenAfterItsLockWouldExpire() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            cluster.setShareGroupRecordLockDuration(Duration.ofMillis(500));
            produce(cluster, TOPIC, 1, 5);
            try (ShareConsumer c = ShareConsumer.create(explicit(cluster, "g-reject"))) {
                c.subscribe(List.of(TOPIC));
                pollUntil(c, 30, "5 records", d -> d.size() >= 5, b -> {
                    for (var r : b) c.acknowledge(r, r.offset() == 1 ? AcknowledgeType.REJECT : AcknowledgeType.ACCEPT);
                });
                c.commitSync(Duration.ofSeconds(10));
                // Four lock durations: an unacknowledged record would be back by now.
                assertEquals(List.of(), pollFor(c, 2000, b -> acceptAll(c, b)), "REJECTed record redelivered");
            }
        }
    }

    @Test
    void unacknowledgedRecordExpiresAndIsRedelivered() {
        // The control of the REJECT test: the same lock duration does bring an unacknowledged record back.
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            cluster.setShareGroupRecordLockDuration(Duration.ofMillis(500));
            produce(cluster, TOPIC, 1, 1);
            try (ShareConsumer c = ShareConsumer.create(config(cluster, "g-expire"))) {
                c.subscribe(List.of(TOPIC));
                List<Delivered> first = pollUntil(c, 30, "1 record", d -> !d.isEmpty(), b -> { });
                assertEquals(1, first.get(0).deliveryCount());
                // Hold the lock past its duration without polling: the implicit ACCEPT, sent with
                // the next poll, comes too late, and the record is delivered again.
                sleep(1500);
                List<Delivered> again = pollUntil(c, 30, "redelivery", d -> !d.isEmpty(), b -> { });
                assertEquals(2, again.get(0).deliveryCount(), "redelivered after the lock expired: " + again);
            }
        }
    }

    @Test
    void explicitModeRefusesAPollWhileRecordsAreUnacknowledged() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            produce(cluster, TOPIC, 1, 3);
            try (ShareConsumer c = ShareConsumer.create(explicit(cluster, "g-explicit"))) {
                assertEquals(AcknowledgementMode.EXPLICIT, c.acknowledgementMode());
                c.subscribe(List.of(TOPIC));
                List<Long> offsets = new ArrayList<>();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (offsets.isEmpty()) {
                    assertTrue(System.nanoTime() < deadline, "records within 30 s");
                    try (ShareRecordBatch b = c.poll(Duration.ofMillis(200))) {
                        for (var r : b) offsets.add(r.offset());
                        if (!b.isEmpty()) c.acknowledge(b.get(0), AcknowledgeType.ACCEPT);
                    }
                }
                int left = offsets.size() - 1;
                if (left > 0) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.poll(Duration.ZERO));
                    assertTrue(e.getMessage().contains(left + " record(s) of the previous poll are not acknowledged"), e.getMessage());
                }
                // The batch is closed: the rest is acknowledged by offset.
                for (long o : offsets.subList(1, offsets.size())) c.acknowledge(TOPIC, 0, o, AcknowledgeType.ACCEPT);
                c.poll(Duration.ZERO).close();
            }
        }
    }

    @Test
    void twoMembersSplitTheRecordsWithNoneLost() {
        try (MockCluster cluster = cluster(TOPIC, 4)) {
            try (ShareConsumer a = ShareConsumer.create(config(cluster, "g-split"));
                 ShareConsumer b = ShareConsumer.create(config(cluster, "g-split"))) {
                a.subscribe(List.of(TOPIC));
                b.subscribe(List.of(TOPIC));
                List<String> byA = new ArrayList<>();
                List<String> byB = new ArrayList<>();
                // Both join first (heartbeats every 200 ms), so the mock gives each member two partitions.
                long joined = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < joined) {
                    drain(a, byA);
                    drain(b, byB);
                }
                produce(cluster, TOPIC, 4, 200);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (firstDeliveries(byA, byB) < 200) {
                    assertTrue(System.nanoTime() < deadline, "200 records within 60 s, got " + byA.size() + " + " + byB.size());
                    drain(a, byA);
                    drain(b, byB);
                }
                for (int i = 0; i < 5; i++) { // implicit ACCEPT of the last batches; nothing more may arrive
                    drain(a, byA);
                    drain(b, byB);
                }
                Set<String> all = new TreeSet<>();
                for (String d : byA) all.add(d.substring(0, d.lastIndexOf('#')));
                for (String d : byB) all.add(d.substring(0, d.lastIndexOf('#')));
                assertEquals(200, all.size(), "none lost");
                // A share group delivers at least once: a record may come back (to either member) when
                // its acquisition lock lapses, e.g. on a loaded machine, but then with a higher
                // delivery count. Acquired twice as a first delivery would be a double acquisition.
                assertEquals(200, firstDeliveries(byA, byB), "each record acquired once as a first delivery");
                assertTrue(!byA.isEmpty() && !byB.isEmpty(), "both members got records: " + byA.size() + " + " + byB.size());
                System.out.printf("share split: member A %d, member B %d records%n", byA.size(), byB.size());
            }
        }
    }

    private static long firstDeliveries(List<String> byA, List<String> byB) {
        return java.util.stream.Stream.concat(byA.stream(), byB.stream()).filter(d -> d.endsWith("#1")).count();
    }

    private static void drain(ShareConsumer c, List<String> into) {
        try (ShareRecordBatch batch = c.poll(Duration.ofMillis(50))) {
            for (var r : batch) into.add(r.valueString() + "#" + r.deliveryCount());
        }
    }

    @Test
    void commitAsyncOutcomeReachesTheListenerOnTheCallingThread() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            produce(cluster, TOPIC, 1, 3);
            List<String> heard = Collections.synchronizedList(new ArrayList<>());
            try (ShareConsumer c = ShareConsumer.create(explicit(cluster, "g-async"), ShareConsumerOptions.defaults()
                    .withAcknowledgementCommitListener((offsets, error) ->
                            heard.add(Thread.currentThread().getName() + " " + offsets + " " + error)))) {
                c.subscribe(List.of(TOPIC));
                pollUntil(c, 30, "3 records", d -> d.size() >= 3, b -> acceptAll(c, b));
                c.commitAsync();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (heard.stream().noneMatch(s -> s.contains("[0, 1, 2]") || s.contains("2]"))) {
                    assertTrue(System.nanoTime() < deadline, "acknowledgement outcome within 10 s: " + heard);
                    c.poll(Duration.ofMillis(100)).close();
                }
                String me = Thread.currentThread().getName();
                assertTrue(heard.stream().allMatch(s -> s.startsWith(me + " ") && s.endsWith(" null")), heard.toString());
            }
        }
    }

    @Test
    void closeAndResubscribeWithANewMember() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            produce(cluster, TOPIC, 1, 4);
            ShareConsumer first = ShareConsumer.create(explicit(cluster, "g-resub"));
            first.subscribe(List.of(TOPIC));
            List<Delivered> got = pollUntil(first, 30, "4 records", d -> d.size() >= 4, b -> {
                for (var r : b) first.acknowledge(r, r.offset() < 2 ? AcknowledgeType.ACCEPT : AcknowledgeType.RELEASE);
            });
            assertEquals(4, got.size());
            first.close(); // sends the pending acknowledgements
            assertTrue(first.isClosed());
            first.close(); // idempotent
            try (ShareConsumer second = ShareConsumer.create(config(cluster, "g-resub"))) {
                second.subscribe(List.of(TOPIC));
                List<Delivered> again = pollUntil(second, 30, "the 2 released records", d -> d.size() >= 2, b -> { });
                assertEquals(Set.of("v2", "v3"), again.stream().map(Delivered::value).collect(Collectors.toSet()));
                assertTrue(again.stream().allMatch(d -> d.deliveryCount() == 2), again.toString());
                second.unsubscribe();
                assertEquals(List.of(), second.subscription());
                second.subscribe(List.of(TOPIC));
                assertEquals(List.of(TOPIC), second.subscription());
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
