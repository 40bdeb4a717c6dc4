package dev.jrdkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.bindings.rd_kafka_err_desc;
import dev.jrdkafka.bindings.rdkafka_h;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdErrors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The enum against the loaded librdkafka's own table, both ways. */
class KafkaErrorTest {
    record Desc(int code, String name, String desc) {}

    static List<Desc> librdkafkaTable() {
        Rd.library();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment descsPtr = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment count = arena.allocate(ValueLayout.JAVA_LONG);
            rdkafka_h.rd_kafka_get_err_descs(descsPtr, count);
            long n = count.get(ValueLayout.JAVA_LONG, 0);
            MemorySegment descs = descsPtr.get(ValueLayout.ADDRESS, 0).reinterpret(n * rd_kafka_err_desc.sizeof());
            List<Desc> table = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                MemorySegment d = rd_kafka_err_desc.asSlice(descs, i);
                MemorySegment name = rd_kafka_err_desc.name(d);
                if (name.equals(MemorySegment.NULL)) continue;
                MemorySegment desc = rd_kafka_err_desc.desc(d);
                table.add(new Desc(rd_kafka_err_desc.code(d), name.reinterpret(256).getString(0),
                        desc.equals(MemorySegment.NULL) ? "" : desc.reinterpret(1024).getString(0)));
            }
            return table;
        }
    }

    @Test
    void everyNamedLibrdkafkaErrorIsAConstantWithTheSameCodeAndDescription() {
        List<String> problems = new ArrayList<>();
        Set<KafkaError> seen = new HashSet<>();
        for (Desc d : librdkafkaTable()) {
            if (d.name().equals("_BEGIN") || d.name().equals("_END")) continue; // range markers
            KafkaError e;
            try {
                e = KafkaError.valueOf(d.name());
            } catch (IllegalArgumentException missing) {
                problems.add("missing " + d);
                continue;
            }
            seen.add(e);
            if (e.code() != d.code()) problems.add(d.name() + ": code " + e.code() + " != " + d.code());
            if (!e.description().equals(d.desc())) problems.add(d.name() + ": '" + e.description() + "' != '" + d.desc() + "'");
            if (KafkaError.fromCode(d.code()) != e) problems.add("fromCode(" + d.code() + ") != " + e);
        }
        for (KafkaError e : KafkaError.values()) if (!seen.contains(e)) problems.add("not in librdkafka's table: " + e);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(188, KafkaError.values().length);
    }

    @Test
    void localErrorsAreNegativeAndUnknownCodesMapToUnknown() {
        assertTrue(KafkaError._MSG_TIMED_OUT.isLocal());
        assertFalse(KafkaError.NOT_LEADER_FOR_PARTITION.isLocal());
        assertEquals(KafkaError.UNKNOWN, KafkaError.fromCode(123_456));
    }

    @Test
    void exceptionsFromCodesCarryLibrdkafkasWordsAndTheRawCode() {
        KafkaException e = RdErrors.fromCode(KafkaError._QUEUE_FULL.code(), "produce");
        assertEquals(KafkaError._QUEUE_FULL, e.error());
        assertEquals("produce failed: Local: Queue full (_QUEUE_FULL)", e.getMessage());
        assertFalse(e.isFatal());
        KafkaException unknown = RdErrors.fromCode(123_456, "x");
        assertEquals(123_456, unknown.code());
        assertEquals(KafkaError.UNKNOWN, unknown.error());
    }

    @Test
    void errorObjectsKeepTheirFlags() {
        Rd.library();
        try (Arena arena = Arena.ofConfined()) {
            // rd_kafka_error_new is variadic (printf-style); call it with just the format.
            MemorySegment error = rdkafka_h.rd_kafka_error_new.makeInvoker()
                    .apply(KafkaError._FENCED.code(), arena.allocateFrom("fenced by a newer instance"));
            KafkaException e = RdErrors.fromError(error, "commitTransaction");
            assertEquals(KafkaError._FENCED, e.error());
            assertEquals("commitTransaction failed: fenced by a newer instance (_FENCED)", e.getMessage());
        }
    }
}
