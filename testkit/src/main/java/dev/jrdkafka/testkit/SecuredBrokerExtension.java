package dev.jrdkafka.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * As {@link KafkaBrokerExtension}, but {@link KafkaBroker} parameters resolve to a shared
 * {@linkplain KafkaBroker.Builder#secured() secured} broker: SSL (mutual TLS),
 * SASL_PLAINTEXT and SASL_SSL listeners with PLAIN, SCRAM-SHA-256/512 and OAUTHBEARER, the
 * StandardAuthorizer with {@code User:admin} as super user (resources without ACLs stay open).
 * No re-authentication is configured ({@link KafkaBroker.Builder#oauthReauthentication}); with
 * or without it, librdkafka 2.14.2's re-authentication of OAUTHBEARER sessions was refused by
 * Kafka 4.4 with ILLEGAL_SASL_STATE in our runs (the connection is then re-established). It starts on first use only; it is closed when the run
 * ends (its log: the shared log's name + "-secured").
 *
 * <pre>{@code
 * @ExtendWith(SecuredBrokerExtension.class)
 * class SaslIT {
 *     @Test void plain(KafkaBroker broker) {
 *         String servers = broker.bootstrapServers(KafkaBroker.Listener.SASL_SSL);
 *         String password = broker.security().password(BrokerSecurity.ALICE);
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class SecuredBrokerExtension implements ParameterResolver {
    /** For {@code @ExtendWith}, which instantiates it. */
    public SecuredBrokerExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sharedBroker(context);
    }

    /** The run's secured broker, started on first call. */
    public static KafkaBroker sharedBroker(ExtensionContext context) {
        return KafkaBrokerExtension.shared(context, "secured", "the shared secured Kafka broker", "-secured",
                b -> b.secured().standardAuthorizer());
    }
}
