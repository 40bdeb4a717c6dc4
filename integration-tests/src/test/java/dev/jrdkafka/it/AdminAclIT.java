package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.admin.ResourceResults;
import dev.jrdkafka.cluster.AccessControlEntry;
import dev.jrdkafka.cluster.AclBinding;
import dev.jrdkafka.cluster.AclBindingFilter;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.AclPermissionType;
import dev.jrdkafka.cluster.PatternType;
import dev.jrdkafka.cluster.ResourcePattern;
import dev.jrdkafka.cluster.ResourceType;
import dev.jrdkafka.cluster.ScramCredentialInfo;
import dev.jrdkafka.cluster.ScramMechanism;
import dev.jrdkafka.cluster.UserScramCredentialDeletion;
import dev.jrdkafka.cluster.UserScramCredentialUpsertion;
import dev.jrdkafka.testkit.AuthorizerBrokerExtension;
import dev.jrdkafka.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ACLs and SCRAM credentials on a real broker with the StandardAuthorizer (the client is
 * User:ANONYMOUS, its super user). The controller applies changes and the broker sees them
 * a moment later, so reads after a change wait (bounded) for it.
 */
@ExtendWith(AuthorizerBrokerExtension.class)
@Timeout(90)
class AdminAclIT {
    static Admin admin;

    @BeforeAll
    static void admin(KafkaBroker broker) {
        admin = Admin.create(Clients.config(broker));
    }

    @AfterAll
    static void close() {
        if (admin != null) admin.close();
    }

