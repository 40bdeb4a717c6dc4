package dev.jrdkafka.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\\c/\n\u00e9");
        expected.put("i", -42L);
        expected.put("d", 2.5e3);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("a", Arrays.asList(1L, "x", null, List.of()));
        expected.put("o", Map.of("k", Map.of()));
        assertEquals(expected, Json.parseObject(
                " {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\", \"i\":-42,\"d\":2.5e3,\"t\":true,\"f\":false,\"n\":null,"
                        + "\"a\":[1,\"x\",null,[]],\"o\":{\"k\":{}}} "));
    }

    @Test
    void refusesWhatIsNotJsonSayingWhere() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "\"open", "tru", "{\"a\":01x}", "{} x", "{a:1}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("not valid JSON: ") && e.getMessage().contains(" at character "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
    }
}
