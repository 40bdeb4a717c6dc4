package dev.jrdkafka.parity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A Kafka broker from Testcontainers ({@code org.testcontainers.kafka.KafkaContainer}, the
 * {@code apache/kafka} image of the version the testkit runs), for machines with a Docker
 * engine. The default broker of every suite stays testkit's child process
 * ({@code KafkaBroker}), which needs only a JDK; this provider is used where a test asks for
 * it and skips cleanly, saying why, when no engine answers (as on the project's machines).
 * It lives here, not in testkit, so that testkit does not depend on Testcontainers.
 */
final class ContainerKafka implements AutoCloseable {
    static final String IMAGE = "apache/kafka:" + System.getProperty("jrdkafka.parity.kafkaVersion", "4.4.0");

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    /**
     * Why no container broker can run here, or empty if a Docker engine answers. Checks the
     * cheap signs first (DOCKER_HOST, the default socket, Testcontainers' own settings file)
     * so that a machine without Docker is not made to wait for Testcontainers' probes.
     */
    static Optional<String> whyUnavailable() {
        String host = System.getenv("DOCKER_HOST");
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"));
        boolean settings = Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if ((host == null || host.isBlank()) && !socket && !settings) {
            return Optional.of("no Docker engine: DOCKER_HOST is unset, /var/run/docker.sock does not exist and there is no "
                    + "~/.testcontainers.properties; the suites use testkit's child-process broker instead");
        }
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.of("Testcontainers found no working Docker engine (DOCKER_HOST=" + host + ", socket " + socket + ")");
            }
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("Testcontainers could not reach a Docker engine: " + e);
        }
        return Optional.empty();
    }

    /** Starts the container (pulls the image if needed); call only when {@link #whyUnavailable()} is empty. */
    static ContainerKafka start() {
        KafkaContainer c = new KafkaContainer(IMAGE);
        c.start();
        return new ContainerKafka(c);
    }

    String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
