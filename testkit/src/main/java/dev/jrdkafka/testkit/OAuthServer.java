package dev.jrdkafka.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OAuth 2 / OIDC identity provider on 127.0.0.1 for OAUTHBEARER tests
 * ({@code com.sun.net.httpserver}, a free port): it signs JWTs (RS256) with an RSA key made
 * at start, publishes the public key at {@link #jwksUrl()} (what the broker validates tokens
 * against) and answers the client-credentials grant at {@link #tokenUrl()} (what
 * librdkafka's {@code sasl.oauthbearer.method=oidc} asks). Tests also get tokens directly
 * with {@link #issueToken}. Every token has issuer {@link #issuer()}, audience
 * {@value #AUDIENCE} and the subject as {@code sub}, which the broker makes the principal.
 */
public final class OAuthServer implements AutoCloseable {
    /** The audience of every token; the broker expects it. */
    public static final String AUDIENCE = "kafka";
    /** The OIDC client the token endpoint knows. */
    public static final String CLIENT_ID = "jrdkafka-client";
    /** {@link #CLIENT_ID}'s secret. */
    public static final String CLIENT_SECRET = "jrdkafka-client-secret";
    private static final String KEY_ID = "jrdkafka-test-key";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final ExecutorService executor;
    private final KeyPair keys;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile Duration oidcTokenLifetime = Duration.ofMinutes(5);

    private OAuthServer(HttpServer server, ExecutorService executor, KeyPair keys) {
        this.server = server;
        this.executor = executor;
        this.keys = keys;
    }

    /** Starts a server on a free loopback port. */
    public static OAuthServer start() {
        KeyPair keys;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            keys = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("generating the token signing key", e);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newFixedThreadPool(2,
                    Thread.ofPlatform().daemon().name("jrdkafka-testkit-oauth-", 0).factory());
            server.setExecutor(executor);
            OAuthServer s = new OAuthServer(server, executor, keys);
            server.createContext("/jwks", s::jwks);
            server.createContext("/token", s::token);
            server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("starting the test OAuth server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, the {@code iss} of every token. */
    public String issuer() {
        return "http://" + BrokerFiles.HOST + ":" + server.getAddress().getPort();
    }

    /** The JSON Web Key Set with the signing key. */
    public String jwksUrl() {
        return issuer() + "/jwks";
    }

    /** The token endpoint (client-credentials grant, client {@value #CLIENT_ID}). */
    public String tokenUrl() {
        return issuer() + "/token";
    }

    /** How long tokens from the token endpoint are valid (default 5 minutes). */
    public void oidcTokenLifetime(Duration lifetime) {
        this.oidcTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** Token requests answered with a token so far. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** JWKS requests so far. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** A signed JWT for {@code subject} expiring at {@code expiry}. */
    public String issueToken(String subject, Instant expiry) {
        Objects.requireNonNull(subject, "subject");
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
        String claims = "{\"iss\":\"" + json(issuer()) + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + json(subject)
                + "\",\"iat\":" + now + ",\"nbf\":" + (now - 60) + ",\"exp\":" + expiry.getEpochSecond()
                + ",\"scope\":\"kafka\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a token", e);
        }
    }

    private void jwks(HttpExchange ex) throws IOException {
        jwksRequests.incrementAndGet();
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        respond(ex, 200, "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID
                + "\",\"n\":\"" + unsigned(pub.getModulus()) + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}]}");
    }

    /** The client-credentials grant: client id and secret by HTTP Basic or in the form (RFC 6749 2.3.1). */
    private void token(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            respond(ex, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
                secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            respond(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
        } else if (!CLIENT_ID.equals(id) || !CLIENT_SECRET.equals(secret)) {
            respond(ex, 401, "{\"error\":\"invalid_client\"}");
        } else {
            Duration lifetime = oidcTokenLifetime;
            String token = issueToken(id, Instant.now().plus(lifetime));
            tokenRequests.incrementAndGet();
            respond(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + lifetime.toSeconds() + "}");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) b = java.util.Arrays.copyOfRange(b, 1, b.length);
        return B64.encodeToString(b);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "OAuthServer[" + issuer() + "]";
    }
}
