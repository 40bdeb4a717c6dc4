/**
 * Configuration of jrdkafka's clients: {@link dev.jrdkafka.config.KafkaConfig}, an ordered
 * map of librdkafka configuration properties.
 *
 * <h2>librdkafka's property names</h2>
 * The names and values are librdkafka's own, exactly as in its
 * <a href="https://github.com/confluentinc/librdkafka/blob/v2.15.0/CONFIGURATION.md">CONFIGURATION.md</a>
 * and as every other librdkafka binding (confluent-kafka-go, -python, -dotnet, rust-rdkafka)
 * takes them: a configuration can move between them unchanged. Global and topic-level
 * properties go in the same map; topic-level ones ({@code acks}, {@code partitioner},
 * {@code message.timeout.ms}, {@code auto.offset.reset}…) become the default for every topic.
 * Typed helpers such as {@link dev.jrdkafka.config.KafkaConfig#acks(dev.jrdkafka.config.Acks)} cover the common
 * ones; {@link dev.jrdkafka.config.KafkaConfig#set(String, String)} takes any.
 *
 * <h2>Validated at set time</h2>
 * Every property is handed to librdkafka when it is set ({@code rd_kafka_conf_set} on a scratch
 * configuration), so an unknown name or a refused value fails at that line, with librdkafka's
 * own message and the property's name in a {@link dev.jrdkafka.config.ConfigException}. jrdkafka
 * adds two checks of its own: callback properties ({@code dr_cb}, {@code log_cb}…) are not
 * strings and are refused, and numbers librdkafka would misread are refused (it ignores what
 * follows a number, so {@code "30s"} would be 30, and reads {@code "010"} as octal 8). A few
 * checks span several properties and librdkafka makes them only when a client is created (for
 * example {@code transactional.id} with {@code enable.idempotence=false}); those fail in the
 * client's constructor.
 *
 * <h2>kafka-clients compatibility</h2>
 * {@link dev.jrdkafka.config.KafkaConfig#from(java.util.Map)} and
 * {@link dev.jrdkafka.config.KafkaConfig#from(java.util.Properties)} take an existing
 * kafka-clients configuration, with values of any usual type ({@code Integer}, {@code Boolean},
 * {@code List}, {@code Class}). Many keys mean the same in both ({@code bootstrap.servers},
 * {@code acks}, {@code linger.ms}, {@code group.id}, {@code delivery.timeout.ms}…). Keys
 * librdkafka does not know ({@code key.serializer}, {@code max.block.ms}, {@code buffer.memory},
 * {@code ssl.truststore.location}, {@code sasl.jaas.config}…) are all reported in one exception,
 * each with what to use instead; {@link dev.jrdkafka.config.UnknownKeys#IGNORE} leaves them out
 * and lists them in {@link dev.jrdkafka.config.KafkaConfig#ignoredKeys()}. Invalid values of
 * known keys are never ignored. One difference matters for data: librdkafka's default
 * partitioner hashes keys with CRC32, kafka-clients' with murmur2; see
 * {@link dev.jrdkafka.config.Partitioner#MURMUR2_RANDOM}.
 *
 * <h2>Secrets</h2>
 * The values of sensitive properties (those librdkafka marks sensitive, such as
 * {@code sasl.password}, {@code ssl.key.password}, {@code ssl.key.pem} or
 * {@code sasl.oauthbearer.client.secret}, plus {@code sasl.oauthbearer.config},
 * {@code sasl.jaas.config} and any name containing {@code password}, {@code passphrase},
 * {@code secret} or {@code .pem}) are shown as {@code [redacted]} by
 * {@link dev.jrdkafka.config.KafkaConfig#toString()} and
 * {@link dev.jrdkafka.config.KafkaConfig#toRedactedMap()}, and never appear in exception
 * messages. {@link dev.jrdkafka.config.KafkaConfig#toMap()} returns them in clear, for librdkafka;
 * do not log it.
 */
package dev.jrdkafka.config;
