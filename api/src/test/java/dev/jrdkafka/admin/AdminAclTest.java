package dev.jrdkafka.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.cluster.AccessControlEntry;
import dev.jrdkafka.cluster.AclBinding;
import dev.jrdkafka.cluster.AclBindingFilter;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.AclPermissionType;
import dev.jrdkafka.cluster.PatternType;
import dev.jrdkafka.cluster.ResourcePattern;
import dev.jrdkafka.cluster.ResourceType;
import dev.jrdkafka.cluster.ScramMechanism;
import dev.jrdkafka.cluster.UserScramCredentialAlteration;
import dev.jrdkafka.cluster.UserScramCredentialDeletion;
import dev.jrdkafka.cluster.UserScramCredentialUpsertion;
import dev.jrdkafka.config.KafkaConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The ACL and SCRAM calls' argument checks, made before any request (an Admin pointed at no
 * broker), secrets kept out of text, and request-level failures reaching every future. The
 * calls themselves run against a real broker in integration-tests' AdminAclIT.
 */
@Timeout(60)
class AdminAclTest {
    static final AclBinding READ_T = binding(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:alice", "*",
            AclOperation.READ, AclPermissionType.ALLOW);
    static Admin admin;

    static AclBinding binding(ResourceType type, String name, PatternType pattern, String principal, String host,
                              AclOperation op, AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, host, op, permission));
    }

    @BeforeAll
    static void admin() {
        admin = Admin.create(KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L));
    }

    @AfterAll
    static void close() {
        admin.close(Duration.ofMillis(200));
    }

    static void refused(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void createAclsRefusesBindingsOnlyFiltersMayHave() {
        refused("at least one binding", () -> admin.createAcls(List.of()));
        refused("is given more than once", () -> admin.createAcls(List.of(READ_T, READ_T)));
        refused("resource type ANY", () -> admin.createAcls(List.of(
                binding(ResourceType.ANY, "t", PatternType.LITERAL, "User:a", "*", AclOperation.READ, AclPermissionType.ALLOW))));
        refused("resource type UNKNOWN", () -> admin.createAcls(List.of(
                binding(ResourceType.UNKNOWN, "t", PatternType.LITERAL, "User:a", "*", AclOperation.READ, AclPermissionType.ALLOW))));
        refused("pattern type MATCH", () -> admin.createAcls(List.of(
                binding(ResourceType.TOPIC, "t", PatternType.MATCH, "User:a", "*", AclOperation.READ, AclPermissionType.ALLOW))));
        refused("pattern type ANY", () -> admin.createAcls(List.of(
                binding(ResourceType.TOPIC, "t", PatternType.ANY, "User:a", "*", AclOperation.READ, AclPermissionType.ALLOW))));
        refused("operation ANY", () -> admin.createAcls(List.of(
                binding(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:a", "*", AclOperation.ANY, AclPermissionType.ALLOW))));
        refused("permission ANY", () -> admin.createAcls(List.of(
                binding(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:a", "*", AclOperation.READ, AclPermissionType.ANY))));
        refused("empty resource name", () -> admin.createAcls(List.of(
                binding(ResourceType.TOPIC, "", PatternType.LITERAL, "User:a", "*", AclOperation.READ, AclPermissionType.ALLOW))));
        refused("empty principal", () -> admin.createAcls(List.of(
                binding(ResourceType.TOPIC, "t", PatternType.LITERAL, "", "*", AclOperation.READ, AclPermissionType.ALLOW))));
        refused("empty host", () -> admin.createAcls(List.of(
                binding(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:a", "", AclOperation.READ, AclPermissionType.ALLOW))));
        refused("NUL", () -> admin.createAcls(List.of(
                binding(ResourceType.TOPIC, "t\0u", PatternType.LITERAL, "User:a", "*", AclOperation.READ, AclPermissionType.ALLOW))));
        assertThrows(NullPointerException.class, () -> new ResourcePattern(ResourceType.TOPIC, null, PatternType.LITERAL));
        assertThrows(NullPointerException.class, () -> admin.createAcls(null));
    }

    @Test
    void filtersRefuseUnknownValuesAndDuplicates() {
        AclBindingFilter unknownOp = AclBindingFilter.ANY.withOperation(AclOperation.UNKNOWN);
        refused("operation UNKNOWN", () -> admin.describeAcls(unknownOp));
        refused("resource type UNKNOWN", () -> admin.describeAcls(AclBindingFilter.forResource(ResourceType.UNKNOWN, null, PatternType.ANY)));
        refused("pattern type UNKNOWN", () -> admin.deleteAcls(List.of(AclBindingFilter.forResource(ResourceType.TOPIC, "t", PatternType.UNKNOWN))));
        refused("permission UNKNOWN", () -> admin.deleteAcls(List.of(AclBindingFilter.ANY.withPermission(AclPermissionType.UNKNOWN))));
        refused("at least one filter", () -> admin.deleteAcls(List.of()));
        refused("is given more than once", () -> admin.deleteAcls(List.of(AclBindingFilter.ANY, AclBindingFilter.ANY)));
        assertThrows(NullPointerException.class, () -> admin.describeAcls(null));
        assertEquals(new AclBindingFilter(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:alice", "*", AclOperation.READ,
                AclPermissionType.ALLOW), READ_T.toFilter());
    }

    @Test
    void scramArgumentsAreCheckedAndSecretsNeverShown() {
        refused("at least one resource", () -> admin.describeUserScramCredentials(List.of()));
        refused("'bob' is given more than once", () -> admin.describeUserScramCredentials(List.of("bob", "bob")));
        refused("a name is empty", () -> admin.describeUserScramCredentials(List.of("")));
        refused("at least one alteration", () -> admin.alterUserScramCredentials(List.of()));
        UserScramCredentialUpsertion upsert = new UserScramCredentialUpsertion("bob", ScramMechanism.SCRAM_SHA_256, 8192,
                "hunter2-secret".getBytes(StandardCharsets.UTF_8), "pepper-salt".getBytes(StandardCharsets.UTF_8));
        refused("user 'bob' is altered more than once", () -> admin.alterUserScramCredentials(List.of(upsert,
                new UserScramCredentialDeletion("bob", ScramMechanism.SCRAM_SHA_512))));
        refused("iterations must be >= 1", () -> new UserScramCredentialUpsertion("bob", ScramMechanism.SCRAM_SHA_256, 0, "pw"));
        refused("must not be UNKNOWN", () -> new UserScramCredentialUpsertion("bob", ScramMechanism.UNKNOWN, 4096, "pw"));
        refused("must not be UNKNOWN", () -> new UserScramCredentialDeletion("bob", ScramMechanism.UNKNOWN));
        refused("user name must not be empty", () -> new UserScramCredentialDeletion("", ScramMechanism.SCRAM_SHA_512));
        IllegalArgumentException emptyPassword = assertThrows(IllegalArgumentException.class,
                () -> new UserScramCredentialUpsertion("bob", ScramMechanism.SCRAM_SHA_512, 4096, ""));
        assertTrue(emptyPassword.getMessage().contains("password must not be empty"), emptyPassword.getMessage());
        refused("salt must not be empty", () -> new UserScramCredentialUpsertion("bob", ScramMechanism.SCRAM_SHA_512, 4096,
                new byte[] {1}, new byte[0]));

        String text = upsert.toString() + List.of(upsert);
        assertFalse(text.contains("hunter2") || text.contains("pepper"), text);
        assertTrue(text.contains("bob") && text.contains("8192") && text.contains("SCRAM_SHA_256"), text);
        assertEquals(upsert, new UserScramCredentialUpsertion("bob", ScramMechanism.SCRAM_SHA_256, 8192,
                "hunter2-secret".getBytes(StandardCharsets.UTF_8), "pepper-salt".getBytes(StandardCharsets.UTF_8)));
        byte[] password = upsert.password();
        password[0] = 'X'; // a copy: the upsertion keeps its own
        assertArrayEquals("hunter2-secret".getBytes(StandardCharsets.UTF_8), upsert.password());
        assertNull(new UserScramCredentialUpsertion("bob", ScramMechanism.SCRAM_SHA_256, 4096, "pw").salt(), "random salt");
    }

    @Test
    void aRequestThatCannotBeServedFailsEveryFutureWithoutShowingSecrets() {
        AdminOptions quick = AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(1));
        AclBinding writeT = binding(ResourceType.TOPIC, "t", PatternType.PREFIXED, "User:bob", "*", AclOperation.WRITE,
                AclPermissionType.DENY);
        ResourceResults<AclBinding, Void> created = admin.createAcls(List.of(READ_T, writeT), quick);
        failed("createAcls", created.value(READ_T));
        failed("createAcls", created.value(writeT));
        failed("describeAcls", admin.describeAcls(AclBindingFilter.ANY, quick));
        ResourceResults<AclBindingFilter, List<AclBinding>> deleted = admin.deleteAcls(List.of(AclBindingFilter.ANY), quick);
        failed("deleteAcls", deleted.value(AclBindingFilter.ANY));
        failed("describeUserScramCredentials", admin.describeUserScramCredentials(quick));
        failed("describeUserScramCredentials", admin.describeUserScramCredentials(List.of("bob"), quick).value("bob"));
        List<UserScramCredentialAlteration> alterations = List.of(
                new UserScramCredentialUpsertion("bob", ScramMechanism.SCRAM_SHA_256, 4096, "hunter2-secret"),
                new UserScramCredentialDeletion("carol", ScramMechanism.SCRAM_SHA_512));
        ResourceResults<String, Void> altered = admin.alterUserScramCredentials(alterations, quick);
        assertEquals(List.of("bob", "carol"), List.copyOf(altered.values().keySet()));
        String message = failed("alterUserScramCredentials", altered.value("bob")).getMessage();
        assertFalse(message.contains("hunter2"), message);
        failed("alterUserScramCredentials", altered.value("carol"));
    }

    static KafkaException failed(String operation, CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, () -> future.orTimeout(30, TimeUnit.SECONDS).join());
        assertTrue(e.getCause() instanceof KafkaException, e.toString());
        assertTrue(e.getCause().getMessage().startsWith(operation), e.getCause().getMessage());
        return (KafkaException) e.getCause();
    }
}
