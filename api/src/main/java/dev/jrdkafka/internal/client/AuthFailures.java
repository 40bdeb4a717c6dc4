package dev.jrdkafka.internal.client;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The authentication failures (SASL, TLS) librdkafka reports as error events, kept so that
 * calls waiting for a broker fail with them instead of timing out: librdkafka retries the
 * connection with its backoff and reports an identical error again only after 30 s, so the
 * last failure stays the relevant one for that long (rdkafka_broker.c, error suppression).
 */
final class AuthFailures {
    /** How long a reported failure explains a broker that does not answer. */
    static final Duration RELEVANT = Duration.ofSeconds(30);
    /** A waiting call looks for a failure this often. */
    private static final int SLICE_MS = 250;

    private record Failure(KafkaException error, long atNanos) {}

    private volatile Failure last;
    private volatile Failure lastRejection; // the certificate verifier's, as text

    /** The certificate verifier rejected a certificate: librdkafka logs the reason, its error event only says "certificate verify failed". */
    void verifierRejected(String reason) {
        lastRejection = new Failure(new KafkaException(KafkaError._SSL, reason), System.nanoTime());
    }

    /** {@code reason} of an _SSL error, with the verifier's reason of the last few seconds if there is one. */
    String withVerifierReason(int code, String reason) {
        Failure r = lastRejection;
        if (code != KafkaError._SSL.code() || r == null || System.nanoTime() - r.atNanos() > Duration.ofSeconds(5).toNanos()) {
            return reason;
        }
        return reason + " [certificate verifier: " + r.error().getMessage() + "]";
    }
    private final List<Consumer<KafkaException>> subscribers = new CopyOnWriteArrayList<>();

    static boolean isAuthentication(int code) {
        return code == KafkaError._AUTHENTICATION.code() || code == KafkaError._SSL.code()
                || code == KafkaError.SASL_AUTHENTICATION_FAILED.code();
    }

    /**
     * A refused re-authentication (KIP-368) of a session that was authenticated: librdkafka
     * re-authenticates OAUTHBEARER sessions before the token's expiry, and a broker that
     * does not take it (ILLEGAL_SASL_STATE, seen with Kafka 4.4) drops the connection, which
     * librdkafka re-establishes with a fresh login. Not a reason to fail calls fast.
     */
    static boolean isReauthenticationRefusal(String reason) {
        // The second: the connection dropped during a SASL handshake (seen right after a refused
        // re-authentication, CI run of 2026-12-04): librdkafka says _AUTHENTICATION, but no
        // credential was judged, so it must not fail calls fast.
        return reason != null && (reason.contains("Request not valid in current SASL state")
                || (reason.contains("handshake failed") && reason.contains("Broker transport failure")));
    }

    void report(KafkaException error) {
        last = new Failure(error, System.nanoTime());
        for (Consumer<KafkaException> s : subscribers) {
            try {
                s.accept(error);
            } catch (RuntimeException ignored) {
                // a subscriber's own failure is not the reporter's business
            }
        }
    }

    /** Forgets the last failure (new credentials were set). */
    void clear() {
        last = null;
    }

    /** Returns what unsubscribes it. */
    Runnable subscribe(Consumer<KafkaException> s) {
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    Optional<KafkaException> recent(Duration window) {
        Failure f = last;
        return f != null && System.nanoTime() - f.atNanos() <= window.toNanos() ? Optional.of(f.error()) : Optional.empty();
    }

    /**
     * Runs {@code call} (given a timeout in ms) in slices of at most {@value #SLICE_MS} ms
     * until it succeeds, fails otherwise than by timing out, or {@code totalMs} have passed;
     * between slices it serves events ({@code serve}) and throws a recent authentication
     * failure if there is one, with the call's own error as suppressed.
     */
    <T> T failFast(int totalMs, IntFunction<T> call, Runnable serve) {
        long deadline = System.nanoTime() + totalMs * 1_000_000L;
        while (true) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            try {
                return call.apply((int) Math.min(left, SLICE_MS));
            } catch (KafkaException e) {
                if (e.error() != KafkaError._TIMED_OUT && e.error() != KafkaError._TRANSPORT) throw e;
                serve.run();
                Optional<KafkaException> auth = recent(RELEVANT);
                if (auth.isPresent()) {
                    KafkaException a = new KafkaException(auth.get().code(), auth.get().getMessage());
                    a.addSuppressed(e);
                    throw a;
                }
                if (System.nanoTime() - deadline >= 0) throw e;
            }
        }
    }
}
