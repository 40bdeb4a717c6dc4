package dev.jrdkafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The start sequence: check the jars, format a data directory, run the broker, wait until it serves requests. */
final class BrokerStart {
    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    private BrokerStart() {}

    static KafkaBroker run(Path lib, Path dir, Path log, Map<String, String> overrides, BrokerSecurity security,
                           Duration startTimeout, Duration requestTimeout, int attempts) throws IOException, InterruptedException {
        long started = System.nanoTime();
        checkLib(lib);
        if (log.getParent() != null) Files.createDirectories(log.getParent());
        Files.writeString(log, ""); // a kept log file holds one broker's story
        long deadline = System.nanoTime() + startTimeout.toNanos();
        String clusterId = BrokerFiles.clusterId();
        for (int attempt = 1; ; attempt++) {
            BrokerFiles files = BrokerFiles.write(dir, attempt, overrides, security);
            // --standalone writes the controller's address into the data directory: new ports
            // need a freshly formatted one, hence one per attempt.
            JavaProcess.run(lib, KafkaBroker.toolJvmArgs(), "kafka.tools.StorageTool",
                    formatArguments(clusterId, files, security),
                    log, remaining(deadline));
            long logStart = Files.size(log);
            Process process = JavaProcess.start(lib, KafkaBroker.brokerJvmArgs(files, security), "kafka.Kafka",
                    List.of(files.serverProperties().toString()), log);
            try {
                awaitReady(process, files, log, deadline);
                Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
                LOG.log(System.Logger.Level.INFO, "Kafka broker on {0}:{1,number,#} (pid {2,number,#}) ready in {3,number,#} ms; log: {4}",
                        BrokerFiles.HOST, files.brokerPort(), process.pid(), startupTime.toMillis(), log);
                return KafkaBroker.started(process, lib, dir, log, files, security, requestTimeout, startupTime);
            } catch (Throwable t) {
                JavaProcess.destroy(process, Duration.ZERO);
                if (attempt < attempts && portTaken(log, logStart)) continue;
                throw t;
            }
        }
    }

    /** Runs the broker again on its formatted data directory and ports; returns once it serves requests. */
    static Process restart(Path lib, BrokerFiles files, BrokerSecurity security, Path log, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = JavaProcess.start(lib, KafkaBroker.brokerJvmArgs(files, security), "kafka.Kafka",
                List.of(files.serverProperties().toString()), log);
        try {
            awaitReady(process, files, log, deadline);
            return process;
        } catch (Throwable t) {
            JavaProcess.destroy(process, Duration.ZERO);
            throw t;
        }
    }

    private static List<String> formatArguments(String clusterId, BrokerFiles files, BrokerSecurity security) {
        List<String> args = new java.util.ArrayList<>(List.of("format", "--standalone", "-t", clusterId, "-c",
                files.serverProperties().toString()));
        if (security != null) args.addAll(security.formatArguments());
        return args;
    }

    /** Polls until the broker answers Metadata with itself alive (registered and unfenced: it can lead partitions). */
    private static void awaitReady(Process process, BrokerFiles files, Path log, long deadline) throws InterruptedException {
        boolean versionsChecked = false;
        Exception last = null;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                        + " before serving requests" + JavaProcess.tail(log));
            }
            try (KafkaWire wire = KafkaWire.connect(BrokerFiles.HOST, files.brokerPort(), Duration.ofSeconds(2))) {
                if (!versionsChecked) {
                    checkVersions(wire.apiVersions(), log);
                    versionsChecked = true;
                }
                if (wire.aliveBrokers() > 0) return;
                last = null;
            } catch (IOException notYet) {
                last = notYet;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the Kafka broker (pid " + process.pid() + ") did not serve requests on "
                        + BrokerFiles.HOST + ":" + files.brokerPort() + " in time"
                        + (last != null ? "; last try: " + last : "; it reports no broker alive") + JavaProcess.tail(log));
            }
            Thread.sleep(100);
        }
    }

    private static void checkVersions(Map<Short, short[]> versions, Path log) {
        need(versions, KafkaWire.METADATA, KafkaWire.METADATA_VERSION, "Metadata", log);
        need(versions, KafkaWire.CREATE_TOPICS, KafkaWire.CREATE_TOPICS_VERSION, "CreateTopics", log);
    }

    private static void need(Map<Short, short[]> versions, short key, short version, String name, Path log) {
        short[] range = versions.get(key);
        if (range == null || version < range[0] || version > range[1]) {
            throw new IllegalStateException("this Kafka broker does not support " + name + " v" + version
                    + " (supports " + (range == null ? "none" : range[0] + ".." + range[1]) + "), which the testkit uses"
                    + JavaProcess.tail(log));
        }
    }

    /** Whether this attempt's output says a port was taken between choosing it and binding it. */
    private static boolean portTaken(Path log, long from) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(from);
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return output.contains("Address already in use") || output.contains("BindException");
        } catch (IOException e) {
            return false;
        }
    }

    static void checkLib(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Kafka jar directory " + lib + " does not exist (set -D"
                    + KafkaBroker.KAFKA_LIB_PROPERTY + " to a directory holding org.apache.kafka:kafka_2.13 and its "
                    + "runtime dependencies)");
        }
        try (var jars = Files.list(lib)) {
            if (jars.noneMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"))) {
                throw new IllegalStateException("no kafka_2.13-*.jar in " + lib + ": it should hold "
                        + "org.apache.kafka:kafka_2.13 and its runtime dependencies");
            }
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(TimeUnit.SECONDS.toNanos(1), deadline - System.nanoTime()));
    }
}
