package dev.jrdkafka.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.jrdkafka.Librdkafka;
import dev.jrdkafka.config.ConfigException;
import dev.jrdkafka.config.KafkaConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The OIDC client-credentials provider against a token endpoint in this JVM (loopback). */
@Timeout(60)
class OidcClientCredentialsTest {
    private static final String SECRET = "s3cr3t-client-secret";
    private ServerSocket server;
    private Thread acceptor;
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile String body;
    private volatile long delayMillis;

    /** A one-request-per-connection HTTP/1.1 responder on loopback (the module reads no JDK HTTP server). */
    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("oidc-test-endpoint").start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    answer(s);
                } catch (IOException | InterruptedException e) {
                    // closed, or the client gave up (timeout test)
                }
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5_000);
    }

    private void answer(Socket s) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        String authorization = null;
        String contentType = null;
        int length = 0;
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
            String name = h.substring(0, h.indexOf(':')).strip().toLowerCase(java.util.Locale.ROOT);
            String value = h.substring(h.indexOf(':') + 1).strip();
            switch (name) {
                case "authorization" -> authorization = value;
                case "content-type" -> contentType = value;
                case "content-length" -> length = Integer.parseInt(value);
                default -> { }
            }
        }
        char[] form = new char[length];
        for (int n = 0; n < length; ) n += in.read(form, n, length - n);
        requests.add(requestLine.split(" ")[0] + " " + authorization + " " + contentType + " " + new String(form));
        Thread.sleep(delayMillis);
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        OutputStream o = s.getOutputStream();
        o.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + out.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        o.write(out);
        o.flush();
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/token");
    }

    static String jwt(String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void fetchesATokenByTheClientCredentialsGrant() throws Exception {
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String token = jwt("{\"sub\":\"svc-orders\",\"exp\":" + exp + ",\"aud\":[\"kafka\",\"other\"],\"x\":{\"y\":[1,2.5,null,true]}}");
        body = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":600}";
        OAuthBearerToken t = OidcClientCredentials.builder(endpoint(), "client-1", SECRET).scope("kafka write")
                .extension("logicalCluster", "lkc-1").build().token("");
        assertEquals(token, t.value());
        assertEquals("svc-orders", t.principal());
        assertEquals(Instant.ofEpochSecond(exp), t.expiry());
        assertEquals(Map.of("logicalCluster", "lkc-1"), t.extensions());
        String basic = Base64.getEncoder().encodeToString(("client-1:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertEquals("POST Basic " + basic + " application/x-www-form-urlencoded grant_type=client_credentials&scope=kafka+write",
                requests.poll());
    }

    @Test
    void takesLibrdkafkasPropertyNames() throws Exception {
        long exp = Instant.now().plusSeconds(60).getEpochSecond();
        body = "{\"access_token\":\"" + jwt("{\"client_id\":\"app\",\"exp\":" + exp + "}") + "\"}";
        OidcClientCredentials p = OidcClientCredentials.fromProperties(Map.of(
                "sasl.oauthbearer.token.endpoint.url", endpoint().toString(),
                "sasl.oauthbearer.client.id", "client-2",
                "sasl.oauthbearer.client.secret", SECRET,
                "sasl.oauthbearer.sub.claim.name", "client_id",
                "sasl.oauthbearer.extensions", "a=1, b=2"));
        OAuthBearerToken t = p.token("");
        assertEquals("app", t.principal());
        assertEquals(Map.of("a", "1", "b", "2"), t.extensions());
        assertTrue(requests.poll().endsWith(" grant_type=client_credentials"), "no scope sent when none is set");
        assertFalse(p.toString().contains(SECRET), p.toString());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> OidcClientCredentials.fromProperties(
                Map.of("sasl.oauthbearer.token.endpoint.url", endpoint().toString(), "sasl.oauthbearer.client.id", "c")));
        assertTrue(missing.getMessage().contains("sasl.oauthbearer.client.secret is required"), missing.getMessage());
        IllegalArgumentException badExt = assertThrows(IllegalArgumentException.class, () -> OidcClientCredentials.fromProperties(
                Map.of("sasl.oauthbearer.token.endpoint.url", endpoint().toString(), "sasl.oauthbearer.client.id", "c",
                        "sasl.oauthbearer.client.secret", "s", "sasl.oauthbearer.extensions", "novalue")));
        assertTrue(badExt.getMessage().contains("'novalue' is not key=value"), badExt.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OidcClientCredentials.builder(URI.create("ftp://x/token"), "c", "s"));
    }

    @Test
    void aRefusalNamesTheStatusButNotTheSecret() {
        status = 401;
        body = "{\"error\":\"invalid_client\",\"error_description\":\"bad credentials\"}";
        IOException e = assertThrows(IOException.class,
                () -> OidcClientCredentials.builder(endpoint(), "client-3", SECRET).build().token(""));
        assertTrue(e.getMessage().contains("answered HTTP 401 for client client-3")
                && e.getMessage().contains("invalid_client"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void answersThatAreNotUsableTokensAreRefusedSayingWhy() {
        OidcClientCredentials p = OidcClientCredentials.builder(endpoint(), "c", SECRET).build();
        long exp = Instant.now().plusSeconds(60).getEpochSecond();
        assertMessage(p, "not json", "did not answer a JSON object");
        assertMessage(p, "{\"token_type\":\"Bearer\"}", "has no access_token; its fields: [token_type]");
        assertMessage(p, "{\"access_token\":\"opaque-token\"}", "is not a JWT (1 dot-separated parts");
        assertMessage(p, "{\"access_token\":\"" + jwt("{\"sub\":\"a\"}") + "\"}", "has no valid \"exp\" claim");
        assertMessage(p, "{\"access_token\":\"" + jwt("{\"exp\":" + exp + "}") + "\"}", "has no \"sub\" claim");
        assertMessage(p, "{\"access_token\":\"" + jwt("{\"sub\":\"a\",\"exp\":1000}") + "\"}", "expired at 1970-01-01T00:16:40Z");
    }

    private static void assertMessage(OidcClientCredentials p, String answer, String expected) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.fromResponse(answer));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aSlowEndpointIsBoundedByTheTimeout() {
        delayMillis = 5_000;
        body = "{}";
        long start = System.nanoTime();
        assertThrows(IOException.class, () -> OidcClientCredentials.builder(endpoint(), "c", SECRET)
                .timeout(Duration.ofMillis(500)).build().token(""));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 4_000, "gave up after " + ms + " ms");
    }

    @Test
    void librdkafkasOidcMethodPointsHereWhenTheBuildLacksIt() {
        assumeFalse(Librdkafka.builtinFeatures().contains("oidc"), "this librdkafka build has OIDC itself");
        ConfigException e = assertThrows(ConfigException.class,
                () -> KafkaConfig.create().set("sasl.oauthbearer.method", "oidc"));
        assertTrue(e.getMessage().contains("libcurl") && e.getMessage().contains("OidcClientCredentials"), e.getMessage());
    }
}
