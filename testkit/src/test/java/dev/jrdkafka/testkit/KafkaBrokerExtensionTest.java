package dev.jrdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KafkaBrokerExtensionTest {
    @Test
    void logFileSuffixGoesBeforeTheExtension() {
        assertEquals("/t/kafka-broker-authorizer.log", KafkaBrokerExtension.withSuffix("/t/kafka-broker.log", "-authorizer"));
        assertEquals("/t.d/broker-authorizer", KafkaBrokerExtension.withSuffix("/t.d/broker", "-authorizer"));
        assertEquals("/t/kafka.log", KafkaBrokerExtension.withSuffix("/t/kafka.log", ""));
    }
}
