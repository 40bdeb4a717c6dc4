package dev.jrdkafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) run
 * as a child process on 127.0.0.1, with free ports and a fresh temporary data directory.
 * It exists for what librdkafka's mock cluster does not do: transaction markers,
 * transactional offset commits stored in the group, ListOffsets by timestamp, fencing.
 *
 * <p>The broker's jars (org.apache.kafka:kafka_2.13 with its runtime dependencies, plus a
 * log4j2 binding and slf4j-api 2.0.x) are read from a directory: {@link Builder#kafkaLib},
 * else the system property {@value #KAFKA_LIB_PROPERTY}. Startup takes a few seconds (a
 * format run and the broker's start, two JVMs); share one broker per test run with
 * {@link KafkaBrokerExtension}.
 *
 * <p>{@link #close()} stops exactly the process this object started and deletes its
 * directory; a JVM shutdown hook does the same if a test run ends without closing it.
 */
public final class KafkaBroker implements AutoCloseable {
    /** System property naming the directory of the broker's jars. */
    public static final String KAFKA_LIB_PROPERTY = "jrdkafka.testkit.kafkaLib";

    /** The authorizer {@link Builder#standardAuthorizer()} configures. */
    public static final String STANDARD_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    /** The principal of every client on a PLAINTEXT listener; the super user of {@link Builder#standardAuthorizer()}. */
    public static final String ANONYMOUS = "User:ANONYMOUS";

    /** The listeners a broker can have; each is named after its security protocol. */
    public enum Listener {
        /** Always there: the inter-broker listener, and the one the kit itself uses. */
        PLAINTEXT,
        /** TLS with client authentication required (mutual TLS): {@link BrokerSecurity#clientCertificate()}. */
        SSL,
        /** SASL without TLS: every mechanism of {@link BrokerSecurity#MECHANISMS}. */
        SASL_PLAINTEXT,
        /** SASL over TLS (server certificate only): every mechanism of {@link BrokerSecurity#MECHANISMS}. */
        SASL_SSL
    }

    private static final int ATTEMPTS = 3; // a free port can be taken before the broker binds it
    private static final List<String> TOOL_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");
    private static final List<String> BROKER_JVM = List.of("-Xms256m", "-Xmx768m", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto", "-Djava.awt.headless=true");

    private volatile Process process; // replaced by restart()
    private final Path lib;
    private final Path dir;
    private final Path log;
    private final BrokerFiles files;
    private final BrokerSecurity security;
    private final Duration requestTimeout;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private boolean closed;

    private KafkaBroker(Process process, Path lib, Path dir, Path log, BrokerFiles files, BrokerSecurity security,
                        Duration requestTimeout, Duration startupTime) {
        this.process = process;
        this.lib = lib;
        this.dir = dir;
        this.log = log;
        this.files = files;
        this.security = security;
        this.requestTimeout = requestTimeout;
        this.startupTime = startupTime;
        this.shutdownHook = Thread.ofPlatform().name("jrdkafka-testkit-broker-stop").unstarted(this::stopQuietly);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker with the defaults (jars from {@value #KAFKA_LIB_PROPERTY}). */
    public static KafkaBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, for bootstrap.servers. */
    public String bootstrapServers() {
        return BrokerFiles.HOST + ":" + files.brokerPort();
    }

    public int port() {
        return files.brokerPort();
    }

    /**
     * {@code 127.0.0.1:<port>} of {@code listener}; all but PLAINTEXT exist only on a
     * {@linkplain Builder#secured() secured} broker.
     */
    public String bootstrapServers(Listener listener) {
        Integer port = files.listenerPorts().get(java.util.Objects.requireNonNull(listener, "listener"));
        if (port == null) {
            throw new IllegalStateException("this broker has no " + listener + " listener: start it with KafkaBroker.builder().secured()");
        }
        return BrokerFiles.HOST + ":" + port;
    }

    /** The certificates, users and OAuth server of a {@linkplain Builder#secured() secured} broker. */
    public BrokerSecurity security() {
        if (security == null) throw new IllegalStateException("this broker is not secured: start it with KafkaBroker.builder().secured()");
        return security;
    }

    /** The broker process's id (the one {@link #close()} stops). */
    public long pid() {
        return process.pid();
    }

    /** From {@link Builder#start()} until the broker served requests (format run included). */
    public Duration startupTime() {
        return startupTime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The temporary directory holding the configuration and data (deleted by {@link #close()}). */
    public Path directory() {
        return dir;
    }

    /** Where the broker's output goes. */
    public Path logFile() {
        return log;
    }

    /** The last {@code lines} lines of the broker's log, e.g. for a failure message. */
    public String logTail(int lines) {
        return JavaProcess.tail(log, lines);
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic (replication factor 1) with topic-level {@code configs} (e.g.
     * {@code retention.ms}), waiting for the controller to accept it. Fails if it exists.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        try (KafkaWire wire = KafkaWire.connect(BrokerFiles.HOST, port(), requestTimeout.plusSeconds(5))) {
            KafkaWire.TopicResult result = wire.createTopic(name, partitions, (short) 1, configs, (int) requestTimeout.toMillis());
            if (result.errorCode() != 0) {
                throw new IllegalStateException("creating topic " + name + " failed with Kafka error code "
                        + result.errorCode() + ": " + result.errorMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating topic " + name + " on " + bootstrapServers() + JavaProcess.tail(log), e);
        }
    }

    /**
     * Stops the broker process, keeping its data directory and ports for {@link #restart}:
     * SIGTERM (a controlled shutdown), SIGKILL if it has not exited after {@code grace}
     * ({@link Duration#ZERO}: SIGKILL right away, like a crash). Idempotent while stopped.
     */
    public synchronized void stop(Duration grace) {
        if (closed) throw new IllegalStateException("this broker was closed");
        try {
            JavaProcess.destroy(process, Objects.requireNonNull(grace, "grace"));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + this, e);
        }
    }

    /**
     * Starts a stopped broker again on the same data directory and ports, and waits (up to
     * {@code timeout}) until it serves requests: what clients see of a broker restart.
     * Its output is appended to the same log file.
     */
    public synchronized void restart(Duration timeout) {
        if (closed) throw new IllegalStateException("this broker was closed");
        if (process.isAlive()) throw new IllegalStateException(this + " is running: stop it first");
        try {
            process = BrokerStart.restart(lib, files, security, log, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("restarting " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + this, e);
        }
    }

    /**
     * Stops the broker process (SIGTERM, SIGKILL after a few seconds: the data is thrown
     * away, so a slow controlled shutdown buys nothing) and deletes its directory.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the process too
        }
        try {
            JavaProcess.destroy(process, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (security != null) security.close();
        deleteRecursively(dir);
    }

    private void stopQuietly() {
        Process process = this.process;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException ignored) {
            // the JVM is exiting anyway
        }
        deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", pid " + pid() + "]";
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("jrdkafka-testkit: could not delete " + root + ": " + e);
        }
    }

    /** Options; every one has a default. */
    public static final class Builder {
        private Path kafkaLib;
        private Path logFile;
        private Duration startTimeout = Duration.ofSeconds(90);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private final Map<String, String> properties = new LinkedHashMap<>();
        private boolean secured;
        private boolean authorizer;
        private Duration oauthReauthentication;

        private Builder() {}

        /** The directory of the broker's jars (default: the system property {@value #KAFKA_LIB_PROPERTY}). */
        public Builder kafkaLib(Path dir) {
            this.kafkaLib = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Where the broker's output goes, kept after close (default: inside the temporary directory). */
        public Builder logFile(Path file) {
            this.logFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Bounds formatting plus startup until the broker serves requests (default 90 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Bounds each admin request such as {@link #createTopic} (default 30 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** A server.properties entry, overriding the kit's (which are in BrokerFiles.defaults). */
        public Builder brokerProperty(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Turns authorization on: Kafka's {@value #STANDARD_AUTHORIZER} (ACLs kept in the KRaft
         * metadata, so CreateAcls/DescribeAcls/DeleteAcls work) with {@value #ANONYMOUS} as the
         * only super user (with {@link #secured()}: and {@code User:admin}). On the PLAINTEXT
         * listeners each client (and the controller
         * talking to itself) is {@code User:ANONYMOUS}: clients may do anything, while ACLs can
         * be created, listed and deleted for other principals.
         */
        public Builder standardAuthorizer() {
            authorizer = true;
            return this;
        }

        /**
         * Adds the {@link Listener#SSL}, {@link Listener#SASL_PLAINTEXT} and
         * {@link Listener#SASL_SSL} listeners beside PLAINTEXT, set up by a fresh
         * {@link BrokerSecurity} (test CA and certificates, users with random passwords for
         * PLAIN and SCRAM, an {@link OAuthServer} for OAUTHBEARER), which
         * {@link KafkaBroker#security()} returns and {@link #close()} stops. With
         * {@link #standardAuthorizer()}, {@code User:admin} is a super user too, and
         * {@code allow.everyone.if.no.acl.found=true} keeps resources without ACLs open to
         * every authenticated user, so that a test restricts only what it puts ACLs on.
         */
        public Builder secured() {
            secured = true;
            return this;
        }

        /**
         * On a {@linkplain #secured() secured} broker, OAUTHBEARER sessions must
         * re-authenticate this often ({@code connections.max.reauth.ms} of the mechanism on
         * both SASL listeners), so that a client's refreshed tokens are actually presented.
         * Default: no re-authentication.
         */
        public Builder oauthReauthentication(Duration interval) {
            this.oauthReauthentication = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Formats a fresh data directory, starts the broker and waits until it serves requests. */
        public KafkaBroker start() {
            Path lib = kafkaLib != null ? kafkaLib : libFromSystemProperty();
            Map<String, String> props = new LinkedHashMap<>();
            if (authorizer) {
                props.put("authorizer.class.name", STANDARD_AUTHORIZER);
                props.put("super.users", secured ? ANONYMOUS + ";User:" + BrokerSecurity.ADMIN : ANONYMOUS);
                if (secured) props.put("allow.everyone.if.no.acl.found", "true");
            }
            props.putAll(properties);
            try {
                Path dir = Files.createTempDirectory("jrdkafka-broker-");
                BrokerSecurity security = null;
                try {
                    security = secured ? BrokerSecurity.create(oauthReauthentication) : null;
                    return BrokerStart.run(lib, dir, logFile != null ? logFile : dir.resolve("broker.log"),
                            props, security, startTimeout, requestTimeout, ATTEMPTS);
                } catch (Throwable t) {
                    if (security != null) security.close();
                    deleteRecursively(dir);
                    throw t;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("starting a Kafka broker", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting a Kafka broker", e);
            }
        }

        static Path libFromSystemProperty() {
            String dir = System.getProperty(KAFKA_LIB_PROPERTY);
            if (dir == null || dir.isBlank()) {
                throw new IllegalStateException("no Kafka jars: set -D" + KAFKA_LIB_PROPERTY + "=<directory holding "
                        + "org.apache.kafka:kafka_2.13 and its runtime dependencies> or call kafkaLib(dir); "
                        + "integration-tests/pom.xml shows how maven-dependency-plugin copies them");
            }
            return Path.of(dir);
        }
    }

    /** Used by {@link BrokerStart} once the broker serves requests. */
    static KafkaBroker started(Process process, Path lib, Path dir, Path log, BrokerFiles files, BrokerSecurity security,
                               Duration requestTimeout, Duration startupTime) {
        return new KafkaBroker(process, lib, dir, log, files, security, requestTimeout, startupTime);
    }

    static List<String> toolJvmArgs() {
        return TOOL_JVM;
    }

    static List<String> brokerJvmArgs(BrokerFiles files, BrokerSecurity security) {
        return Stream.of(BROKER_JVM.stream(), Stream.of("-Dlog4j2.configurationFile=" + files.log4jConfig().toUri()),
                security == null ? Stream.<String>empty() : security.brokerJvmArguments().stream())
                .flatMap(s -> s).toList();
    }
}
