/**
 * A real single-node Apache Kafka broker for integration tests: {@link dev.jrdkafka.testkit.KafkaBroker}
 * runs one as a child process on loopback; {@link dev.jrdkafka.testkit.KafkaBrokerExtension}
 * shares one across a JUnit run; {@link dev.jrdkafka.testkit.KafkaCluster} runs a 3-node cluster
 * for fault tests, and {@code dev.jrdkafka.testkit.invariants} checks delivery invariants.
 * Depends on nothing from jrdkafka.
 */
module dev.jrdkafka.testkit {
    // Only KafkaBrokerExtension uses JUnit; KafkaBroker works without it.
    requires static transitive org.junit.jupiter.api;
    // Test certificates (TestCa) and the OAuth server (OAuthServer).
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires jdk.httpserver;

    exports dev.jrdkafka.testkit;
    exports dev.jrdkafka.testkit.invariants;
}
