/**
 * jrdkafka's Java API over librdkafka. Public packages: {@code dev.jrdkafka} (errors, topic
 * partitions, the client listener, library facts), {@code dev.jrdkafka.config}
 * (configuration), {@code dev.jrdkafka.producer}, {@code dev.jrdkafka.security} (Java security objects:
 * OAUTHBEARER token provider, OIDC client credentials, TLS identity, certificate verifier), {@code dev.jrdkafka.consumer} (with
 * librdkafka's queues and events, and waiting on consumers without pinning virtual threads),
 * {@code dev.jrdkafka.consumer.share} (share consumers, KIP-932; preview)
 * and {@code dev.jrdkafka.mock} (librdkafka's in-process mock cluster).
 * {@code dev.jrdkafka.internal.rd} and its sub-packages are the one place that calls the
 * generated bindings; {@code dev.jrdkafka.internal.client} is the client core every client
 * kind composes. Neither is exported.
 */
module dev.jrdkafka.api {
    requires dev.jrdkafka.bindings;
    requires org.slf4j;
    requires java.net.http; // OidcClientCredentials' token requests

    exports dev.jrdkafka;
    exports dev.jrdkafka.admin;
    exports dev.jrdkafka.cluster;
    exports dev.jrdkafka.config;
    exports dev.jrdkafka.consumer;
    exports dev.jrdkafka.consumer.share;
    exports dev.jrdkafka.mock;
    exports dev.jrdkafka.producer;
    exports dev.jrdkafka.security;
}
