package dev.jrdkafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * A real multi-node Apache Kafka cluster (KRaft) on 127.0.0.1 for fault tests: by default 3
 * nodes, each a combined controller and broker (a static quorum of three voters, so any one
 * node can die while the other two keep electing leaders), replication factor 3 and
 * {@code min.insync.replicas=2} for every topic including the internal ones. Nodes run as
 * child JVMs ({@code -Xmx384m} each) with fixed ports and data directories, so a node can be
 * {@linkplain #kill(int) killed with SIGKILL} and {@linkplain #restart(int) started again}
 * as the same broker, or {@linkplain #pause(int) frozen with SIGSTOP} past the broker and
 * consumer session timeouts and {@linkplain #resume(int) thawed}. Signals go only to the
 * processes this object started, by their PIDs.
 *
 * <p>Brokers are fenced after 3 s without a heartbeat ({@code broker.session.timeout.ms}),
 * and followers leave the ISR after 5 s without fetching ({@code replica.lag.time.max.ms}).
 * The jars come from {@link Builder#kafkaLib} or the system property
 * {@value KafkaBroker#KAFKA_LIB_PROPERTY}, as for {@link KafkaBroker}. Starting takes about
 * 10–20 s on two cores; {@link #close()} stops every node and deletes the data.
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.start()) {
 *     cluster.createTopic("orders", 3, 3, Map.of());
 *     int leader = cluster.leader("orders", 0);
 *     cluster.kill(leader);          // kill -9
 *     ...
 *     cluster.restart(leader);       // same ports, same data; waits until it is back
 * }
 * }</pre>
 */
public final class KafkaCluster implements AutoCloseable {
    private static final List<String> NODE_JVM = List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.awt.headless=true");

    private final List<ClusterNode> nodes;
    private final Path dir;
    private final Duration startTimeout;
    private final Duration requestTimeout;
    private final Thread shutdownHook;
    private boolean closed;

    private KafkaCluster(List<ClusterNode> nodes, Path dir, Duration startTimeout, Duration requestTimeout) {
        this.nodes = List.copyOf(nodes);
        this.dir = dir;
        this.startTimeout = startTimeout;
        this.requestTimeout = requestTimeout;
        this.shutdownHook = Thread.ofPlatform().name("jrdkafka-testkit-cluster-stop").unstarted(this::stopQuietly);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts 3 nodes with the defaults. */
    public static KafkaCluster start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every node's broker listener, comma-separated, for bootstrap.servers. */
    public String bootstrapServers() {
        return nodes.stream().map(ClusterNode::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    /** Node {@code id} (1..size). */
    public ClusterNode node(int id) {
        if (id < 1 || id > nodes.size()) throw new IllegalArgumentException("no node " + id + " in a cluster of " + nodes.size());
        return nodes.get(id - 1);
    }

    public Path directory() {
        return dir;
    }

    /**
     * Creates a topic, waits until every partition has a leader and its full ISR, and fails
     * if it exists.
     */
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        if (replicationFactor < 1 || replicationFactor > nodes.size()) {
            throw new IllegalArgumentException("replicationFactor must be 1.." + nodes.size() + ", got " + replicationFactor);
        }
        ClusterNode via = anyRunning();
        try (KafkaWire wire = KafkaWire.connect(BrokerFiles.HOST, via.port(), requestTimeout.plusSeconds(5))) {
            KafkaWire.TopicResult result = wire.createTopic(name, partitions, (short) replicationFactor, configs,
                    (int) requestTimeout.toMillis());
            if (result.errorCode() != 0) {
                throw new IllegalStateException("creating topic " + name + " failed with Kafka error code "
                        + result.errorCode() + ": " + result.errorMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating topic " + name + " on " + via, e);
        }
        await("topic " + name + " with every partition led and fully in sync", requestTimeout, () -> {
            KafkaWire.PartitionState[] state = partitions(name);
            return state.length == partitions && Arrays.stream(state)
                    .allMatch(s -> s != null && s.leader() >= 0 && s.isr().length == replicationFactor);
        });
    }

    /** The current leader of {@code topic}'s {@code partition} as a running node reports it (-1: none). */
    public int leader(String topic, int partition) {
        KafkaWire.PartitionState[] state = partitions(topic);
        return partition < state.length && state[partition] != null ? state[partition].leader() : -1;
    }

    /** The in-sync replicas of a partition, as a running node reports them. */
    public int[] isr(String topic, int partition) {
        KafkaWire.PartitionState[] state = partitions(topic);
        return partition < state.length && state[partition] != null ? state[partition].isr().clone() : new int[0];
    }

    private KafkaWire.PartitionState[] partitions(String topic) {
        ClusterNode via = anyRunning();
        try (KafkaWire wire = KafkaWire.connect(BrokerFiles.HOST, via.port(), Duration.ofSeconds(5))) {
            return wire.partitions(topic);
        } catch (IOException e) {
            throw new UncheckedIOException("Metadata for " + topic + " from " + via, e);
        }
    }

    /** The ids of the brokers a running node reports alive (registered and not fenced). */
    public Set<Integer> aliveBrokers() {
        ClusterNode via = anyRunning();
        try (KafkaWire wire = KafkaWire.connect(BrokerFiles.HOST, via.port(), Duration.ofSeconds(5))) {
            return wire.aliveBrokerIds();
        } catch (IOException e) {
            throw new UncheckedIOException("Metadata from " + via, e);
        }
    }

    /** kill -9 of node {@code id}'s process; returns once it is gone. Its data directory stays. */
    public void kill(int id) {
        try {
            node(id).kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing node " + id, e);
        }
    }

    /**
     * Starts node {@code id} again on the same ports and data directory, and waits until the
     * cluster reports its broker alive again (registered and unfenced).
     */
    public void restart(int id) {
        ClusterNode node = node(id);
        try {
            node.start();
        } catch (IOException e) {
            throw new UncheckedIOException("restarting " + node, e);
        }
        awaitAlive(node);
    }

    /** SIGSTOP to node {@code id}: it keeps its sockets but answers nothing until {@link #resume(int)}. */
    public void pause(int id) {
        try {
            node(id).pause();
        } catch (IOException e) {
            throw new UncheckedIOException("pausing node " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pausing node " + id, e);
        }
    }

    /** SIGCONT to node {@code id}, then waits until the cluster reports its broker alive again. */
    public void resume(int id) {
        ClusterNode node = node(id);
        try {
            node.resume();
        } catch (IOException e) {
            throw new UncheckedIOException("resuming node " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resuming node " + id, e);
        }
        awaitAlive(node);
    }

    /**
     * Waits until {@code condition} holds, at most {@code timeout}. Connection failures
     * ({@link UncheckedIOException}) count as "not yet"; other exceptions end the wait.
     */
    public void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        UncheckedIOException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (UncheckedIOException notYet) {
                last = notYet;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("cluster: " + what + " not within " + timeout + " (" + this + ")"
                        + (last != null ? "; last: " + last : ""), last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    private void awaitAlive(ClusterNode node) {
        await(node + " alive", startTimeout, () -> {
            if (!node.isAlive()) throw new IllegalStateException(node + " exited" + JavaProcess.tail(node.logFile()));
            try (KafkaWire wire = KafkaWire.connect(BrokerFiles.HOST, node.port(), Duration.ofSeconds(2))) {
                return wire.aliveBrokerIds().contains(node.id());
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private ClusterNode anyRunning() {
        return nodes.stream().filter(n -> n.isAlive() && !n.isPaused()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster is running"));
    }

    /** Stops every node (SIGTERM, SIGKILL after 5 s) and deletes the directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs: it stops the nodes too
        }
        for (ClusterNode node : nodes) {
            try {
                node.stop(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                node.stopNow();
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                node.stopNow();
            }
        }
        KafkaBroker.deleteRecursively(dir);
    }

    private void stopQuietly() {
        nodes.forEach(ClusterNode::stopNow);
        KafkaBroker.deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "KafkaCluster" + nodes;
    }

    /** Options; every one has a default. */
    public static final class Builder {
        private int size = 3;
        private Path kafkaLib;
        private Path logDirectory;
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        /** How many nodes (default 3; 1..9). With fewer than 3, replication and min.insync.replicas shrink to fit. */
        public Builder nodes(int count) {
            if (count < 1 || count > 9) throw new IllegalArgumentException("nodes must be 1..9, got " + count);
            this.size = count;
            return this;
        }

        /** The directory of the broker's jars (default: the system property {@value KafkaBroker#KAFKA_LIB_PROPERTY}). */
        public Builder kafkaLib(Path dir) {
            this.kafkaLib = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Where the nodes' logs go ({@code node-<id>.log}), kept after close (default: inside the temporary directory). */
        public Builder logDirectory(Path dir) {
            this.logDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Bounds the start, and each restart or resume until the node is back (default 120 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Bounds each admin request such as {@link #createTopic} (default 30 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** A server.properties entry for every node, overriding the kit's. */
        public Builder brokerProperty(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats each node's data directory, starts every node and waits until all brokers
         * are alive. Tried up to 3 times with fresh ports when a node could not bind one
         * (another process took it between choosing and binding).
         */
        public KafkaCluster start() {
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOnce();
                } catch (RuntimeException e) {
                    if (attempt == 3 || !portTaken(e)) throw e;
                }
            }
        }

        private static boolean portTaken(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String m = String.valueOf(t.getMessage());
                if (m.contains("Address already in use") || m.contains("BindException")) return true;
            }
            return false;
        }

        private KafkaCluster startOnce() {
            Path lib = kafkaLib != null ? kafkaLib : KafkaBroker.Builder.libFromSystemProperty();
            Path dir;
            try {
                dir = Files.createTempDirectory("jrdkafka-cluster-");
            } catch (IOException e) {
                throw new UncheckedIOException("creating the cluster's directory", e);
            }
            KafkaCluster cluster = null;
            try {
                cluster = new KafkaCluster(prepare(lib, dir), dir, startTimeout, requestTimeout);
                cluster.boot();
                return cluster;
            } catch (IOException e) {
                if (cluster != null) cluster.close();
                else KafkaBroker.deleteRecursively(dir);
                throw new UncheckedIOException("starting a Kafka cluster", e);
            } catch (RuntimeException | Error e) {
                if (cluster != null) cluster.close();
                else KafkaBroker.deleteRecursively(dir);
                throw e;
            }
        }

        /** Ports, files and a formatted data directory per node (formats run in parallel). */
        private List<ClusterNode> prepare(Path lib, Path dir) throws IOException {
            BrokerStart.checkLib(lib);
            int[] brokerPorts = new int[size];
            int[] controllerPorts = new int[size];
            Set<Integer> taken = new java.util.HashSet<>();
            for (int i = 0; i < size; i++) {
                brokerPorts[i] = distinctPort(taken);
                controllerPorts[i] = distinctPort(taken);
            }
            Path log4j = Files.writeString(dir.resolve("log4j2.xml"), BrokerFiles.LOG4J2);
            Path logs = logDirectory != null ? Files.createDirectories(logDirectory) : dir;
            String clusterId = BrokerFiles.clusterId();
            List<ClusterNode> nodes = new ArrayList<>();
            try (ExecutorService formats = Executors.newFixedThreadPool(size)) {
                List<Future<?>> done = new ArrayList<>();
                for (int id = 1; id <= size; id++) {
                    Path data = Files.createDirectories(dir.resolve("node-" + id));
                    Map<String, String> props = ClusterFiles.defaults(id, brokerPorts, controllerPorts, data);
                    props.putAll(properties);
                    Path server = ClusterFiles.write(dir.resolve("server-" + id + ".properties"), props);
                    Path log = logs.resolve("node-" + id + ".log");
                    Files.writeString(log, "");
                    List<String> jvm = new ArrayList<>(NODE_JVM);
                    jvm.add("-Dlog4j2.configurationFile=" + log4j.toUri());
                    nodes.add(new ClusterNode(id, lib, server, log, jvm, brokerPorts[id - 1]));
                    done.add(formats.submit(() -> {
                        JavaProcess.run(lib, KafkaBroker.toolJvmArgs(), "kafka.tools.StorageTool",
                                List.of("format", "-t", clusterId, "-c", server.toString()), log, startTimeout);
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("formatting failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while formatting", e);
            }
            return nodes;
        }

        private static int distinctPort(Set<Integer> taken) throws IOException {
            int p;
            do p = BrokerFiles.freePort(); while (!taken.add(p));
            return p;
        }
    }

    /** Starts every node, then waits until each reports all brokers alive. */
    private void boot() throws IOException {
        for (ClusterNode node : nodes) node.start();
        for (ClusterNode node : nodes) awaitAlive(node);
        await("all " + nodes.size() + " brokers alive", startTimeout, () -> aliveBrokers().size() == nodes.size());
    }
}
