package dev.jrdkafka.internal.rd.client;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.bindings.rd_kafka_conf_set_oauthbearer_token_refresh_cb$oauthbearer_token_refresh_cb;
import dev.jrdkafka.bindings.rd_kafka_conf_set_ssl_cert_verify_cb$ssl_cert_verify_cb;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdConf;
import dev.jrdkafka.internal.rd.RdErrors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Security hooks on a client being created: an OAUTHBEARER token source served on
 * librdkafka's background thread, keys and certificates from memory, and a certificate
 * verification upcall. Upcall stubs live in the client's arena (closed after
 * {@code rd_kafka_destroy}, which joins the threads that call them); nothing thrown crosses
 * into C.
 */
public final class RdSecurity {
    private RdSecurity() {}

    /** A token, or why there is none. */
    public record Token(String value, long lifetimeMs, String principal, String[] extensions) {}

    /** Gives tokens to librdkafka; a failure is reported to it with the exception's text. */
    public interface TokenSource {
        Token token(String config) throws Exception;
    }

    /** Decides about one broker certificate (DER); returns null to accept, else the reason to reject. */
    public interface Verifier {
        String verify(String brokerName, int brokerId, int depth, byte[] der, int x509Error);
    }

    /**
     * Installs {@code source} as the OAUTHBEARER refresh callback, on the client's SASL queue,
     * which is forwarded to librdkafka's background thread once the client exists
     * ({@code rd_kafka_sasl_background_callbacks_enable}): tokens are fetched although nobody
     * polls. The refresh event must not be enabled as well (it would go to the main queue).
     */
    public static void installTokenSource(ClientSetup setup, TokenSource source) {
        MemorySegment stub = rd_kafka_conf_set_oauthbearer_token_refresh_cb$oauthbearer_token_refresh_cb.allocate(
                (rk, config, opaque) -> refresh(rk, Rd.cString(config), source, setup), setup.arena());
        rd_kafka_conf_set_oauthbearer_token_refresh_cb(setup.conf(), stub);
        rd_kafka_conf_enable_sasl_queue(setup.conf(), 1);
        setup.afterCreate(rk -> RdErrors.check(rd_kafka_sasl_background_callbacks_enable(rk),
                "enabling SASL callbacks on the background thread"));
    }

    private static void refresh(MemorySegment rk, String config, TokenSource source, ClientSetup setup) {
        try (Arena scratch = Arena.ofConfined()) {
            String failure;
            try {
                Token t = source.token(config == null ? "" : config);
                failure = setToken(rk, t, scratch);
            } catch (Throwable e) {
                failure = "the OAUTHBEARER token provider failed: " + e;
            }
            if (failure != null) {
                rd_kafka_oauthbearer_set_token_failure(rk, Rd.cString(scratch, failure.replace('\0', ' ')));
            }
        } catch (Throwable t) {
            setup.failed("OAUTHBEARER token provider", t);
        }
    }

    /** {@code rd_kafka_oauthbearer_set_token}; returns librdkafka's refusal, or null. */
    private static String setToken(MemorySegment rk, Token t, Arena scratch) {
        String[] ext = t.extensions();
        MemorySegment extArray = MemorySegment.NULL;
        if (ext.length > 0) {
            extArray = scratch.allocate(ValueLayout.ADDRESS, ext.length);
            for (int i = 0; i < ext.length; i++) extArray.setAtIndex(ValueLayout.ADDRESS, i, secret(scratch, ext[i], "an extension"));
        }
        MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
        int rc = rd_kafka_oauthbearer_set_token(rk, secret(scratch, t.value(), "the token"), t.lifetimeMs(),
                Rd.cString(scratch, t.principal()), extArray, ext.length, errstr, RdConf.ERRSTR_SIZE);
        return rc == 0 ? null : "librdkafka refused the provider's token: " + errstr.getString(0) + " (" + RdErrors.name(rc) + ")";
    }

    /** The client's private key and certificate chain, PEM ({@code rd_kafka_conf_set_ssl_cert}). */
    public static void setClientCertificate(ClientSetup setup, String privateKeyPem, String chainPem) {
        setCert(setup, RD_KAFKA_CERT_PRIVATE_KEY(), privateKeyPem, "the client's private key");
        setCert(setup, RD_KAFKA_CERT_PUBLIC_KEY(), chainPem, "the client's certificate chain");
    }

