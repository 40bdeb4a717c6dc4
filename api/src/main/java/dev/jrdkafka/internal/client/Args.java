package dev.jrdkafka.internal.client;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Argument checks shared by the public classes, with messages that name the argument:
 * {@code List.copyOf} alone refuses a null element with a {@link NullPointerException} that
 * says nothing.
 */
public final class Args {
    private Args() {}

    /**
     * An unmodifiable copy of {@code c}.
     *
     * @throws NullPointerException "{@code name} is null", or "{@code name} contains null (element i)"
     */
    public static <T> List<T> list(Collection<? extends T> c, String name) {
        requireNoNulls(c, name);
        return List.copyOf(c);
    }

    /** As {@link #list}, into a set (duplicates dropped). */
    public static <T> Set<T> set(Collection<? extends T> c, String name) {
        requireNoNulls(c, name);
        return Set.copyOf(c);
    }

    private static void requireNoNulls(Collection<?> c, String name) {
        Objects.requireNonNull(c, () -> name + " is null");
        int i = 0;
        for (Object o : c) {
            if (o == null) throw new NullPointerException(name + " contains null (element " + i + ")");
            i++;
        }
    }
}
