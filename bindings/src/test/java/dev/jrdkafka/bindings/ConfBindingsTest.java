package dev.jrdkafka.bindings;

import static dev.jrdkafka.bindings.rdkafka_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rd_kafka_conf_t through the raw bindings: set, get, dump and their error reporting. */
class ConfBindingsTest {
    private static final int ERRSTR_SIZE = 512;
    private Arena arena;
    private MemorySegment conf;
    private MemorySegment errstr;

    @BeforeAll
    static void load() {
        TestSupport.loadLibrary();
    }

    @BeforeEach
    void newConf() {
        arena = Arena.ofConfined();
        conf = rd_kafka_conf_new();
        assertNotEquals(MemorySegment.NULL, conf);
        errstr = arena.allocate(ERRSTR_SIZE);
    }

    @AfterEach
    void destroyConf() {
        if (conf != null) rd_kafka_conf_destroy(conf);
        arena.close();
    }

    private int set(String name, String value) {
        errstr.set(C_CHAR, 0, (byte) 0);
        return rd_kafka_conf_set(conf, arena.allocateFrom(name), arena.allocateFrom(value), errstr, ERRSTR_SIZE);
    }

    /**
     * rd_kafka_conf_get twice: first with dest NULL for the size (including the NUL), then the
     * value. The size query is an upper bound: for flag lists such as builtin.features
     * librdkafka 2.14.2 reports one byte more than the second call.
     */
    private String get(String name) {
        MemorySegment cName = arena.allocateFrom(name);
        MemorySegment size = arena.allocate(C_LONG);
        assertEquals(RD_KAFKA_CONF_OK(), rd_kafka_conf_get(conf, cName, MemorySegment.NULL, size), "size of " + name);
        long needed = size.get(C_LONG, 0);
        assertTrue(needed >= 1, name + " size " + needed);
        MemorySegment dest = arena.allocate(needed);
        assertEquals(RD_KAFKA_CONF_OK(), rd_kafka_conf_get(conf, cName, dest, size), "value of " + name);
        String value = dest.getString(0);
        long used = size.get(C_LONG, 0);
        assertTrue(used <= needed && used == value.length() + 1, name + ": size query " + needed + ", value " + used + " for " + value);
        return value;
    }

    @Test
    void validPropertyIsSetAndReadBack() {
        assertEquals(RD_KAFKA_CONF_OK(), set("client.id", "jrdkafka-bindings-test"), errstr.getString(0));
        assertEquals("jrdkafka-bindings-test", get("client.id"));
    }

    @Test
    void unknownPropertyIsReportedInErrstr() {
        assertEquals(RD_KAFKA_CONF_UNKNOWN(), set("no.such.property", "1"));
        assertEquals("No such configuration property: \"no.such.property\"", errstr.getString(0));
    }

    @Test
    void invalidValueIsReportedInErrstr() {
        assertEquals(RD_KAFKA_CONF_INVALID(), set("compression.codec", "banana"));
        String error = errstr.getString(0);
        assertTrue(error.contains("Invalid value") && error.contains("compression.codec") && error.contains("banana"), error);
        // The refused value did not replace the default.
        assertEquals("none", get("compression.codec"));
    }

    @Test
    void dumpHoldsKeyValuePairsIncludingTheSetValue() {
        // Not an alias such as linger.ms: the dump lists canonical names only.
        assertEquals(RD_KAFKA_CONF_OK(), set("statistics.interval.ms", "17"), errstr.getString(0));
        MemorySegment count = arena.allocate(C_LONG);
        MemorySegment dump = rd_kafka_conf_dump(conf, count);
        long cnt = count.get(C_LONG, 0);
        Map<String, String> pairs = new HashMap<>();
        try {
            // const char **: cnt pointers, alternately key and value.
            assertEquals(0, cnt % 2, "dump entry count " + cnt);
            MemorySegment array = dump.reinterpret(cnt * C_POINTER.byteSize());
            for (long i = 0; i < cnt; i += 2) {
                pairs.put(TestSupport.cString(array.getAtIndex(C_POINTER, i)),
                        TestSupport.cString(array.getAtIndex(C_POINTER, i + 1)));
            }
        } finally {
            rd_kafka_conf_dump_free(dump, cnt);
        }
        assertTrue(pairs.size() > 100, "only " + pairs.size() + " properties dumped");
        assertEquals("17", pairs.get("statistics.interval.ms"));
        assertEquals(get("client.id"), pairs.get("client.id"));
    }

    @Test
    void builtinFeaturesIncludeCompressionTlsAndSasl() {
        Set<String> features = new TreeSet<>(Arrays.asList(get("builtin.features").split(",")));
        List<String> required = List.of("gzip", "snappy", "ssl", "sasl_plain", "sasl_scram", "sasl_oauthbearer", "lz4", "zstd");
        assertTrue(features.containsAll(required), "builtin.features " + features + " lacks some of " + required);
    }
}
