package dev.jrdkafka.testkit;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@linkplain KafkaBroker.Builder#secured() secured} broker is set up with, made fresh
 * for each broker: a test CA ({@link #ca()}) with a broker certificate for IP 127.0.0.1 only
 * (so connecting by the name {@code localhost} fails hostname verification) and a client
 * certificate ({@code CN=client}) for the mutual-TLS {@code SSL} listener; users
 * {@value #ADMIN} (super user when the authorizer is on), {@value #ALICE} and {@value #BOB}
 * with random passwords, known to PLAIN and, created at format time
 * ({@code --add-scram}), to SCRAM-SHA-256 and SCRAM-SHA-512; and an {@link OAuthServer}
 * whose JWKS the broker validates OAUTHBEARER tokens against.
 */
public final class BrokerSecurity implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String ALICE = "alice";
    public static final String BOB = "bob";
    /** The subject of the client certificate; its principal is {@code User:CN=client}. */
    public static final String CLIENT_CN = "client";
    /** The SASL mechanisms every SASL listener enables. */
    public static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER");

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestCa ca;
    private final TestCa.Issued brokerCertificate;
    private final TestCa.Issued clientCertificate;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final String storePassword = randomSecret();
    private final OAuthServer oauth;
    /** Null: the broker's default (no re-authentication). */
    private final Duration oauthReauth;

    private BrokerSecurity(Duration oauthReauth) {
        this.oauthReauth = oauthReauth;
        this.ca = TestCa.create("jrdkafka test CA");
        this.brokerCertificate = ca.issue("broker", BrokerFiles.HOST);
        this.clientCertificate = ca.issue(CLIENT_CN);
        for (String user : List.of(ADMIN, ALICE, BOB)) passwords.put(user, randomSecret());
        this.oauth = OAuthServer.start();
    }

    /** {@code oauthReauth}: OAUTHBEARER sessions re-authenticate this often (null: never). */
    static BrokerSecurity create(Duration oauthReauth) {
        return new BrokerSecurity(oauthReauth);
    }

    public TestCa ca() {
        return ca;
    }

    /** The broker's certificate: SAN IP 127.0.0.1 only. */
    public TestCa.Issued brokerCertificate() {
        return brokerCertificate;
    }

    /** A client certificate ({@code CN=client}) the {@code SSL} listener accepts. */
    public TestCa.Issued clientCertificate() {
        return clientCertificate;
    }

    /** The password of {@code user} ({@value #ADMIN}, {@value #ALICE} or {@value #BOB}), for PLAIN and SCRAM alike. */
    public String password(String user) {
        String p = passwords.get(user);
        if (p == null) throw new IllegalArgumentException("no user " + user + "; the users are " + passwords.keySet());
        return p;
    }

    public List<String> users() {
        return List.copyOf(passwords.keySet());
    }

    public OAuthServer oauth() {
        return oauth;
    }

    /** The broker's server.properties entries for security, given the ports of its listeners. */
    Map<String, String> brokerProperties(Path dir, Map<KafkaBroker.Listener, Integer> ports) {
        Map<String, String> p = new LinkedHashMap<>();
        List<String> listeners = new ArrayList<>();
        List<String> map = new ArrayList<>(List.of("CONTROLLER:PLAINTEXT"));
        for (var e : ports.entrySet()) {
            listeners.add(e.getKey() + "://" + BrokerFiles.HOST + ":" + e.getValue());
            map.add(e.getKey() + ":" + e.getKey());
        }
        p.put("advertised.listeners", String.join(",", listeners));
        p.put("listener.security.protocol.map", String.join(",", map));
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", brokerCertificate.writeKeyStore(dir.resolve("broker.p12"), storePassword.toCharArray()).toString());
        p.put("ssl.keystore.password", storePassword);
        p.put("ssl.key.password", storePassword);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", ca.writeTrustStore(dir.resolve("truststore.p12"), storePassword.toCharArray()).toString());
        p.put("ssl.truststore.password", storePassword);
        p.put("listener.name.ssl.ssl.client.auth", "required");
        p.put("sasl.enabled.mechanisms", String.join(",", MECHANISMS));
        StringBuilder plainUsers = new StringBuilder();
        passwords.forEach((u, pw) -> plainUsers.append(" user_").append(u).append("=\"").append(pw).append('"'));
        for (String l : List.of("sasl_plaintext", "sasl_ssl")) {
            String prefix = "listener.name." + l + ".";
            p.put(prefix + "plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required" + plainUsers + ";");
            for (String scram : List.of("scram-sha-256", "scram-sha-512")) {
                p.put(prefix + scram + ".sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            }
            p.put(prefix + "oauthbearer.sasl.jaas.config",
                    "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
            p.put(prefix + "oauthbearer.sasl.server.callback.handler.class",
                    "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler");
            if (oauthReauth != null) {
                p.put(prefix + "oauthbearer.connections.max.reauth.ms", Long.toString(oauthReauth.toMillis()));
            }
        }
        p.put("sasl.oauthbearer.jwks.endpoint.url", oauth.jwksUrl());
        p.put("sasl.oauthbearer.expected.audience", OAuthServer.AUDIENCE);
        p.put("sasl.oauthbearer.expected.issuer", oauth.issuer());
        return p;
    }

    /** kafka-storage format arguments creating the SCRAM credentials. */
    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
            passwords.forEach((u, pw) -> {
                args.add("--add-scram");
                args.add(mechanism + "=[name=" + u + ",password=" + pw + "]");
            });
        }
        return args;
    }

    /** Kafka 4 fetches a JWKS only from URLs this system property allows. */
    List<String> brokerJvmArguments() {
        return List.of("-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=" + oauth.jwksUrl());
    }

    @Override
    public void close() {
        oauth.close();
    }

    /** Names the users, never their passwords. */
    @Override
    public String toString() {
        return "BrokerSecurity[users " + passwords.keySet() + ", " + oauth + "]";
    }

    private static String randomSecret() {
        StringBuilder sb = new StringBuilder("s3cr3t-");
        for (int i = 0; i < 20; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
