package dev.jrdkafka.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: an EC P-256 key and a self-signed CA
 * certificate, made in memory (BouncyCastle builds the X.509 structures, the JDK signs), and
 * the certificates it {@link #issue issues} for brokers and clients. Nothing is read from or
 * written to a shared location; {@link Issued} writes PEM and PKCS#12 files where asked.
 * Certificates are valid from an hour ago (clock skew) for a day.
 */
public final class TestCa {
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new CA whose certificate's subject is {@code CN=<name>}. */
    public static TestCa create(String name) {
        Objects.requireNonNull(name, "name");
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder b = builder(subject, subject, keys);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestCa(keys, sign(b, keys.getPrivate()));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate in PEM, e.g. for librdkafka's {@code ssl.ca.pem}. */
    public String certificatePem() {
        return Pem.certificates(List.of(certificate));
    }

    /**
     * A certificate for {@code CN=<commonName>}, signed by this CA, usable by TLS servers and
     * clients, with {@code subjectAltNames} as its SANs: entries that parse as an IPv4 or IPv6
     * address become IP SANs, the others DNS names. Hostname verification checks these.
     */
    public Issued issue(String commonName, String... subjectAltNames) {
        Objects.requireNonNull(commonName, "commonName");
        KeyPair subjectKeys = newKeys();
        X509v3CertificateBuilder b = builder(new X500Name(certificate.getSubjectX500Principal().getName()),
                new X500Name("CN=" + commonName), subjectKeys);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            if (subjectAltNames.length > 0) {
                List<GeneralName> names = new ArrayList<>();
                for (String san : subjectAltNames) {
                    names.add(new GeneralName(isIpAddress(san) ? GeneralName.iPAddress : GeneralName.dNSName, san));
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Issued(subjectKeys.getPrivate(), List.of(sign(b, keys.getPrivate()), certificate));
    }

    /** A truststore (PKCS#12) holding this CA's certificate as a trusted entry. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", certificate);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("building a truststore", e);
        }
    }

    /** Writes {@link #trustStore()} to {@code file}, protected by {@code password}. */
    public Path writeTrustStore(Path file, char[] password) {
        return Pkcs12.write(trustStore(), file, password);
    }

    /** A private key and its certificate chain (leaf first, then the CA). */
    public static final class Issued {
        private final PrivateKey privateKey;
        private final List<X509Certificate> chain;

        private Issued(PrivateKey privateKey, List<X509Certificate> chain) {
            this.privateKey = privateKey;
            this.chain = chain;
        }

        public PrivateKey privateKey() {
            return privateKey;
        }

        public X509Certificate certificate() {
            return chain.getFirst();
        }

        /** Leaf first, then the CA's certificate. */
        public List<X509Certificate> chain() {
            return chain;
        }

        /** The unencrypted private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
        public String privateKeyPem() {
            return Pem.privateKey(privateKey);
        }

        /** The chain in PEM, leaf first. */
        public String certificateChainPem() {
            return Pem.certificates(chain);
        }

        /** A PKCS#12 keystore with the key and chain under {@code alias}, protected by {@code password}. */
        public KeyStore keyStore(String alias, char[] password) {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(alias, privateKey, password, chain.toArray(X509Certificate[]::new));
                return ks;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("building a keystore", e);
            }
        }

        /** Writes {@link #keyStore} (alias {@code "key"}) to {@code file}. */
        public Path writeKeyStore(Path file, char[] password) {
            return Pkcs12.write(keyStore("key", password), file, password);
        }

        /** Writes {@code <base>.key.pem} (private key) and {@code <base>.crt.pem} (chain) into {@code dir}. */
        public List<Path> writePem(Path dir, String base) {
            try {
                Files.createDirectories(dir);
                Path key = Files.writeString(dir.resolve(base + ".key.pem"), privateKeyPem());
                Path crt = Files.writeString(dir.resolve(base + ".crt.pem"), certificateChainPem());
                return List.of(key, crt);
            } catch (IOException e) {
                throw new UncheckedIOException("writing PEM files into " + dir, e);
            }
        }

        /** The subject only: never the key. */
        @Override
        public String toString() {
            return "Issued[" + certificate().getSubjectX500Principal().getName() + "]";
        }
    }

    @Override
    public String toString() {
        return "TestCa[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    private static final class Pkcs12 {
        static Path write(KeyStore ks, Path file, char[] password) {
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    ks.store(out, password);
                }
                return file;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("writing " + file, e);
            }
        }
    }

    private static boolean isIpAddress(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("generating an EC key pair", e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("signing a test certificate", e);
        }
    }
}
