package dev.jrdkafka.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides about each certificate of a broker's chain, after OpenSSL's own verification
 * (librdkafka's {@code ssl_cert_verify_cb}; set it with {@code KafkaConfig.sslCertificateVerifier}).
 * Use it to pin certificates, or to add checks of your own.
 *
 * <p>Returning {@link #accept()} accepts the certificate <b>even if OpenSSL rejected it</b>
 * ({@link CertificateCheck#opensslError()} is then cleared), so a verifier that should only
 * add restrictions must reject what OpenSSL rejected, as {@link #pinSha256} does.
 * Hostname verification ({@code ssl.endpoint.identification.algorithm=https}, librdkafka's
 * default) is part of OpenSSL's verdict for the certificate at depth 0.
 *
 * <p>It runs on librdkafka's broker threads while they connect: keep it quick, never block.
 * A thrown exception rejects the certificate with the exception's text. A rejection fails the
 * connection with {@code _SSL}, reported to the client's listener; librdkafka retries after
 * its reconnect backoff.
 */
@FunctionalInterface
public interface CertificateVerifier {
    /** The verdict for {@code check}: {@link #accept()} or {@link #reject(String)}. */
    Verdict verify(CertificateCheck check) throws Exception;

    /** A verifier's answer; a rejection carries the reason librdkafka reports. */
    record Verdict(boolean accepted, String reason) {
        public Verdict {
            if (!accepted && (reason == null || reason.isBlank())) throw new IllegalArgumentException("a rejection needs a reason");
        }
    }

    static Verdict accept() {
        return new Verdict(true, null);
    }

    static Verdict reject(String reason) {
        return new Verdict(false, reason);
    }

    /** Keeps OpenSSL's verdict: accepts exactly what OpenSSL verified. */
    static Verdict openSslVerdict(CertificateCheck check) {
        return check.verifiedByOpenSsl() ? accept()
                : reject("OpenSSL rejected " + check.certificate().getSubjectX500Principal().getName() + " (X509 error "
                        + check.opensslError() + ")");
    }

    /**
     * Certificate pinning: OpenSSL's verdict for every certificate, and in addition the
     * broker's own certificate (depth 0) must have one of {@code sha256Fingerprints} (hex,
     * case and colons ignored; see {@link CertificateCheck#sha256Fingerprint()}).
     */
    static CertificateVerifier pinSha256(Set<String> sha256Fingerprints) {
        Set<String> pins = sha256Fingerprints.stream().map(f -> f.replace(":", "").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (pins.isEmpty()) throw new IllegalArgumentException("no fingerprint to pin");
        return check -> {
            Verdict openSsl = openSslVerdict(check);
            if (!openSsl.accepted() || check.depth() != 0) return openSsl;
            String fp = check.sha256Fingerprint();
            return pins.contains(fp) ? accept()
                    : reject("certificate " + check.certificate().getSubjectX500Principal().getName() + " of " + check.brokerName()
                            + " is not pinned (SHA-256 " + fp + ")");
        };
    }
}
