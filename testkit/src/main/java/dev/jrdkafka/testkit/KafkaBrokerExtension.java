package dev.jrdkafka.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KafkaBroker} parameters (of test methods, constructors, {@code @BeforeAll}...)
 * to one broker shared by every test class of the run: it starts on first use and is closed
 * when the run ends (JUnit closes {@link AutoCloseable}s kept in the root store, 5.13+). A
 * broker takes seconds to start, so tests share it and keep apart by topic and group names.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class MyIT {
 *     @Test void works(KafkaBroker broker) { ... broker.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    /** System property: where the shared broker's log goes, kept after the run (default: deleted with the broker). */
    public static final String LOG_FILE_PROPERTY = "jrdkafka.testkit.logFile";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    /** For {@code @ExtendWith}, which instantiates it. */
    public KafkaBrokerExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sharedBroker(context);
    }

    /** The run's broker, started on first call. */
    public static KafkaBroker sharedBroker(ExtensionContext context) {
        Shared shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, key -> Shared.start(), Shared.class);
        if (shared.failure() != null) {
            throw new IllegalStateException("the shared Kafka broker did not start (not retried, so that every test "
                    + "does not wait for it again)", shared.failure());
        }
        return shared.broker();
    }

    /** The outcome of the one start: a failure is kept too, so that later tests fail at once. */
    private record Shared(KafkaBroker broker, RuntimeException failure) implements AutoCloseable {
        static Shared start() {
            try {
                KafkaBroker.Builder builder = KafkaBroker.builder();
                String log = System.getProperty(LOG_FILE_PROPERTY);
                if (log != null && !log.isBlank()) builder.logFile(java.nio.file.Path.of(log));
                return new Shared(builder.start(), null);
            } catch (RuntimeException e) {
                return new Shared(null, e);
            }
        }

        @Override
        public void close() {
            if (broker != null) broker.close();
        }
    }
}
