package dev.jrdkafka.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The files a broker attempt runs from: server.properties, a log4j2 config, a fresh data directory. */
record BrokerFiles(Path serverProperties, Path log4jConfig, Path dataDir, int brokerPort, int controllerPort,
                   Map<KafkaBroker.Listener, Integer> listenerPorts) {
    static final String HOST = "127.0.0.1";

    /**
     * Single node, KRaft combined mode, both listeners on loopback only. Internal topics get
     * one partition and replication factor 1 (a single broker), and groups rebalance at once:
     * startup and the first transaction or group join are then quick.
     */
    static Map<String, String> defaults(Path dataDir, int brokerPort, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /**
     * Writes the files for one attempt under {@code dir}; {@code overrides} win over
     * {@link #defaults}. With {@code security}, the SSL, SASL_PLAINTEXT and SASL_SSL listeners
     * are added beside PLAINTEXT (which stays the inter-broker listener and the one the kit
     * itself uses) with the security's settings.
     */
    static BrokerFiles write(Path dir, int attempt, Map<String, String> overrides, BrokerSecurity security)
            throws IOException {
        Map<KafkaBroker.Listener, Integer> ports = new java.util.EnumMap<>(KafkaBroker.Listener.class);
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (KafkaBroker.Listener l : security == null ? java.util.List.of(KafkaBroker.Listener.PLAINTEXT)
                : java.util.List.of(KafkaBroker.Listener.values())) {
            ports.put(l, uniquePort(taken));
        }
        int brokerPort = ports.get(KafkaBroker.Listener.PLAINTEXT);
        int controllerPort = uniquePort(taken);
        Path dataDir = Files.createDirectories(dir.resolve("data-" + attempt));
        Map<String, String> props = defaults(dataDir, brokerPort, controllerPort);
        if (security != null) {
            props.putAll(security.brokerProperties(dir, ports));
            props.put("listeners", props.get("advertised.listeners") + ",CONTROLLER://" + HOST + ":" + controllerPort);
        }
        props.putAll(overrides);
        Path server = dir.resolve("server-" + attempt + ".properties");
        Files.writeString(server, props.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        Path log4j = dir.resolve("log4j2.xml");
        Files.writeString(log4j, LOG4J2);
        return new BrokerFiles(server, log4j, dataDir, brokerPort, controllerPort, java.util.Map.copyOf(ports));
    }

    private static int uniquePort(java.util.Set<Integer> taken) throws IOException {
        int p = freePort();
        while (!taken.add(p)) p = freePort();
        return p;
    }

    /** A port free right now on loopback. Another process may take it before the broker binds: KafkaBroker retries. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    /** A cluster id as kafka-storage random-uuid prints it (URL-safe base64 of 16 random bytes), without a JVM start. */
    static String clusterId() {
        while (true) {
            UUID u = UUID.randomUUID();
            ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            if (!id.startsWith("-")) return id; // Kafka refuses ids that look like an option
        }
    }

    /**
     * Everything to stdout (the broker's log file). shutdownHook="disable": log4j's own hook
     * otherwise races with Kafka's shutdown logging. The request and state-change loggers are
     * quietened: they drown what matters when a test fails.
     */
    static final String LOG4J2 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="WARN" shutdownHook="disable">
              <Appenders>
                <Console name="stdout" target="SYSTEM_OUT">
                  <PatternLayout pattern="[%d{HH:mm:ss.SSS}] %p %m (%c{1})%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <Logger name="kafka.request.logger" level="WARN"/>
                <Logger name="state.change.logger" level="WARN"/>
                <Logger name="org.apache.kafka.clients" level="WARN"/>
                <Root level="INFO"><AppenderRef ref="stdout"/></Root>
              </Loggers>
            </Configuration>
            """;
}
