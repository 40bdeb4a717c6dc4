package dev.jrdkafka.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * OAUTHBEARER tokens from an OAuth 2.0 / OIDC token endpoint by the client-credentials grant,
 * as librdkafka's {@code sasl.oauthbearer.method=oidc} fetches them, but in Java: the default
 * jrdkafka build has no libcurl, so librdkafka refuses that method, and this provider is its
 * replacement — the same settings, for every client kind:
 *
 * <pre>{@code
 * KafkaConfig config = KafkaConfig.create()
 *         .bootstrapServers("broker:9093")
 *         .set("security.protocol", "SASL_SSL").saslMechanism("OAUTHBEARER")
 *         .oauthBearerTokenProvider(OidcClientCredentials.builder(
 *                 URI.create("https://idp.example/oauth2/token"), "my-client", clientSecret)
 *             .scope("kafka").build());
 * }</pre>
 *
 * <p>Like librdkafka it POSTs {@code grant_type=client_credentials} (and {@code scope}) with
 * the client id and secret as HTTP Basic authentication, takes {@code access_token} from the
 * JSON answer, and reads the token's expiry from its JWT {@code exp} claim and the principal
 * from its {@code sub} claim ({@code sasl.oauthbearer.sub.claim.name}); a token that is not a
 * JWT, or lacks those claims, is refused with a message saying which. librdkafka calls the
 * provider on its background thread at start and at 80% of each token's lifetime; each call
 * is one HTTP request bounded by {@link Builder#timeout}. Errors name the endpoint and the
 * HTTP status, never the secret or the token.
 */
public final class OidcClientCredentials implements OAuthBearerTokenProvider {
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final String subClaim;
    private final Map<String, String> extensions;
    private final Duration timeout;
    private final HttpClient http;

    private OidcClientCredentials(Builder b) {
        this.tokenEndpoint = b.tokenEndpoint;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.scope = b.scope;
        this.subClaim = b.subClaim;
        this.extensions = Map.copyOf(b.extensions);
        this.timeout = b.timeout;
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (b.sslContext != null) hb.sslContext(b.sslContext);
        this.http = hb.build();
    }

    /**
     * A builder for the token endpoint ({@code sasl.oauthbearer.token.endpoint.url}), client id
     * ({@code sasl.oauthbearer.client.id}) and secret ({@code sasl.oauthbearer.client.secret}).
     */
    public static Builder builder(URI tokenEndpoint, String clientId, String clientSecret) {
        return new Builder(tokenEndpoint, clientId, clientSecret);
    }

    /**
     * A provider from librdkafka's OIDC property names, so that an existing librdkafka
     * configuration carries over: {@code sasl.oauthbearer.token.endpoint.url},
     * {@code sasl.oauthbearer.client.id}, {@code sasl.oauthbearer.client.secret} (required),
     * {@code sasl.oauthbearer.scope}, {@code sasl.oauthbearer.sub.claim.name},
     * {@code sasl.oauthbearer.extensions} ({@code key=value,...}); other keys are ignored.
     *
     * @throws IllegalArgumentException naming a missing or malformed property
     */
    public static OidcClientCredentials fromProperties(Map<String, String> properties) {
        String url = required(properties, "sasl.oauthbearer.token.endpoint.url");
        URI endpoint;
        try {
            endpoint = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sasl.oauthbearer.token.endpoint.url is not a URI: " + e.getMessage(), e);
        }
        Builder b = builder(endpoint, required(properties, "sasl.oauthbearer.client.id"),
                required(properties, "sasl.oauthbearer.client.secret"));
        String scope = properties.get("sasl.oauthbearer.scope");
        if (scope != null && !scope.isEmpty()) b.scope(scope);
        String sub = properties.get("sasl.oauthbearer.sub.claim.name");
        if (sub != null && !sub.isEmpty()) b.subClaimName(sub);
        String ext = properties.get("sasl.oauthbearer.extensions");
        if (ext != null && !ext.isEmpty()) {
            for (String pair : ext.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("sasl.oauthbearer.extensions: '" + pair.strip()
                            + "' is not key=value (expected key=value,key=value)");
                }
                b.extension(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return b.build();
    }

    private static String required(Map<String, String> properties, String key) {
        String v = properties.get(key);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException(key + " is required for the OIDC client-credentials grant");
        return v;
    }

    @Override
    public OAuthBearerToken token(String config) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (scope != null) form.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("OIDC token endpoint " + tokenEndpoint + " could not be reached: " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("OIDC token endpoint " + tokenEndpoint + " answered HTTP " + response.statusCode()
                    + " for client " + clientId + ": " + abbreviate(response.body()));
        }
        return fromResponse(response.body());
    }

    /** The token in a token endpoint's JSON answer (package-private for tests). */
    OAuthBearerToken fromResponse(String body) {
        Map<String, Object> answer;
        try {
            answer = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("OIDC token endpoint " + tokenEndpoint + " did not answer a JSON object ("
                    + e.getMessage() + ")");
        }
        if (!(answer.get("access_token") instanceof String token) || token.isEmpty()) {
            throw new IllegalStateException("OIDC token endpoint " + tokenEndpoint + "'s answer has no access_token; its fields: "
                    + answer.keySet());
        }
        Map<String, Object> claims = claims(token);
        if (!(claims.get("exp") instanceof Number exp) || exp.doubleValue() <= 0) {
            throw new IllegalStateException("the access token from " + tokenEndpoint + " has no valid \"exp\" claim; claims: "
                    + claims.keySet());
        }
        if (!(claims.get(subClaim) instanceof String principal) || principal.isEmpty()) {
            throw new IllegalStateException("the access token from " + tokenEndpoint + " has no \"" + subClaim
                    + "\" claim (sasl.oauthbearer.sub.claim.name); claims: " + claims.keySet());
        }
        Instant expiry = Instant.ofEpochMilli((long) (exp.doubleValue() * 1000));
        if (!expiry.isAfter(Instant.now())) {
            throw new IllegalStateException("the access token from " + tokenEndpoint + " expired at " + expiry
                    + " (check the clocks)");
        }
        return new OAuthBearerToken(token, expiry, principal, extensions);
    }

    private Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalStateException("the access token from " + tokenEndpoint + " is not a JWT (" + parts.length
                    + " dot-separated parts, expected 3): librdkafka reads expiry and principal from its claims");
        }
        try {
            return Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the access token from " + tokenEndpoint + " has an unreadable JWT payload ("
                    + e.getMessage() + ")");
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    /** Endpoint and client only: the secret is never printed. */
    @Override
    public String toString() {
        return "OidcClientCredentials[endpoint=" + tokenEndpoint + ", clientId=" + clientId + ", scope=" + scope
                + ", subClaim=" + subClaim + ", extensions=" + extensions.keySet() + ", clientSecret=(redacted)]";
    }

    /** Settings of an {@link OidcClientCredentials}. */
    public static final class Builder {
        private final URI tokenEndpoint;
        private final String clientId;
        private final String clientSecret;
        private String scope;
        private String subClaim = "sub";
        private final Map<String, String> extensions = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(30);
        private SSLContext sslContext;

        private Builder(URI tokenEndpoint, String clientId, String clientSecret) {
            this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            String s = tokenEndpoint.getScheme();
            if (s == null || !(s.equalsIgnoreCase("https") || s.equalsIgnoreCase("http")) || tokenEndpoint.getHost() == null) {
                throw new IllegalArgumentException("the token endpoint must be an absolute http(s) URL, got '" + tokenEndpoint + "'");
            }
            if (clientId.isEmpty()) throw new IllegalArgumentException("the client id is empty");
        }

        /** {@code sasl.oauthbearer.scope}: sent with the request when set. */
        public Builder scope(String scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** {@code sasl.oauthbearer.sub.claim.name}: the JWT claim naming the principal ({@code sub} by default). */
        public Builder subClaimName(String claim) {
            if (Objects.requireNonNull(claim, "claim").isEmpty()) throw new IllegalArgumentException("the claim name is empty");
            this.subClaim = claim;
            return this;
        }

        /** A SASL extension (KIP-342) sent with every token ({@code sasl.oauthbearer.extensions}). */
        public Builder extension(String key, String value) {
            extensions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The bound of one token request: connecting and the answer (30 s by default). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
            this.timeout = timeout;
            return this;
        }

        /** The TLS context for an https endpoint (the JDK's default trust store otherwise). */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        public OidcClientCredentials build() {
            return new OidcClientCredentials(this);
        }
    }
}
