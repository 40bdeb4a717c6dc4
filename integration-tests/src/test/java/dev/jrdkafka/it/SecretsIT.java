package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.security.OAuthBearerToken;
import dev.jrdkafka.testkit.BrokerSecurity;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.SecuredBrokerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code debug=all}, every log line (librdkafka's and jrdkafka's), every exception
 * message, every {@code toString()} and configuration dump of runs with each mechanism is
 * captured, and none may contain a password, token, private key or client secret.
 */
@ExtendWith(SecuredBrokerExtension.class)
@Timeout(120)
class SecretsIT {
    @Test
    void noSecretInLogsExceptionsOrDumps(KafkaBroker broker) throws Exception {
        BrokerSecurity s = broker.security();
        String token = s.oauth().issueToken(BrokerSecurity.ALICE, Instant.now().plusSeconds(300));
        String keyPem = s.clientCertificate().privateKeyPem();
        // A line from the middle of the key's base64: any part of it would be a leak.
        String keyLine = keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        Map<String, String> secrets = Map.of(
                "alice's password", s.password(BrokerSecurity.ALICE),
                "the OAUTHBEARER token", token,
                "the token's signature", token.substring(token.lastIndexOf('.') + 1),
                "the client's private key", keyLine);

        List<String> captured = new ArrayList<>();
        ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
        ClientListener listener = new ClientListener() {
            @Override
            public void onError(KafkaException error) {
                logLines.add("listener: " + error);
            }
        };
        try (LogCapture ignored = new LogCapture(logLines)) {
            List<KafkaConfig> configs = List.of(
                    Secured.sasl(broker, KafkaBroker.Listener.SASL_SSL, "PLAIN", BrokerSecurity.ALICE),
                    Secured.sasl(broker, KafkaBroker.Listener.SASL_PLAINTEXT, "SCRAM-SHA-512", BrokerSecurity.ALICE),
                    Secured.config(broker, KafkaBroker.Listener.SASL_PLAINTEXT).saslMechanism("OAUTHBEARER")
                            .oauthBearerTokenProvider(c -> new OAuthBearerToken(token, Instant.now().plusSeconds(300), "alice")),
                    Secured.config(broker, KafkaBroker.Listener.SSL).sslKeyStore(
                            s.clientCertificate().keyStore("k", "pw".toCharArray()), "k", "pw".toCharArray()),
                    Secured.mutualTls(broker));
            int i = 0;
            for (KafkaConfig c : configs) {
                KafkaConfig debug = c.copy().debug("all").set("log_level", 7L);
                captured.add(debug.toString());
                captured.add(debug.toRedactedMap().toString());
                captured.add(debug.security().toString());
                Secured.roundTrip(broker, debug, "secrets-" + i++);
            }
            // and a refused run: the exception's text and everything logged meanwhile
            KafkaConfig wrong = Secured.sasl(broker, KafkaBroker.Listener.SASL_PLAINTEXT, "PLAIN", BrokerSecurity.ALICE)
                    .saslPassword(s.password(BrokerSecurity.ALICE) + "x").debug("all");
            captured.add(wrong.toString());
            try (Admin a = Admin.create(wrong, listener)) {
                Exception e = assertThrows(Exception.class, () -> a.describeCluster().get(30, TimeUnit.SECONDS));
                for (Throwable t = e; t != null; t = t.getCause()) captured.add(String.valueOf(t));
                captured.add(a.toString());
            }
        }
        captured.addAll(logLines);
        assertTrue(logLines.size() > 1000, "debug=all logged only " + logLines.size() + " lines: is the capture working?");
        List<String> leaks = new ArrayList<>();
        for (String line : captured) {
            secrets.forEach((what, secret) -> {
                if (line.contains(secret)) leaks.add(what + " in: " + line);
            });
        }
        System.out.println("SecretsIT: checked " + captured.size() + " strings (" + logLines.size() + " log lines)");
        assertTrue(leaks.isEmpty(), leaks.size() + " leaks, e.g. " + leaks.stream().limit(5).toList());
    }

    /** Adds an appender to the root logger at ALL for its lifetime (the IT's SLF4J binding is log4j2). */
    static final class LogCapture implements AutoCloseable {
        private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        private final AbstractAppender appender;
        private final Level rootLevel;
        private final Level librdkafkaLevel;

        LogCapture(ConcurrentLinkedQueue<String> lines) {
            appender = new AbstractAppender("secrets-capture", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    StringBuilder sb = new StringBuilder(event.getMessage().getFormattedMessage());
                    for (Throwable t = event.getThrown(); t != null; t = t.getCause()) sb.append(" | ").append(t);
                    lines.add(sb.toString());
                }
            };
            appender.start();
            Configuration config = ctx.getConfiguration();
            config.addAppender(appender);
            LoggerConfig root = config.getRootLogger();
            rootLevel = root.getLevel();
            root.addAppender(appender, Level.ALL, null);
            root.setLevel(Level.ALL);
            LoggerConfig rd = config.getLoggerConfig("librdkafka");
            librdkafkaLevel = rd.getLevel();
            rd.setLevel(Level.ALL);
            ctx.updateLoggers();
        }

        @Override
        public void close() {
            Configuration config = ctx.getConfiguration();
            config.getRootLogger().removeAppender(appender.getName());
            config.getRootLogger().setLevel(rootLevel);
            config.getLoggerConfig("librdkafka").setLevel(librdkafkaLevel);
            ctx.updateLoggers();
            appender.stop();
        }
    }
}
