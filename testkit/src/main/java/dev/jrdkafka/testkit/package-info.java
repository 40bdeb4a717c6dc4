/**
 * Real Apache Kafka for integration tests, where librdkafka's mock cluster falls short (it
 * writes no transaction markers, keeps no transactional offset commits, and does not look
 * offsets up by timestamp).
 *
 * <p>{@link dev.jrdkafka.testkit.KafkaBroker} runs a single-node KRaft broker as a child JVM
 * on 127.0.0.1 from a directory of Kafka's jars; {@link dev.jrdkafka.testkit.KafkaCluster}
 * runs a 3-node cluster (replication 3, min.insync.replicas=2) whose nodes can be killed
 * with SIGKILL, restarted as the same broker, and frozen with SIGSTOP. Both create topics
 * themselves, with a few requests of the Kafka protocol, so they need no client library.
 * Nothing here depends on jrdkafka: any client can be tested against them.
 *
 * <p>{@link dev.jrdkafka.testkit.KafkaBroker.Builder#secured()} adds SSL (mutual TLS),
 * SASL_PLAINTEXT and SASL_SSL listeners with PLAIN, SCRAM-SHA-256/512 and OAUTHBEARER, set
 * up by a {@link dev.jrdkafka.testkit.BrokerSecurity}: a {@link dev.jrdkafka.testkit.TestCa}
 * and its certificates, users with random passwords, and an
 * {@link dev.jrdkafka.testkit.OAuthServer} (JWKS and OIDC token endpoint) the broker
 * validates tokens against.
 */
package dev.jrdkafka.testkit;
