package dev.jrdkafka.testkit;

import java.nio.file.Path;
import java.util.function.Consumer;
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
        return shared(context, "default", "the shared Kafka broker", "", builder -> { });
    }

    /**
     * The run's broker of {@code key}, set up by {@code setup} and started on first call; its
     * log file (with {@value #LOG_FILE_PROPERTY}) gets {@code logSuffix} before the extension.
     */
    static KafkaBroker shared(ExtensionContext context, String key, String what, String logSuffix,
                              Consumer<KafkaBroker.Builder> setup) {
        Shared shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> Shared.start(setup, logSuffix), Shared.class);
        if (shared.failure() != null) {
            throw new IllegalStateException(what + " did not start (not retried, so that every test "
                    + "does not wait for it again)", shared.failure());
        }
        return shared.broker();
    }

    /** The outcome of the one start: a failure is kept too, so that later tests fail at once. */
    private record Shared(KafkaBroker broker, RuntimeException failure) implements AutoCloseable {
        static Shared start(Consumer<KafkaBroker.Builder> setup, String logSuffix) {
            try {
                KafkaBroker.Builder builder = KafkaBroker.builder();
                String log = System.getProperty(LOG_FILE_PROPERTY);
                if (log != null && !log.isBlank()) builder.logFile(Path.of(withSuffix(log, logSuffix)));
                setup.accept(builder);
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

    /** {@code kafka-broker.log} with suffix {@code -authorizer}: {@code kafka-broker-authorizer.log}. */
    static String withSuffix(String file, String suffix) {
        if (suffix.isEmpty()) return file;
        int dot = file.lastIndexOf('.');
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf(java.io.File.separatorChar));
        return dot > slash ? file.substring(0, dot) + suffix + file.substring(dot) : file + suffix;
    }
}
