package dev.jrdkafka.mock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The class documentation promises {@link IllegalStateException} from every method of a
 * closed {@link MockCluster} (and of its {@link MockBroker}s). Expected: each public method
 * but {@code close}, {@code isClosed} and the Object ones throws IllegalStateException after
 * close — called with valid arguments and with invalid ones (null, negative, unknown
 * broker), since the closed state must be reported before any argument complaint.
 */
class MockClusterClosedTest {
    private static final Set<String> ALLOWED = Set.of("close", "isClosed", "toString", "equals", "hashCode", "id",
            "cluster", "start");

    @Test
    void everyMethodOfAClosedClusterAndBrokerThrowsIllegalStateException() throws Exception {
        MockCluster cluster = MockCluster.start(2);
        MockBroker broker = cluster.broker(1);
        cluster.close();
        List<String> wrong = new ArrayList<>();
        for (boolean valid : new boolean[] {true, false}) {
            sweep(cluster, MockCluster.class, valid, wrong);
            sweep(broker, MockBroker.class, valid, wrong);
        }
        assertTrue(wrong.isEmpty(), "not IllegalStateException after close:\n" + String.join("\n", wrong));
    }

    private static void sweep(Object target, Class<?> type, boolean valid, List<String> wrong) throws IllegalAccessException {
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || ALLOWED.contains(m.getName())) continue;
            Object[] args = new Object[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) args[i] = valid ? validArg(types[i]) : invalidArg(types[i]);
            try {
                m.invoke(target, args);
                wrong.add(m + (valid ? "" : " (invalid arguments)") + ": returned normally");
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof IllegalStateException)) {
                    wrong.add(m + (valid ? "" : " (invalid arguments)") + ": " + e.getCause());
                }
            }
        }
    }

    private static Object validArg(Class<?> t) {
        if (t == int.class) return 1;
        if (t == long.class) return 1L;
        if (t == short.class) return (short) 1;
        if (t == boolean.class) return true;
        if (t == String.class) return "t";
        if (t == Duration.class) return Duration.ofMillis(10);
        if (t == ApiKey.class) return ApiKey.PRODUCE;
        if (t == KafkaError.class) return KafkaError.NO_ERROR;
        if (t == KafkaError[].class) return new KafkaError[] {KafkaError.NO_ERROR};
        if (t == RequestError[].class) return new RequestError[] {RequestError.of(KafkaError.NO_ERROR)};
        if (t == List.class) return List.of("m");
        return null;
    }

    private static Object invalidArg(Class<?> t) {
        if (t == int.class) return -7;
        if (t == long.class) return -7L;
        if (t == short.class) return (short) -7;
        if (t == boolean.class) return false;
        if (t == String.class) return "";
        if (t == Duration.class) return Duration.ofSeconds(-1);
        return null;
    }
}
