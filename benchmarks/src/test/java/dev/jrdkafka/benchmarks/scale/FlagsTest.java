package dev.jrdkafka.benchmarks.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagsTest {
    @Test
    void readsOptionsAndLibrdkafkaProperties() {
        Flags f = new Flags(new String[] {"--consumers=10", "-X", "fetch.wait.max.ms=100", "--topic=a=b"});
        assertEquals(10, f.integer("consumers", 1000));
        assertEquals(7, f.integer("selectors", 7));
        assertEquals("a=b", f.string("topic", null));
        assertEquals(Map.of("fetch.wait.max.ms", "100"), f.properties());
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> new Flags(new String[] {"--consumers"}));
        assertThrows(IllegalArgumentException.class, () -> new Flags(new String[] {"-X", "novalue"}));
    }
}
