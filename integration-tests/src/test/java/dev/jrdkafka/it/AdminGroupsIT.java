package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.admin.AdminOptions;
import dev.jrdkafka.admin.ResourceResults;
import dev.jrdkafka.cluster.ConsumerGroupDescription;
import dev.jrdkafka.cluster.ConsumerGroupListing;
import dev.jrdkafka.cluster.ConsumerGroupListings;
import dev.jrdkafka.cluster.GroupState;
import dev.jrdkafka.cluster.GroupType;
import dev.jrdkafka.cluster.MemberDescription;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumer group calls against a real broker, with a jrdkafka Consumer as the group's
 * member: listing, describing, committed offsets listed, altered and deleted, groups deleted;
 * each group's (or partition's) failure on its own.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class AdminGroupsIT {
    static KafkaBroker broker;

    @BeforeAll
    static void broker(KafkaBroker shared) {
        broker = shared;
    }

    static <K, V> V await(ResourceResults<K, V> r, K key) {
        return AdminConfigsIT.await(r, key);
    }

    static <K> KafkaException failure(ResourceResults<K, ?> r, K key) {
        return AdminConfigsIT.failure(r, key);
    }

    static ConsumerGroupListings list(Admin admin, AdminOptions options) {
        ConsumerGroupListings l = admin.listConsumerGroups(options).orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals(List.of(), l.errors());
        return l;
    }

    static Optional<ConsumerGroupListing> listed(ConsumerGroupListings l, String group) {
        return l.groups().stream().filter(g -> g.groupId().equals(group)).findFirst();
    }

    /** Retries {@code check} (a bounded number of times) until it holds: the broker's view of a group changes asynchronously. */
    static void eventually(String what, Supplier<Boolean> check) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.get()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what + ": not within 30 s");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static void createTopic(Admin admin, String topic, int partitions) {
        await(admin.createTopics(List.of(new NewTopic(topic, partitions, 1))), topic);
    }

    @Test
    void aGroupWithAMemberThenEmptyThenDeleted() {
        String topic = "grp-topic";
        String group = "grp-active";
        String missing = "grp-never-existed";
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (Admin admin = Admin.create(Clients.config(broker))) {
            createTopic(admin, topic, 2);
            try (Consumer member = Consumer.create(Clients.consumer(broker, group, "read_committed").clientId("grp-member"))) {
                member.subscribe(List.of(topic));
                Clients.pollUntil(member, Duration.ofSeconds(30), "assignment of both partitions", () -> member.assignment().size() == 2);
                member.commitSync(Map.of(p0, new OffsetAndMetadata(1, "m0")));

                // ListConsumerGroups, with and without matching states and types.
                ConsumerGroupListing listing = listed(list(admin, AdminOptions.defaults()), group).orElseThrow();
                assertEquals(GroupState.STABLE, listing.state(), listing.toString());
                assertEquals(GroupType.CLASSIC, listing.type(), listing.toString());
                assertFalse(listing.isSimpleConsumerGroup());
                assertTrue(listed(list(admin, AdminOptions.defaults().withMatchGroupStates(Set.of(GroupState.STABLE))), group).isPresent());
                assertFalse(listed(list(admin, AdminOptions.defaults().withMatchGroupStates(Set.of(GroupState.EMPTY))), group).isPresent());
                assertTrue(listed(list(admin, AdminOptions.defaults().withMatchGroupTypes(Set.of(GroupType.CLASSIC))), group).isPresent());
                assertFalse(listed(list(admin, AdminOptions.defaults().withMatchGroupTypes(Set.of(GroupType.CONSUMER))), group).isPresent());

                // DescribeConsumerGroups: the member, its assignment, the coordinator; a group that does not exist on its own.
                ResourceResults<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(List.of(group, missing),
                        AdminOptions.defaults().withIncludeAuthorizedOperations(true));
                ConsumerGroupDescription d = await(described, group);
                assertEquals(group, d.groupId());
                assertEquals(GroupState.STABLE, d.state());
                assertEquals(GroupType.CLASSIC, d.type());
                assertEquals("range", d.partitionAssignor());
                assertEquals(admin.metadata(AdminIT.T).brokers().getFirst().id(), d.coordinator().id());
                assertTrue(d.coordinator().port() > 0, d.coordinator().toString());
                assertEquals(1, d.members().size(), d.toString());
                MemberDescription m = d.members().getFirst();
                assertEquals("grp-member", m.clientId());
                assertFalse(m.memberId().isEmpty());
                assertNull(m.groupInstanceId());
                assertEquals(Set.of(p0, p1), Set.copyOf(m.assignment()));
                assertNotNull(d.authorizedOperations(), "asked for");
                assertNoSuchGroup(described, missing);
                assertNull(await(admin.describeConsumerGroups(List.of(group)), group).authorizedOperations(), "not asked for");

                // ListConsumerGroupOffsets: all, and the partitions asked (null where none committed).
                Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(List.of(group, missing)), group);
                assertEquals(1, committed.get(p0).offset(), committed.toString());
                assertEquals("m0", committed.get(p0).metadata());
                assertNull(committed.get(p1), committed.toString());
                ResourceResults<String, Map<TopicPartition, OffsetAndMetadata>> asked = admin.listConsumerGroupOffsets(
                        Map.of(group, List.of(p0, p1)), AdminOptions.defaults().withRequireStableOffsets(true));
                Map<TopicPartition, OffsetAndMetadata> both = await(asked, group);
                assertEquals(Set.of(p0, p1), both.keySet());
                assertEquals(1, both.get(p0).offset());
                assertNull(both.get(p1));

                // While the group has a member: deleting it, or the offsets of its topic, or altering them fails.
                ResourceResults<String, Void> deleted = admin.deleteConsumerGroups(List.of(group, missing));
                assertEquals(KafkaError.NON_EMPTY_GROUP, failure(deleted, group).error());
                assertEquals(KafkaError.GROUP_ID_NOT_FOUND, failure(deleted, missing).error());
                ResourceResults<TopicPartition, Void> offsetsDeleted = admin.deleteConsumerGroupOffsets(group, List.of(p0));
                assertEquals(KafkaError.GROUP_SUBSCRIBED_TO_TOPIC, failure(offsetsDeleted, p0).error());
                ResourceResults<TopicPartition, Void> altered = admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(5)));
                assertNotNull(failure(altered, p0).error(), "a group with an active member refuses an admin's commit");
            }

            // The member left: the group is empty, its offsets can be altered and deleted, then the group.
            eventually("the group empty", () -> await(admin.describeConsumerGroups(List.of(group)), group).state() == GroupState.EMPTY);
            assertEquals(List.of(), await(admin.describeConsumerGroups(List.of(group)), group).members());
            assertTrue(listed(list(admin, AdminOptions.defaults().withMatchGroupStates(Set.of(GroupState.EMPTY))), group).isPresent());

            TopicPartition unknown = new TopicPartition("grp-no-such-topic", 0);
            ResourceResults<TopicPartition, Void> altered = admin.alterConsumerGroupOffsets(group,
                    Map.of(p0, new OffsetAndMetadata(3), p1, new OffsetAndMetadata(4, "m1")));
            await(altered, p0);
            await(altered, p1);
            Map<TopicPartition, OffsetAndMetadata> now = await(admin.listConsumerGroupOffsets(List.of(group)), group);
            assertEquals(3, now.get(p0).offset());
            assertEquals(4, now.get(p1).offset());
            assertEquals("m1", now.get(p1).metadata());

            ResourceResults<TopicPartition, Void> offsetsDeleted = admin.deleteConsumerGroupOffsets(group, List.of(p1));
            await(offsetsDeleted, p1);
            now = await(admin.listConsumerGroupOffsets(List.of(group)), group);
            assertEquals(3, now.get(p0).offset());
            assertNull(now.get(p1), now.toString());

            ResourceResults<TopicPartition, Void> ofMissing = admin.deleteConsumerGroupOffsets(missing, List.of(p0, unknown));
            assertEquals(KafkaError.GROUP_ID_NOT_FOUND, failure(ofMissing, p0).error());
            assertEquals(KafkaError.GROUP_ID_NOT_FOUND, failure(ofMissing, unknown).error(), "the group's error is every partition's");

            await(admin.deleteConsumerGroups(List.of(group)), group);
            assertEquals(Map.of(), await(admin.listConsumerGroupOffsets(List.of(group)), group), "gone with the group");
            assertNoSuchGroup(admin.describeConsumerGroups(List.of(group)), group);
        }
    }

    @Test
    void aConsumerProtocolGroupIsDescribedWithItsTargetAssignment() {
        String topic = "grp-848-topic";
        String group = "grp-848";
        try (Admin admin = Admin.create(Clients.config(broker))) {
            createTopic(admin, topic, 3);
            try (Consumer member = Consumer.create(Clients.consumer(broker, group, "read_committed").set("group.protocol", "consumer"))) {
                member.subscribe(List.of(topic));
                Clients.pollUntil(member, Duration.ofSeconds(30), "assignment of the 3 partitions", () -> member.assignment().size() == 3);
                ConsumerGroupListing listing = listed(list(admin, AdminOptions.defaults().withMatchGroupTypes(Set.of(GroupType.CONSUMER))), group)
                        .orElseThrow();
                assertEquals(GroupType.CONSUMER, listing.type());
                eventually("the group stable with its target assignment reached", () -> {
                    ConsumerGroupDescription d = await(admin.describeConsumerGroups(List.of(group)), group);
                    return d.state() == GroupState.STABLE && d.members().size() == 1 && d.members().getFirst().targetAssignment() != null
                            && Set.copyOf(d.members().getFirst().targetAssignment()).equals(member.assignment());
                });
                ConsumerGroupDescription d = await(admin.describeConsumerGroups(List.of(group)), group);
                assertEquals(GroupType.CONSUMER, d.type());
                assertEquals(member.assignment(), Set.copyOf(d.members().getFirst().assignment()), d.toString());
                assertFalse(d.partitionAssignor().isEmpty(), "the broker's assignor: " + d);

                ResourceResults<String, Void> deleted = admin.deleteConsumerGroups(List.of(group));
                assertEquals(KafkaError.NON_EMPTY_GROUP, failure(deleted, group).error());
            }
            eventually("the group empty", () -> await(admin.describeConsumerGroups(List.of(group)), group).state() == GroupState.EMPTY);
            await(admin.deleteConsumerGroups(List.of(group)), group);
        }
    }

    @Test
    void lagIsTheLatestOffsetMinusTheCommittedOne() {
        String topic = "grp-lag-topic";
        String group = "grp-lag";
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Clients.config(broker))) {
            createTopic(admin, topic, 2);
            Clients.produce(broker, topic, 2, 6, i -> 0); // 3 records per partition
            await(admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(1))), p0); // a simple group, made by the commit
            ResourceResults<String, Map<TopicPartition, Long>> lag = admin.consumerGroupLag(List.of(group, "grp-lag-none"));
            assertEquals(Map.of(p0, 2L), await(lag, group), "partition 1 has no committed offset: no lag");
            assertEquals(Map.of(), await(lag, "grp-lag-none"));
            assertEquals(Map.of(p0, 2L), await(admin.consumerGroupLag(List.of(group),
                    AdminOptions.defaults().withIsolationLevel(AdminOptions.IsolationLevel.READ_COMMITTED).withRequireStableOffsets(true)), group));
            ConsumerGroupListing simple = listed(list(admin, AdminOptions.defaults()), group).orElseThrow();
            assertTrue(simple.isSimpleConsumerGroup(), simple.toString());
            await(admin.deleteConsumerGroups(List.of(group)), group);
        }
    }

    /** A group that does not exist: described as DEAD with no members, or failed with GROUP_ID_NOT_FOUND, as the broker answers. */
    static void assertNoSuchGroup(ResourceResults<String, ConsumerGroupDescription> r, String group) {
        try {
            ConsumerGroupDescription d = await(r, group);
            assertEquals(GroupState.DEAD, d.state(), d.toString());
            assertEquals(List.of(), d.members());
        } catch (java.util.concurrent.CompletionException e) {
            assertEquals(KafkaError.GROUP_ID_NOT_FOUND, ((KafkaException) e.getCause()).error(), e.toString());
        }
    }
}
