package dev.jrdkafka.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** librdkafka's own view of a configuration (what kcat's -X dump and -X list print). */
class EffectiveConfigTest {
    @Test
    void theDumpHoldsTheSetValuesAndLibrdkafkasDefaults() {
        EffectiveConfig c = KafkaConfig.create().set("linger.ms", "7").set("acks", "1").effectiveConfig();
        assertEquals("7", c.global().get("queue.buffering.max.ms"), "linger.ms under its librdkafka name");
        assertEquals("rdkafka", c.global().get("client.id"), "a default");
        assertEquals("1", c.topic().get("request.required.acks"), "acks is topic-level: librdkafka's name");
        assertTrue(c.global().size() > 100, "every global property: " + c.global().size());
        assertThrows(UnsupportedOperationException.class, () -> c.global().put("x", "y"));
    }

    @Test
    void withoutTopicPropertiesTheTopicDumpShowsLibrdkafkasDefaults() {
        EffectiveConfig c = KafkaConfig.create().effectiveConfig();
        assertEquals("-1", c.topic().get("request.required.acks"));
    }

    @Test
    void thePropertiesTableListsEveryPropertyWithItsDescription() {
        String table = KafkaConfig.propertiesTable();
        assertTrue(table.startsWith("## Global configuration properties"), table.substring(0, Math.min(200, table.length())));
        assertTrue(table.contains("## Topic configuration properties"), "topic section");
        assertTrue(table.lines().anyMatch(l -> l.startsWith("bootstrap.servers ")), "bootstrap.servers row");
        assertTrue(table.length() > 20_000, "the whole table: " + table.length());
    }
}
