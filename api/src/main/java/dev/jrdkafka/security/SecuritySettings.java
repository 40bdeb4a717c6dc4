package dev.jrdkafka.security;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The security settings of a configuration that are Java objects rather than properties:
 * what {@code KafkaConfig}'s {@code oauthBearerTokenProvider}, {@code sslClientCertificate},
 * {@code sslTrustedCertificates} and {@code sslCertificateVerifier} set. Each may be null
 * (not set). Immutable; {@link #toString()} tells what is set, never a secret.
 *
 * @param tokenProvider        OAUTHBEARER tokens, on librdkafka's background thread
 * @param clientCertificate    the client's key and chain ({@code rd_kafka_conf_set_ssl_cert})
 * @param trustedCertificates  the CA certificates to trust (replacing {@code ssl.ca.location}'s)
 * @param certificateVerifier  a check of each broker certificate ({@code ssl_cert_verify_cb})
 */
public record SecuritySettings(OAuthBearerTokenProvider tokenProvider, ClientCertificate clientCertificate,
                               List<X509Certificate> trustedCertificates, CertificateVerifier certificateVerifier) {
    private static final SecuritySettings NONE = new SecuritySettings(null, null, null, null);

    public SecuritySettings {
        if (trustedCertificates != null) {
            trustedCertificates = List.copyOf(trustedCertificates);
            if (trustedCertificates.isEmpty()) throw new IllegalArgumentException("no trusted certificate given");
        }
    }

    public static SecuritySettings none() {
        return NONE;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public SecuritySettings withTokenProvider(OAuthBearerTokenProvider p) {
        return new SecuritySettings(p, clientCertificate, trustedCertificates, certificateVerifier);
    }

    public SecuritySettings withClientCertificate(ClientCertificate c) {
        return new SecuritySettings(tokenProvider, c, trustedCertificates, certificateVerifier);
    }

    public SecuritySettings withTrustedCertificates(List<X509Certificate> certificates) {
        return new SecuritySettings(tokenProvider, clientCertificate, certificates, certificateVerifier);
    }

    public SecuritySettings withCertificateVerifier(CertificateVerifier v) {
        return new SecuritySettings(tokenProvider, clientCertificate, trustedCertificates, v);
    }

    /** The trusted certificates as one PEM text, or null. */
    public String trustedCertificatesPem() {
        return trustedCertificates == null ? null : Pem.certificates(trustedCertificates);
    }

    /** Every trusted-certificate entry of {@code trustStore} (e.g. a PKCS#12 or JKS truststore). */
    public static List<X509Certificate> trustedCertificates(KeyStore trustStore) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(trustStore.aliases())) {
                if (!trustStore.isCertificateEntry(alias)) continue;
                Certificate c = trustStore.getCertificate(alias);
                if (c instanceof X509Certificate x) out.add(x);
            }
            if (out.isEmpty()) throw new IllegalArgumentException("the truststore holds no trusted certificate entry");
            return out;
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("reading the truststore failed (not loaded?): " + e.getMessage(), e);
        }
    }

    /** For the native layer: a broker certificate as librdkafka passes it (DER). */
    public static X509Certificate certificateFromDer(byte[] der) throws CertificateException {
        return Pem.fromDer(der);
    }

    @Override
    public String toString() {
        return "SecuritySettings[tokenProvider=" + (tokenProvider != null) + ", clientCertificate="
                + (clientCertificate == null ? "none" : clientCertificate.subject()) + ", trustedCertificates="
                + (trustedCertificates == null ? "none" : trustedCertificates.size()) + ", certificateVerifier="
                + (certificateVerifier != null) + "]";
    }
}
