package dev.jrdkafka.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import dev.jrdkafka.testkit.invariants.GroupProgressCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jrdkafka and kafka-clients members in one consumer group, under the classic protocol
 * (range, cooperative-sticky) and KIP-848's consumer protocol, while a producer writes:
 * members join and leave (orderly close) mid-stream. Every record is consumed, nothing is
 * skipped, and no record is read again below an offset the group had committed
 * ({@link GroupProgressCheck}); re-reads of uncommitted work are allowed and counted.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(150)
class MixedGroupIT {
    static final int PARTITIONS = 6;
    static final int RECORDS = 6_000;
    /** Producer pace: all records over about 12 s, so members join and leave while data flows. */
    static final int PER_TICK = 50;

    enum Protocol {
        CLASSIC_RANGE, CLASSIC_COOPERATIVE_STICKY, CONSUMER;

        KafkaConfig rd(KafkaBroker broker, String group) {
            KafkaConfig c = Clients.rdConsumer(broker, group, "read_uncommitted");
            return switch (this) {
                case CLASSIC_RANGE -> classic(c).set("partition.assignment.strategy", "range");
                case CLASSIC_COOPERATIVE_STICKY -> classic(c).set("partition.assignment.strategy", "cooperative-sticky");
                case CONSUMER -> c.set("group.protocol", "consumer");
            };
        }

        private static KafkaConfig classic(KafkaConfig c) {
            return c.set("group.protocol", "classic").set("session.timeout.ms", 10_000L).set("heartbeat.interval.ms", 500L);
        }

        Properties kc(KafkaBroker broker, String group) {
            Properties p = Clients.kcConsumer(broker, group, "read_uncommitted");
            switch (this) {
                case CLASSIC_RANGE -> classic(p).put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
                case CLASSIC_COOPERATIVE_STICKY -> classic(p).put("partition.assignment.strategy",
                        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
                case CONSUMER -> p.put("group.protocol", "consumer");
            }
            return p;
        }

        private static Properties classic(Properties p) {
            p.put("group.protocol", "classic");
            p.put("session.timeout.ms", "10000");
            p.put("heartbeat.interval.ms", "500");
            return p;
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void membersOfBothClientsShareTheWork(Protocol protocol, KafkaBroker broker) throws Exception {
        String topic = "mixed-" + protocol.name().toLowerCase(java.util.Locale.ROOT);
        String group = topic + "-group";
        Clients.createTopic(broker, topic, PARTITIONS);
        long[] end = new long[PARTITIONS];
        Arrays.fill(end, RECORDS / PARTITIONS);
        GroupProgressCheck check = new GroupProgressCheck(end);

        AtomicInteger produced = new AtomicInteger();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = Thread.ofPlatform().name("mixed-producer").start(() -> produce(broker, topic, produced, producerFailure));

        List<GroupMember> all = new ArrayList<>();
        GroupMember rd1 = add(all, new RdMember("jrdkafka-1", check, protocol.rd(broker, group), topic));
        GroupMember kc1 = add(all, new KcMember("kafka-clients-1", check, protocol.kc(broker, group), topic));
        try {
            awaitProgress(produced, RECORDS / 4);
            GroupMember rd2 = add(all, new RdMember("jrdkafka-2", check, protocol.rd(broker, group), topic));
            GroupMember kc2 = add(all, new KcMember("kafka-clients-2", check, protocol.kc(broker, group), topic));
            awaitProgress(produced, RECORDS / 2);
            kc1.leave();
            GroupMember kc3 = add(all, new KcMember("kafka-clients-3", check, protocol.kc(broker, group), topic));
            awaitProgress(produced, 3 * RECORDS / 4);
            rd1.leave();
            producer.join(Duration.ofSeconds(60));
            assertNull(producerFailure.get(), () -> "producer: " + producerFailure.get());
            assertEquals(RECORDS, produced.get());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!check.complete() && System.nanoTime() - deadline < 0) Thread.sleep(50);
            for (GroupMember m : List.of(rd2, kc2, kc3)) m.leave();
            for (GroupMember m : all) assertNull(m.failure.get(), () -> m.name + " failed: " + m.failure.get());
            System.out.printf("mixed group %s: %s; %s%n", protocol, all, check.summary());
            assertTrue(check.complete(), "every record consumed: " + check.summary() + " " + all);
            check.assertNothingSkippedNothingCommittedReread();
            // both clients did real work in the same group
            assertTrue(all.stream().filter(m -> m instanceof RdMember).mapToInt(m -> m.consumed.get()).sum() > 0, all.toString());
            assertTrue(all.stream().filter(m -> m instanceof KcMember).mapToInt(m -> m.consumed.get()).sum() > 0, all.toString());
            assertTrue(rd2.consumed.get() > 0 && kc2.consumed.get() + kc3.consumed.get() > 0, "members that joined later got partitions: " + all);
        } finally {
            for (GroupMember m : all) m.leave();
            producer.join(Duration.ofSeconds(30));
        }
    }

    private static GroupMember add(List<GroupMember> all, GroupMember m) {
        all.add(m);
        return m.start();
    }

    private static void awaitProgress(AtomicInteger produced, int target) throws InterruptedException {
        Clients.await("records produced", Duration.ofSeconds(60), produced::get, target);
    }

    /** Record i goes to partition i % PARTITIONS, PER_TICK every 100 ms. */
    private static void produce(KafkaBroker broker, String topic, AtomicInteger produced, AtomicReference<Throwable> failure) {
        try (Producer p = Producer.create(Clients.rd(broker).lingerMs(5))) {
            for (int i = 0; i < RECORDS; i++) {
                p.produce(topic, i % PARTITIONS, null, ("r" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (i % PER_TICK == PER_TICK - 1) {
                    p.flush(Duration.ofSeconds(30));
                    if (p.outstanding() != 0) throw new AssertionError(p.outstanding() + " records not delivered within 30 s");
                    produced.set(i + 1);
                    Thread.sleep(100);
                }
            }
            p.flush(Duration.ofSeconds(30));
            if (p.outstanding() != 0) throw new AssertionError(p.outstanding() + " records not delivered");
            produced.set(RECORDS);
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
