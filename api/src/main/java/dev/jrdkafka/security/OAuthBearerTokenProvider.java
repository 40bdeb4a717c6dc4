package dev.jrdkafka.security;

/**
 * Supplies SASL/OAUTHBEARER tokens to a client (set it with
 * {@code KafkaConfig.oauthBearerTokenProvider}); works the same for producers, consumers and
 * Admin clients.
 *
 * <p>librdkafka calls it when the client starts and then at 80% of each token's lifetime, on
 * librdkafka's own background thread (SASL background callbacks,
 * {@code rd_kafka_sasl_background_callbacks_enable}): tokens stay fresh although the
 * application never polls, e.g. an idle producer without a poller thread, or an Admin. Keep
 * it quick and bounded (an HTTP call with a timeout is fine): closing the client waits for a
 * call in progress. It must not close its own client.
 *
 * <p>A thrown exception is reported to librdkafka as
 * {@code rd_kafka_oauthbearer_set_token_failure} with the exception's text; librdkafka
 * reports the failure to the client's listener and asks again after a pause. While the
 * client is closing it is not called.
 */
@FunctionalInterface
public interface OAuthBearerTokenProvider {
    /**
     * Returns a token.
     *
     * @param config the client's {@code sasl.oauthbearer.config} (empty if not set), e.g.
     *               to carry a scope or a client id to the provider
     */
    OAuthBearerToken token(String config) throws Exception;
}
