package dev.jrdkafka.admin;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The outcome of an admin call, per resource (topic, group, config resource...), as
 * kafka-clients' {@code CreateTopicsResult.values()} and {@code all()}: each resource's future
 * completes with its value or fails with its own {@link dev.jrdkafka.KafkaException} — one
 * resource failing never fails the others. Futures complete on the Admin's thread
 * ("jrdkafka-admin-..."): keep what you chain on them short, or use the {@code *Async}
 * variants with an executor of your own.
 */
public final class ResourceResults<K, V> {
    private final Map<K, CompletableFuture<V>> values;

    ResourceResults(Collection<K> keys) {
        Map<K, CompletableFuture<V>> m = new LinkedHashMap<>();
        for (K k : keys) m.put(k, new CompletableFuture<>());
        this.values = Collections.unmodifiableMap(m);
    }

    /** One future per resource, in the order asked. */
    public Map<K, CompletableFuture<V>> values() {
        return values;
    }

    /** The future of {@code key}. */
    public CompletableFuture<V> value(K key) {
        CompletableFuture<V> f = values.get(key);
        if (f == null) throw new IllegalArgumentException(key + " was not part of this call: " + values.keySet());
        return f;
    }

    /** Completes when every resource succeeded; fails with the first resource's failure otherwise. */
    public CompletableFuture<Void> all() {
        return CompletableFuture.allOf(values.values().toArray(CompletableFuture[]::new));
    }

    /** Every resource's value, once all succeeded. */
    public CompletableFuture<Map<K, V>> allValues() {
        return all().thenApply(ignored -> {
            Map<K, V> out = new LinkedHashMap<>();
            values.forEach((k, f) -> out.put(k, f.join()));
            return Collections.unmodifiableMap(out);
        });
    }

    void complete(K key, V value) {
        CompletableFuture<V> f = values.get(key);
        if (f != null) f.complete(value);
    }

    void fail(K key, Throwable error) {
        CompletableFuture<V> f = values.get(key);
        if (f != null) f.completeExceptionally(error);
    }

    /** Fails every resource not completed yet (a request-level error, or close). */
    void failRest(Throwable error) {
        values.values().forEach(f -> f.completeExceptionally(error));
    }
}
