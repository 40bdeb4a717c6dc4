package dev.jrdkafka.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.internal.rd.mock.RdMockApis;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MockValueTypesTest {
    @Test
    void apiKeysAreTheMockImplementedOnes() {
        assertEquals(0, ApiKey.PRODUCE.code());
        assertEquals(68, ApiKey.CONSUMER_GROUP_HEARTBEAT.code());
        assertEquals(78, ApiKey.SHARE_FETCH.code());
        assertEquals("TxnOffsetCommit", ApiKey.TXN_OFFSET_COMMIT.kafkaName());
        assertEquals(Optional.of(ApiKey.END_TXN), ApiKey.fromCode(26));
        assertEquals(Optional.empty(), ApiKey.fromCode(32));
        Set<Integer> codes = new HashSet<>();
        for (ApiKey key : ApiKey.values()) {
            assertTrue(codes.add(key.code()), "duplicate " + key);
            assertTrue(RdMockApis.implemented(key.code()), key + " is implemented by the mock");
        }
        for (int code = 0; code < 100; code++) assertEquals(codes.contains(code), RdMockApis.implemented(code), "ApiKey " + code);
    }

    @Test
    void requestErrorsAndRequests() {
        assertEquals(new RequestError(KafkaError.NO_ERROR, Duration.ofMillis(7)), RequestError.delay(Duration.ofMillis(7)));
        assertEquals(Duration.ZERO, RequestError.of(KafkaError._TRANSPORT).rtt());
        assertEquals(Duration.ofSeconds(1), RequestError.of(KafkaError.NOT_COORDINATOR, Duration.ofSeconds(1)).rtt());
        MockRequest unknown = new MockRequest(2, 57, 10);
        assertFalse(unknown.is(ApiKey.PRODUCE));
        assertFalse(unknown.is(null));
        assertEquals(Optional.empty(), unknown.api());
        assertEquals("ApiKey 57 to broker 2 at 10 µs", unknown.toString());
    }

    @Test
    void targetAssignmentIsAnImmutableCopy() {
        TargetAssignment a = TargetAssignment.builder().assign("m1", "t", 0, 1).assign("m1", "u", 3).assign("m2", "t", 2)
                .assign("m3", "t").build();
        assertEquals(Map.of("m1", Map.of("t", List.of(0, 1), "u", List.of(3)), "m2", Map.of("t", List.of(2)),
                "m3", Map.of("t", List.of())), a.members());
        assertEquals(List.of("m1", "m2", "m3"), List.copyOf(a.members().keySet()), "insertion order");
        assertThrows(UnsupportedOperationException.class, () -> a.members().put("x", Map.of()));
        assertThrows(UnsupportedOperationException.class, () -> a.members().get("m1").get("t").add(9));
        assertEquals(a, new TargetAssignment(a.members()));
    }
}
