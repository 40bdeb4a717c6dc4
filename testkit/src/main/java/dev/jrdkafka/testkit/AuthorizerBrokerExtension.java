package dev.jrdkafka.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * As {@link KafkaBrokerExtension}, but {@link KafkaBroker} parameters resolve to a second
 * shared broker with authorization on ({@link KafkaBroker.Builder#standardAuthorizer()}:
 * StandardAuthorizer, {@code User:ANONYMOUS} as super user), for ACL tests. It starts on
 * first use only, so runs without such tests start one broker; it is closed when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(AuthorizerBrokerExtension.class)
 * class AclIT {
 *     @Test void acls(KafkaBroker broker) { ... }
 * }
 * }</pre>
 */
public final class AuthorizerBrokerExtension implements ParameterResolver {
    /** For {@code @ExtendWith}, which instantiates it. */
    public AuthorizerBrokerExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sharedBroker(context);
    }

    /** The run's authorizer-enabled broker, started on first call (its log: the shared log's name + "-authorizer"). */
    public static KafkaBroker sharedBroker(ExtensionContext context) {
        return KafkaBrokerExtension.shared(context, "authorizer", "the shared authorizer-enabled Kafka broker",
                "-authorizer", KafkaBroker.Builder::standardAuthorizer);
    }
}
