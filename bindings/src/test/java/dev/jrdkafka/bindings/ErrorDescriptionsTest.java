package dev.jrdkafka.bindings;

import static dev.jrdkafka.bindings.rdkafka_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * librdkafka's error table read through the bindings as an array of struct rd_kafka_err_desc,
 * and agreeing with rd_kafka_err2name / rd_kafka_err2str for every code.
 */
class ErrorDescriptionsTest {
    record Desc(int code, String name, String desc) {}

    @BeforeAll
    static void load() {
        TestSupport.loadLibrary();
    }

    /** Entries with a NULL name are gaps in the code range and left out. */
    private static List<Desc> namedEntries() {
        List<Desc> entries = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment descsPtr = arena.allocate(C_POINTER);
            MemorySegment cntPtr = arena.allocate(C_LONG);
            rd_kafka_get_err_descs(descsPtr, cntPtr);
            long cnt = cntPtr.get(C_LONG, 0);
            // The table is static in the library: it needs no arena and is never freed.
            MemorySegment table = descsPtr.get(C_POINTER, 0).reinterpret(cnt * rd_kafka_err_desc.sizeof());
            for (long i = 0; i < cnt; i++) {
                MemorySegment e = rd_kafka_err_desc.asSlice(table, i);
                String name = TestSupport.cString(rd_kafka_err_desc.name(e));
                if (name != null) entries.add(new Desc(rd_kafka_err_desc.code(e), name, TestSupport.cString(rd_kafka_err_desc.desc(e))));
            }
        }
        return entries;
    }

    @Test
    void tableHoldsTheWellKnownCodes() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (Desc d : namedEntries()) codes.put(d.name(), d.code());
        // Names are the enum constants without "RD_KAFKA_RESP_ERR_"; local errors keep their leading '_'.
        assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR(), codes.get("NO_ERROR"));
        assertEquals(RD_KAFKA_RESP_ERR__NO_OFFSET(), codes.get("_NO_OFFSET"));
        assertEquals(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART(), codes.get("UNKNOWN_TOPIC_OR_PART"));
        assertEquals(RD_KAFKA_RESP_ERR__TIMED_OUT(), codes.get("_TIMED_OUT"));
        assertTrue(codes.size() > 150, "only " + codes.size() + " named error codes");
    }

    @Test
    void err2nameAndErr2strAgreeWithTheTable() {
        List<Desc> entries = namedEntries();
        List<String> mismatches = new ArrayList<>();
        int described = 0;
        for (Desc d : entries) {
            String name = TestSupport.cString(rd_kafka_err2name(d.code()));
            String str = TestSupport.cString(rd_kafka_err2str(d.code()));
            if (d.desc() == null) {
                // The range markers (_BEGIN, _END) have no description; err2name/err2str treat them as unknown.
                if (!name.equals("ERR_" + d.code() + "?") || !str.equals("Err-" + d.code() + "?")) {
                    mismatches.add(d + ": err2name " + name + ", err2str " + str);
                }
                continue;
            }
            described++;
            if (!d.name().equals(name)) mismatches.add(d + ": err2name " + name);
            if (!d.desc().equals(str)) mismatches.add(d + ": err2str " + str);
        }
        System.out.println(described + " named and described error codes, " + entries.size() + " named entries");
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        assertTrue(described > 150, described + " named and described error codes of " + entries.size() + " named");
        assertEquals(List.of("_BEGIN", "_END"), entries.stream().filter(d -> d.desc() == null).map(Desc::name).toList());
    }
}
