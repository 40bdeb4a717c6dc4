package dev.jrdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secured broker's ingredients, without a broker: certificates, files, users, the OAuth server. */
class BrokerSecurityTest {
    @Test
    void certificatesChainToTheCaAndNameTheLoopbackAddress(@TempDir Path tmp) throws Exception {
        TestCa ca = TestCa.create("test CA");
        TestCa.Issued broker = ca.issue("broker", "127.0.0.1", "broker.example");
        broker.certificate().verify(ca.certificate().getPublicKey());
        ca.certificate().verify(ca.certificate().getPublicKey());
        assertEquals(List.of(List.of(7, "127.0.0.1"), List.of(2, "broker.example")),
                broker.certificate().getSubjectAlternativeNames().stream().toList());
        // PEM round trip
        var parsed = CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(broker.certificateChainPem().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(broker.chain(), List.copyOf(parsed));
        assertTrue(broker.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
        // PKCS#12 round trip
        Path p12 = broker.writeKeyStore(tmp.resolve("k.p12"), "pw".toCharArray());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            ks.load(in, "pw".toCharArray());
        }
        assertEquals(broker.certificate(), ks.getCertificate("key"));
        assertFalse(broker.toString().contains("PRIVATE"));
    }

    @Test
    void serverPropertiesHaveEveryListenerAndMechanism(@TempDir Path tmp) throws Exception {
        try (BrokerSecurity s = BrokerSecurity.create(Duration.ofSeconds(5))) {
            BrokerFiles files = BrokerFiles.write(tmp, 1, Map.of(), s);
            String props = Files.readString(files.serverProperties());
            for (KafkaBroker.Listener l : KafkaBroker.Listener.values()) {
                assertTrue(props.contains(l + "://127.0.0.1:" + files.listenerPorts().get(l)), l + " in\n" + props);
            }
            assertTrue(props.contains("listener.name.ssl.ssl.client.auth=required"));
            assertTrue(props.contains("sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER"));
            assertTrue(props.contains("user_alice=\"" + s.password(BrokerSecurity.ALICE) + "\""));
            assertTrue(props.contains("listener.name.sasl_ssl.oauthbearer.connections.max.reauth.ms=5000"));
            assertTrue(props.contains("sasl.oauthbearer.jwks.endpoint.url=" + s.oauth().jwksUrl()));
            assertEquals(5, files.listenerPorts().values().stream().distinct().count() + 1); // + the controller's, separate
            assertTrue(s.formatArguments().contains("SCRAM-SHA-512=[name=bob,password=" + s.password(BrokerSecurity.BOB) + "]"));
            assertFalse(s.toString().contains(s.password(BrokerSecurity.ADMIN)));
            assertThrows(IllegalArgumentException.class, () -> s.password("mallory"));
        }
    }

    /** {status, body} of a GET (form null) or a form POST. */
    static String[] http(String url, String authorization, String form) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            if (authorization != null) c.setRequestProperty("Authorization", authorization);
            if (form != null) {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(form.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                return new String[] {Integer.toString(status), in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8)};
            }
        } finally {
            c.disconnect();
        }
    }

    @Test
    void oauthServerSignsTokensAndAnswersTheClientCredentialsGrant() throws Exception {
        try (OAuthServer server = OAuthServer.start()) {
            String token = server.issueToken("alice", Instant.now().plusSeconds(60));
            String[] parts = token.split("\\.");
            assertEquals(3, parts.length);
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            assertTrue(claims.contains("\"sub\":\"alice\"") && claims.contains("\"aud\":\"kafka\""), claims);
            String jwks = http(server.jwksUrl(), null, null)[1];
            assertTrue(jwks.contains("\"kty\":\"RSA\""), jwks);
            assertEquals(1, server.jwksRequests());
            String basic = Base64.getEncoder().encodeToString((OAuthServer.CLIENT_ID + ":" + OAuthServer.CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            String[] ok = http(server.tokenUrl(), "Basic " + basic, "grant_type=client_credentials&scope=kafka");
            assertEquals("200", ok[0], ok[1]);
            assertTrue(ok[1].contains("\"access_token\":\"ey"), ok[1]);
            assertEquals(1, server.tokenRequests());
            String[] wrong = http(server.tokenUrl(), null, "grant_type=client_credentials&client_id=x&client_secret=y");
            assertEquals("401", wrong[0]);
        }
    }
}
