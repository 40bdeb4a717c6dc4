package dev.jrdkafka.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One certificate of a broker's chain as librdkafka's {@code ssl_cert_verify_cb} sees it,
 * once per certificate and connection attempt, root first (highest depth) and the broker's
 * own certificate last ({@code depth} 0).
 *
 * @param brokerName   librdkafka's name of the broker, e.g. {@code ssl://127.0.0.1:9093/1}
 * @param brokerId     the broker's id, or -1 for a bootstrap server not yet known by id
 * @param depth        0 for the broker's own certificate, 1 for its issuer, ...
 * @param certificate  the certificate
 * @param opensslError OpenSSL's verdict for it: 0 if OpenSSL verified it (chain to a trusted
 *                     CA, validity, and at depth 0 the hostname), else an OpenSSL
 *                     {@code X509_V_ERR_*} code (e.g. 62: hostname mismatch)
 */
public record CertificateCheck(String brokerName, int brokerId, int depth, X509Certificate certificate, int opensslError) {
    public CertificateCheck {
        Objects.requireNonNull(brokerName, "brokerName");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** Whether OpenSSL's own verification of this certificate passed. */
    public boolean verifiedByOpenSsl() {
        return opensslError == 0;
    }

    /** The SHA-256 fingerprint of the certificate (DER), lower-case hex without separators. */
    public String sha256Fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("fingerprinting " + certificate.getSubjectX500Principal(), e);
        }
    }
}
