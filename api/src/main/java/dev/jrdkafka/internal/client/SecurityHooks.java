package dev.jrdkafka.internal.client;

import dev.jrdkafka.internal.rd.client.ClientSetup;
import dev.jrdkafka.internal.rd.client.RdSecurity;
import dev.jrdkafka.security.CertificateCheck;
import dev.jrdkafka.security.CertificateVerifier;
import dev.jrdkafka.security.OAuthBearerToken;
import dev.jrdkafka.security.OAuthBearerTokenProvider;
import dev.jrdkafka.security.SecuritySettings;
import java.security.cert.X509Certificate;

/**
 * Puts a configuration's Java security objects on a client being created: the token
 * provider (librdkafka's background thread calls it), the client certificate and trusted
 * CAs, the certificate verifier (librdkafka's broker threads call it). The upcalls are
 * marked as inside the client's callbacks (so the provider cannot close its own client: the
 * close would wait for the very thread it runs on) and are not made while the client closes.
 */
final class SecurityHooks {
    private final ClientCore core;
    private final SecuritySettings security;

    SecurityHooks(ClientCore core, SecuritySettings security) {
        this.core = core;
        this.security = security;
    }

    /** Refuses combinations librdkafka would accept but that cannot work. */
    static void check(ClientCore.Spec spec) {
        if (spec.security().tokenProvider() == null) return;
        if (spec.oauthBearerTokenRefresh()) {
            throw new IllegalArgumentException("a client cannot have both an OAUTHBEARER token provider and the "
                    + "oauthBearerTokenRefresh option: use one (the provider also works without polling)");
        }
        String method = spec.config().get("sasl.oauthbearer.method");
        if (method != null && method.equalsIgnoreCase("oidc")) {
            throw new IllegalArgumentException("sasl.oauthbearer.method=oidc makes librdkafka fetch tokens itself: "
                    + "remove it, or the OAUTHBEARER token provider");
        }
        String protocol = spec.config().get("security.protocol");
        if (protocol == null || !protocol.toLowerCase(java.util.Locale.ROOT).startsWith("sasl_")) {
            throw new IllegalArgumentException("an OAUTHBEARER token provider is set but security.protocol is "
                    + (protocol == null ? "not set (plaintext)" : protocol) + ": set sasl_ssl or sasl_plaintext");
        }
        String mechanism = spec.config().get("sasl.mechanism");
        if (mechanism == null || !mechanism.equalsIgnoreCase("OAUTHBEARER")) {
            throw new IllegalArgumentException("an OAUTHBEARER token provider is set but sasl.mechanism is "
                    + (mechanism == null ? "not set" : mechanism) + ": set sasl.mechanism=OAUTHBEARER");
        }
    }

    void install(ClientSetup setup) {
        if (security.clientCertificate() != null) {
            RdSecurity.setClientCertificate(setup, security.clientCertificate().privateKeyPem(),
                    security.clientCertificate().certificateChainPem());
        }
        if (security.trustedCertificates() != null) {
            RdSecurity.setTrustedCertificates(setup, security.trustedCertificatesPem());
        }
        if (security.certificateVerifier() != null) {
            CertificateVerifier v = security.certificateVerifier();
            RdSecurity.installVerifier(setup, (broker, id, depth, der, x509Error) -> verify(v, broker, id, depth, der, x509Error));
        }
        if (security.tokenProvider() != null) {
            OAuthBearerTokenProvider p = security.tokenProvider();
            RdSecurity.installTokenSource(setup, config -> token(p, config));
        }
    }

    private RdSecurity.Token token(OAuthBearerTokenProvider provider, String config) throws Exception {
        if (core.isClosed()) throw new IllegalStateException("the client is closing");
        OAuthBearerToken t;
        CallbackScope.enter(core);
        try {
            t = provider.token(config);
        } finally {
            CallbackScope.exit();
        }
        if (t == null) throw new IllegalStateException("the OAUTHBEARER token provider returned null");
        String[] ext = t.extensions().entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
        return new RdSecurity.Token(t.value(), t.expiry().toEpochMilli(), t.principal(), ext);
    }

    private String verify(CertificateVerifier verifier, String broker, int brokerId, int depth, byte[] der, int x509Error) {
        CallbackScope.enter(core);
        try {
            X509Certificate cert = SecuritySettings.certificateFromDer(der);
            CertificateVerifier.Verdict v = verifier.verify(new CertificateCheck(broker, brokerId, depth, cert, x509Error));
            String reason = v == null ? "the certificate verifier returned null" : v.accepted() ? null : v.reason();
            if (reason != null) core.verifierRejected(reason);
            return reason;
        } catch (Exception e) {
            core.onCallbackFailure("certificate verifier", e);
            core.verifierRejected("the certificate verifier threw: " + e);
            return "the certificate verifier threw: " + e;
        } finally {
            CallbackScope.exit();
        }
    }
}
