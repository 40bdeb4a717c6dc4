/**
 * Security settings that are Java objects: an {@link dev.jrdkafka.security.OAuthBearerTokenProvider}
 * for SASL/OAUTHBEARER (served on librdkafka's background thread, so clients that never poll
 * keep fresh tokens), the client's TLS identity from a {@link java.security.KeyStore} or PEM
 * ({@link dev.jrdkafka.security.ClientCertificate}), trusted CA certificates, and a
 * {@link dev.jrdkafka.security.CertificateVerifier} for pinning. Set them on a
 * {@code KafkaConfig}; every client kind (producer, consumer, admin) applies them. Everything
 * else (SASL mechanisms and passwords, {@code ssl.*} files and PEM strings, OIDC) is
 * configured with librdkafka's properties; see the README's security section.
 */
package dev.jrdkafka.security;
