package dev.jrdkafka.security;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The client's TLS identity (private key and certificate chain) from Java objects, for
 * mutual TLS; set it with {@code KafkaConfig.sslClientCertificate}. It reaches librdkafka
 * through {@code rd_kafka_conf_set_ssl_cert} as PEM in memory: no key file is written, and
 * the key never enters the configuration's properties (nor their dumps).
 * {@link #toString()} names the certificate's subject only.
 */
public final class ClientCertificate {
    private final String privateKeyPem;
    private final String certificateChainPem;
    private final String subject;

    private ClientCertificate(String privateKeyPem, String certificateChainPem, String subject) {
        this.privateKeyPem = privateKeyPem;
        this.certificateChainPem = certificateChainPem;
        this.subject = subject;
    }

    /** A key and its chain (the client's certificate first, then its issuers). */
    public static ClientCertificate of(PrivateKey key, List<X509Certificate> chain) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) throw new IllegalArgumentException("the certificate chain is empty");
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("the private key (" + key.getAlgorithm() + ", format " + key.getFormat()
                    + ") cannot be exported as PKCS#8; hardware-backed keys cannot be handed to librdkafka");
        }
        return new ClientCertificate(Pem.block("PRIVATE KEY", der), Pem.certificates(chain),
                chain.getFirst().getSubjectX500Principal().getName());
    }

    /**
     * The key entry {@code alias} of {@code keyStore} (e.g. a PKCS#12 file loaded with
     * {@link KeyStore#load}), unlocked with {@code keyPassword}.
     *
     * @throws IllegalArgumentException if there is no such key entry or the password is wrong
     */
    public static ClientCertificate fromKeyStore(KeyStore keyStore, String alias, char[] keyPassword) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(alias, "alias");
        try {
            Key key = keyStore.getKey(alias, keyPassword);
            if (!(key instanceof PrivateKey pk)) {
                throw new IllegalArgumentException("the keystore has no private key entry '" + alias + "'");
            }
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("the keystore's entry '" + alias + "' has no certificate chain");
            }
            List<X509Certificate> x509 = new ArrayList<>();
            for (Certificate c : chain) x509.add((X509Certificate) c);
            return of(pk, x509);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("reading key entry '" + alias + "' from the keystore failed: " + e.getMessage(), e);
        }
    }

    /**
     * A PEM private key (PKCS#8 or traditional; an encrypted one needs {@code ssl.key.password}
     * in the configuration) and a PEM chain, the client's certificate first. librdkafka
     * checks them when the client is created.
     */
    public static ClientCertificate fromPem(String privateKeyPem, String certificateChainPem) {
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        if (!privateKeyPem.contains("-----BEGIN")) throw new IllegalArgumentException("privateKeyPem holds no PEM block");
        List<X509Certificate> chain = Pem.parseCertificates(certificateChainPem, "certificateChainPem");
        return new ClientCertificate(privateKeyPem, certificateChainPem, chain.getFirst().getSubjectX500Principal().getName());
    }

    /** For the native layer: the key as PEM. */
    public String privateKeyPem() {
        return privateKeyPem;
    }

    /** The chain as PEM, the client's certificate first. */
    public String certificateChainPem() {
        return certificateChainPem;
    }

    /** The subject of the client's certificate (RFC 2253). */
    public String subject() {
        return subject;
    }

    @Override
    public String toString() {
        return "ClientCertificate[" + subject + ", private key (redacted)]";
    }
}
