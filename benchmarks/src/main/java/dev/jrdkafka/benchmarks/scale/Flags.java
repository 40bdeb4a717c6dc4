package dev.jrdkafka.benchmarks.scale;

import dev.jrdkafka.config.KafkaConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The command line of the scale programs: {@code --name=value} options and repeatable {@code -X key=value} librdkafka properties. */
final class Flags {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();

    Flags(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-X") && i + 1 < args.length) {
                String kv = args[++i];
                int eq = kv.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("-X needs key=value, got " + kv);
                properties.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else if (a.startsWith("--") && a.indexOf('=') > 2) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (use --name=value or -X key=value)");
            }
        }
    }

    String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    /** The -X properties, applied after {@code config}'s own, so they win. */
    KafkaConfig apply(KafkaConfig config) {
        properties.forEach(config::set);
        return config;
    }

    Map<String, String> properties() {
        return Map.copyOf(properties);
    }
}
