package dev.jrdkafka.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.config.KafkaConfig;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Java security objects: no secret in any text, copies carry them, bad input is refused clearly. */
class SecurityObjectsTest {
    @Test
    void tokenToStringHidesTheToken() {
        OAuthBearerToken t = new OAuthBearerToken("very-secret-token", Instant.EPOCH, "alice", Map.of("k", "v"));
        assertFalse(t.toString().contains("very-secret-token"), t.toString());
        assertTrue(t.toString().contains("alice"));
        assertThrows(IllegalArgumentException.class, () -> new OAuthBearerToken("", Instant.EPOCH, "alice"));
    }

    @Test
    void configCopiesCarryTheObjectsAndToStringNamesThemOnly() {
        OAuthBearerTokenProvider p = cfg -> null;
        KafkaConfig c = KafkaConfig.create().saslMechanism("OAUTHBEARER").oauthBearerTokenProvider(p);
        KafkaConfig copy = c.copy();
        assertEquals(p, copy.security().tokenProvider());
        assertTrue(c.toString().contains("tokenProvider=true"), c.toString());
        assertTrue(c.toMap().keySet().stream().noneMatch(k -> k.contains("provider")));
        c.oauthBearerTokenProvider(null);
        assertTrue(c.security().isEmpty());
    }

    @Test
    void refusesUselessInput() throws Exception {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientCertificate.fromKeyStore(empty, "x", new char[0]))
                .getMessage().contains("no private key entry 'x'"));
        assertThrows(IllegalArgumentException.class, () -> KafkaConfig.create().sslTrustStore(empty));
        assertThrows(IllegalArgumentException.class, () -> ClientCertificate.fromPem("not pem", "not pem"));
        assertThrows(IllegalArgumentException.class, () -> CertificateVerifier.pinSha256(Set.of()));
        assertThrows(IllegalArgumentException.class, () -> CertificateVerifier.reject(" "));
    }
}
