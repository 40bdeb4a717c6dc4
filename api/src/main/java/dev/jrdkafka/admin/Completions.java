package dev.jrdkafka.admin;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.admin.Outcome;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * How an admin call's result event completes its futures: per-resource results keyed by
 * anything (topic names, partitions, config resources, ACL bindings), or one result
 * (DescribeCluster). A request-level error fails every future of the call.
 */
final class Completions {
    private Completions() {}

    /**
     * A completion for results keyed by any resource (a partition, a topic described...):
     * {@code outcomes} reads each resource's value or error while the event is alive; a
     * request-level error fails all; resources the answer does not name fail with _FAIL.
     */
    static <K, V> AdminCore.Completion perKey(String operation, ResourceResults<K, V> results,
                                              Function<RdEvent, List<Outcome<K, V>>> outcomes) {
        return new AdminCore.Completion() {
            @Override
            public void complete(RdEvent result) {
                int err = result.error();
                if (err != 0) {
                    fail(requestError(operation, result));
                    return;
                }
                for (Outcome<K, V> o : outcomes.apply(result)) {
                    if (o.error() == 0) {
                        results.complete(o.key(), o.value());
                    } else {
                        results.fail(o.key(), failure(operation, o));
                    }
                }
                results.failRest(new KafkaException(KafkaError._FAIL, operation + ": the broker's answer named no result for this resource"));
            }

            @Override
            public void fail(KafkaException error) {
                results.failRest(error);
            }
        };
    }

    /** A completion for a request with one result: {@code value} reads it; a request-level error fails the future. */
    static <V> AdminCore.Completion single(String operation, CompletableFuture<V> future, Function<RdEvent, V> value) {
        return new AdminCore.Completion() {
            @Override
            public void complete(RdEvent result) {
                int err = result.error();
                if (err != 0) {
                    fail(requestError(operation, result));
                    return;
                }
                try {
                    future.complete(value.apply(result));
                } catch (KafkaException e) {
                    fail(e); // the answer carried an error of its own
                }
            }

            @Override
            public void fail(KafkaException error) {
                future.completeExceptionally(error);
            }
        };
    }

    /** Each resource with no error or its own: for answers that name resources not known in advance (ElectLeaders of all partitions). */
    static <K> Map<K, Optional<KafkaException>> errorsByKey(String operation, List<Outcome<K, Void>> outcomes) {
        Map<K, Optional<KafkaException>> out = new LinkedHashMap<>();
        for (Outcome<K, Void> o : outcomes) out.put(o.key(), o.error() == 0 ? Optional.empty() : Optional.of(failure(operation, o)));
        return Collections.unmodifiableMap(out);
    }

    /** "{operation} of {key} failed: {librdkafka's text} ({error name})", a name in quotes. */
    static KafkaException failure(String operation, Outcome<?, ?> o) {
        Object key = o.key() instanceof String name ? "'" + name + "'" : o.key();
        return new KafkaException(o.error(), operation + " of " + key + " failed: " + o.message() + " (" + RdErrors.name(o.error()) + ")");
    }

    /** The error of a whole request (a timeout, an unreachable cluster): it fails every future of the call. */
    private static KafkaException requestError(String operation, RdEvent result) {
        int err = result.error();
        return new KafkaException(err, operation + " failed: " + result.errorString() + " (" + RdErrors.name(err) + ")");
    }
}
