/**
 * A real Apache Kafka broker for integration tests, where librdkafka's mock cluster falls
 * short (it writes no transaction markers, keeps no transactional offset commits, and does
 * not look offsets up by timestamp).
 *
 * <p>{@link dev.jrdkafka.testkit.KafkaBroker} runs a single-node KRaft broker as a child JVM
 * on 127.0.0.1 from a directory of Kafka's jars; it creates topics itself, with a few
 * requests of the Kafka protocol, so it needs no client library. Nothing here depends on
 * jrdkafka: any client can be tested against it.
 */
package dev.jrdkafka.testkit;