    static AclBinding acl(ResourceType type, String name, PatternType pattern, String principal, AclOperation op,
                          AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, "*", op, permission));
    }

    static <V> V await(CompletableFuture<V> f) {
        return f.orTimeout(30, TimeUnit.SECONDS).join();
    }

    static KafkaException failure(CompletableFuture<?> f) {
        CompletionException e = assertThrows(CompletionException.class, () -> await(f));
        assertTrue(e.getCause() instanceof KafkaException, e.toString());
        return (KafkaException) e.getCause();
    }

    /** Asks again (every 100 ms, up to 20 s) until the answer passes {@code done}; returns it. */
    static <T> T eventually(Supplier<T> ask, Predicate<T> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        T last = ask.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("still not as expected after 20 s: " + last);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = ask.get();
        }
        return last;
    }

    static List<AclBinding> describe(AclBindingFilter filter) {
        return await(admin.describeAcls(filter));
    }

    @Test
    void aclsAreCreatedDescribedWithFiltersAndDeleted() {
        String alice = "User:acl-alice";
        String bob = "User:acl-bob";
        AclBinding aliceReads = acl(ResourceType.TOPIC, "acl-orders", PatternType.LITERAL, alice, AclOperation.READ, AclPermissionType.ALLOW);
        AclBinding aliceMayNotWrite = acl(ResourceType.TOPIC, "acl-orders", PatternType.LITERAL, alice, AclOperation.WRITE,
                AclPermissionType.DENY);
        AclBinding aliceGroups = acl(ResourceType.GROUP, "acl-group-", PatternType.PREFIXED, alice, AclOperation.READ,
                AclPermissionType.ALLOW);
        AclBinding bobDescribes = acl(ResourceType.TOPIC, "acl-orders", PatternType.LITERAL, bob, AclOperation.DESCRIBE,
                AclPermissionType.ALLOW);
        List<AclBinding> all = List.of(aliceReads, aliceMayNotWrite, aliceGroups, bobDescribes);
        ResourceResults<AclBinding, Void> created = admin.createAcls(all);
        for (AclBinding b : all) await(created.value(b));

        AclBindingFilter alices = AclBindingFilter.ANY.withPrincipal(alice);
        assertEquals(Set.of(aliceReads, aliceMayNotWrite, aliceGroups), Set.copyOf(eventually(() -> describe(alices), l -> l.size() == 3)));
        AclBindingFilter ordersTopic = AclBindingFilter.forResource(ResourceType.TOPIC, "acl-orders", PatternType.LITERAL);
        assertEquals(Set.of(aliceReads, aliceMayNotWrite, bobDescribes),
                Set.copyOf(eventually(() -> describe(ordersTopic), l -> l.size() == 3)));
        assertEquals(List.of(aliceMayNotWrite), describe(alices.withPermission(AclPermissionType.DENY)));
        assertEquals(List.of(aliceGroups), describe(AclBindingFilter.forResource(ResourceType.GROUP, "acl-group-7", PatternType.MATCH)),
                "MATCH finds the prefixed ACL that applies to the group");
        assertEquals(List.of(), describe(AclBindingFilter.forResource(ResourceType.GROUP, "acl-group-7", PatternType.LITERAL)));

        AclBindingFilter alicesTopics = new AclBindingFilter(ResourceType.TOPIC, null, PatternType.ANY, alice, null,
                AclOperation.ANY, AclPermissionType.ANY);
        AclBindingFilter nobody = AclBindingFilter.ANY.withPrincipal("User:acl-nobody");
        ResourceResults<AclBindingFilter, List<AclBinding>> deleted = admin.deleteAcls(List.of(alicesTopics, nobody));
        assertEquals(Set.of(aliceReads, aliceMayNotWrite), Set.copyOf(await(deleted.value(alicesTopics))));
        assertEquals(List.of(), await(deleted.value(nobody)), "a filter matching nothing deletes nothing");
        assertEquals(List.of(aliceGroups), eventually(() -> describe(alices), l -> l.size() == 1));
        assertEquals(List.of(bobDescribes), describe(AclBindingFilter.ANY.withPrincipal(bob)));

        ResourceResults<AclBindingFilter, List<AclBinding>> rest = admin.deleteAcls(List.of(alices, AclBindingFilter.ANY.withPrincipal(bob)));
        await(rest.all());
        eventually(() -> describe(alices), List::isEmpty);
    }

    @Test
    void eachBindingSucceedsOrFailsOnItsOwn() {
        AclBinding valid = acl(ResourceType.TOPIC, "acl-mixed", PatternType.LITERAL, "User:acl-carol", AclOperation.READ,
                AclPermissionType.ALLOW);
        AclBinding noPrincipalType = acl(ResourceType.TOPIC, "acl-mixed", PatternType.LITERAL, "acl-carol", AclOperation.READ,
                AclPermissionType.ALLOW);
        ResourceResults<AclBinding, Void> created = admin.createAcls(List.of(noPrincipalType, valid));
        await(created.value(valid));
        KafkaException invalid = failure(created.value(noPrincipalType));
        assertEquals(KafkaError.INVALID_REQUEST, invalid.error(), invalid.getMessage());
        assertTrue(invalid.getMessage().startsWith("createAcls of AclBinding["), invalid.getMessage());
        assertTrue(failure(created.all()) != null);

        AclBindingFilter carol = AclBindingFilter.ANY.withPrincipal("User:acl-carol");
        assertEquals(List.of(valid), eventually(() -> describe(carol), l -> !l.isEmpty()));
        assertEquals(List.of(valid), await(admin.deleteAcls(List.of(carol)).value(carol)));
    }

    @Test
    void scramCredentialsAreUpsertedDescribedAndDeleted() {
        String dave = "scram-dave";
        String erin = "scram-erin";
        ResourceResults<String, Void> upserted = admin.alterUserScramCredentials(List.of(
                new UserScramCredentialUpsertion(dave, ScramMechanism.SCRAM_SHA_256, 8192,
                        "dave-password".getBytes(StandardCharsets.UTF_8), "dave-salt".getBytes(StandardCharsets.UTF_8)),
                new UserScramCredentialUpsertion(erin, ScramMechanism.SCRAM_SHA_256, 100, "erin-password")));
        await(upserted.value(dave));
        await(admin.alterUserScramCredentials(List.of(
                new UserScramCredentialUpsertion(dave, ScramMechanism.SCRAM_SHA_512, 4096, "dave-password"))).value(dave));
        KafkaException tooFew = failure(upserted.value(erin));
        assertEquals(KafkaError.UNACCEPTABLE_CREDENTIAL, tooFew.error(), "100 iterations is below SCRAM's minimum: " + tooFew.getMessage());
        assertTrue(!tooFew.getMessage().contains("erin-password"), tooFew.getMessage());

        Set<ScramCredentialInfo> both = Set.of(new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096));
        assertEquals(both, Set.copyOf(eventually(() -> describeOne(dave), l -> l.size() == 2)));
        Map<String, List<ScramCredentialInfo>> everyone = await(admin.describeUserScramCredentials());
        assertEquals(both, Set.copyOf(everyone.get(dave)), everyone.toString());
        assertTrue(!everyone.containsKey(erin), everyone.toString());

        ResourceResults<String, List<ScramCredentialInfo>> described = admin.describeUserScramCredentials(List.of(dave, "scram-nobody"));
        assertEquals(both, Set.copyOf(await(described.value(dave))));
        assertEquals(KafkaError.RESOURCE_NOT_FOUND, failure(described.value("scram-nobody")).error(), "an unknown user");

        await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(dave, ScramMechanism.SCRAM_SHA_256))).value(dave));
        assertEquals(List.of(new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096)), eventually(() -> describeOne(dave), l -> l.size() == 1));
        ResourceResults<String, Void> deleted = admin.alterUserScramCredentials(List.of(
                new UserScramCredentialDeletion(dave, ScramMechanism.SCRAM_SHA_512),
                new UserScramCredentialDeletion(erin, ScramMechanism.SCRAM_SHA_256)));
        await(deleted.value(dave));
        assertEquals(KafkaError.RESOURCE_NOT_FOUND, failure(deleted.value(erin)).error(), "erin never had a credential");
        eventually(() -> failure(admin.describeUserScramCredentials(List.of(dave)).value(dave)).error(),
                e -> e == KafkaError.RESOURCE_NOT_FOUND);
    }

    /** One user's credentials; none while the broker does not know it yet. */
    static List<ScramCredentialInfo> describeOne(String user) {
        try {
            return await(admin.describeUserScramCredentials(List.of(user)).value(user));
        } catch (CompletionException e) {
            if (e.getCause() instanceof KafkaException k && k.error() == KafkaError.RESOURCE_NOT_FOUND) return List.of();
            throw e;
        }
    }
}
