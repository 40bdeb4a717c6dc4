package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.security.CertificateCheck;
import dev.jrdkafka.security.CertificateVerifier;
import dev.jrdkafka.security.ClientCertificate;
import dev.jrdkafka.testkit.BrokerSecurity;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.SecuredBrokerExtension;
import dev.jrdkafka.testkit.TestCa;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS on the secured broker: its mutual-TLS listener with keys and CAs given as PEM
 * properties, as a Java KeyStore, or as PEM objects; refusals of an unknown CA, of a
 * hostname the certificate does not name, and of an unpinned certificate, each measured.
 */
@ExtendWith(SecuredBrokerExtension.class)
@Timeout(120)
class TlsIT {
    static final char[] PASSWORD = "keystore-password".toCharArray();

    @Test
    void mutualTlsWithPemProperties(KafkaBroker broker) throws Exception {
        Secured.roundTrip(broker, Secured.mutualTls(broker), "mtls-pem");
    }

    @Test
    void mutualTlsFromJavaKeyStores(KafkaBroker broker) throws Exception {
        BrokerSecurity s = broker.security();
        KafkaConfig c = KafkaConfig.create().bootstrapServers(broker.bootstrapServers(KafkaBroker.Listener.SSL))
                .set("log_level", 4L).set("security.protocol", "ssl")
                .sslKeyStore(s.clientCertificate().keyStore("client", PASSWORD), "client", PASSWORD)
                .sslTrustStore(s.ca().trustStore());
        assertTrue(!c.toString().contains(s.clientCertificate().privateKeyPem().lines().skip(1).findFirst().orElseThrow()),
                "the key stays out of toString: " + c);
        Secured.roundTrip(broker, c, "mtls-keystore");
    }

    @Test
    void mutualTlsFromPemObjects(KafkaBroker broker) throws Exception {
        BrokerSecurity s = broker.security();
        KafkaConfig c = KafkaConfig.create().bootstrapServers(broker.bootstrapServers(KafkaBroker.Listener.SSL))
                .set("log_level", 4L).set("security.protocol", "ssl")
                .sslClientCertificate(ClientCertificate.fromPem(s.clientCertificate().privateKeyPem(),
                        s.clientCertificate().certificateChainPem()))
                .sslTrustedCertificates(List.of(s.ca().certificate()));
        Secured.roundTrip(broker, c, "mtls-pem-objects");
    }

    /** The verifier sees the chain root first, and pinning the broker's certificate lets the client in. */
    @Test
    void pinnedCertificateIsAccepted(KafkaBroker broker) throws Exception {
        List<CertificateCheck> seen = new CopyOnWriteArrayList<>();
        CertificateVerifier pin = CertificateVerifier.pinSha256(Set.of(sha256(broker.security().brokerCertificate().certificate())));
        KafkaConfig c = Secured.mutualTls(broker).sslCertificateVerifier(check -> {
            seen.add(check);
            return pin.verify(check);
        });
        Secured.roundTrip(broker, c, "pinned");
        assertTrue(seen.stream().anyMatch(x -> x.depth() == 0 && x.verifiedByOpenSsl()), seen.toString());
        assertTrue(seen.stream().anyMatch(x -> x.depth() == 1
                && x.certificate().equals(broker.security().ca().certificate())), "the CA at depth 1: " + seen);
    }

    @Test
    void unpinnedCertificateIsRefused(KafkaBroker broker) {
        KafkaConfig c = Secured.mutualTls(broker).sslCertificateVerifier(CertificateVerifier.pinSha256(Set.of("00".repeat(32))));
        KafkaException e = refused(c, "unpinned certificate");
        assertTrue(e.getMessage().contains("not pinned"), e.getMessage());
    }

    @Test
    void unknownCaIsRefused(KafkaBroker broker) {
        KafkaConfig c = Secured.mutualTls(broker).remove("ssl.ca.pem")
                .sslTrustedCertificates(List.of(TestCa.create("some other CA").certificate()));
        refused(c, "unknown CA");
    }

    /** The broker's certificate names IP 127.0.0.1 only; librdkafka verifies hostnames by default. */
    @Test
    void hostnameMismatchIsRefused(KafkaBroker broker) {
        String servers = broker.bootstrapServers(KafkaBroker.Listener.SSL).replace("127.0.0.1", "localhost");
        KafkaException e = refused(Secured.mutualTls(broker).bootstrapServers(servers), "hostname mismatch");
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("certificate verify failed"), e.getMessage());
    }

    /** The first Admin call fails with _SSL, fast; the time to the error is printed. */
    static KafkaException refused(KafkaConfig c, String what) {
        long start = System.nanoTime();
        try (Admin a = Admin.create(c)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> a.describeCluster().get(30, TimeUnit.SECONDS));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            KafkaException k = (KafkaException) e.getCause();
            System.out.println("TLS " + what + ": " + k.error() + " after " + ms + " ms: " + k.getMessage());
            assertEquals(KafkaError._SSL, k.error(), k.toString());
            assertTrue(ms < 10_000, what + " refused after " + ms + " ms");
            return k;
        }
    }

    static String sha256(java.security.cert.X509Certificate c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }
}