    /** The CA certificates to trust, PEM. */
    public static void setTrustedCertificates(ClientSetup setup, String pem) {
        setCert(setup, RD_KAFKA_CERT_CA(), pem, "the trusted CA certificates");
    }

    private static void setCert(ClientSetup setup, int type, String pem, String what) {
        try (Arena scratch = Arena.ofConfined()) {
            byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
            MemorySegment buf = scratch.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            int rc = rd_kafka_conf_set_ssl_cert(setup.conf(), type, RD_KAFKA_CERT_ENC_PEM(), buf, bytes.length, errstr,
                    RdConf.ERRSTR_SIZE);
            buf.fill((byte) 0); // the private key does not linger in freed memory
            if (rc != RD_KAFKA_CONF_OK()) {
                throw new IllegalArgumentException("librdkafka refused " + what + ": " + errstr.getString(0));
            }
        }
    }

    /**
     * Installs {@code verifier} as {@code ssl_cert_verify_cb}. It runs on librdkafka's
     * broker threads; an accepted certificate clears OpenSSL's error, a rejected one keeps
     * it (or sets X509_V_ERR_APPLICATION_VERIFICATION) and gets the reason as librdkafka's
     * error text.
     */
    public static void installVerifier(ClientSetup setup, Verifier verifier) {
        MemorySegment stub = rd_kafka_conf_set_ssl_cert_verify_cb$ssl_cert_verify_cb.allocate(
                (rk, brokerName, brokerId, x509Error, depth, buf, size, errstr, errstrSize, opaque) ->
                        verify(verifier, setup, brokerName, brokerId, x509Error, depth, buf, size, errstr, errstrSize),
                setup.arena());
        if (rd_kafka_conf_set_ssl_cert_verify_cb(setup.conf(), stub) != RD_KAFKA_CONF_OK()) {
            throw new IllegalStateException("this librdkafka build has no SSL support: a certificate verifier cannot be set");
        }
    }

    /** OpenSSL's X509_V_ERR_APPLICATION_VERIFICATION: the application rejected the certificate. */
    private static final int X509_V_ERR_APPLICATION_VERIFICATION = 50;

    private static int verify(Verifier verifier, ClientSetup setup, MemorySegment brokerName, int brokerId,
                              MemorySegment x509Error, int depth, MemorySegment buf, long size, MemorySegment errstr,
                              long errstrSize) {
        MemorySegment err = x509Error.reinterpret(ValueLayout.JAVA_INT.byteSize());
        String reason;
        try {
            byte[] der = buf.reinterpret(size).toArray(ValueLayout.JAVA_BYTE);
            reason = verifier.verify(Rd.cString(brokerName), brokerId, depth, der, err.get(ValueLayout.JAVA_INT, 0));
        } catch (Throwable t) {
            reason = "the certificate verifier failed: " + t;
            setup.failed("certificate verifier", t);
        }
        if (reason == null) {
            err.set(ValueLayout.JAVA_INT, 0, 0);
            return 1;
        }
        if (err.get(ValueLayout.JAVA_INT, 0) == 0) err.set(ValueLayout.JAVA_INT, 0, X509_V_ERR_APPLICATION_VERIFICATION);
        writeError(errstr, errstrSize, reason);
        return 0;
    }

    private static void writeError(MemorySegment errstr, long size, String text) {
        if (size <= 0) return;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(b.length, size - 1);
        MemorySegment out = errstr.reinterpret(size);
        MemorySegment.copy(b, 0, out, ValueLayout.JAVA_BYTE, 0, n);
        out.set(ValueLayout.JAVA_BYTE, n, (byte) 0);
    }

    /** {@code rd_kafka_sasl_set_credentials}: PLAIN/SCRAM credentials for the next authentication. */
    public static void setSaslCredentials(RdClient client, String username, String password) {
        try (Arena scratch = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_sasl_set_credentials(client.rk(), secret(scratch, username, "the username"),
                    secret(scratch, password, "the password")), "setSaslCredentials");
        }
    }

    /** A C string of a secret: refused if it holds a NUL, with a message that does not show it. */
    private static MemorySegment secret(Arena arena, String s, String what) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException(what + " contains a NUL character, which C would cut it at");
        return arena.allocateFrom(s);
    }
}
