package dev.jrdkafka.cluster;

import java.util.Objects;

/**
 * Something with a configuration on the cluster: a topic, a broker (by id; "" for the
 * cluster-wide default of dynamic broker configs) or a group.
 */
public record ConfigResource(Type type, String name) {
    /** The kind of resource ({@code rd_kafka_ResourceType_t}; codes as in librdkafka). */
    public enum Type {
        TOPIC(2), GROUP(3), BROKER(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** librdkafka's code. */
        public int code() {
            return code;
        }

        /** The type of librdkafka's code; null for one this jrdkafka does not know. */
        public static Type fromCode(int code) {
            for (Type t : values()) {
                if (t.code == code) return t;
            }
            return null;
        }
    }

    /** @throws IllegalArgumentException for an empty topic or group name */
    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() && type != Type.BROKER) throw new IllegalArgumentException("a " + type + " config resource needs a name");
    }

    public static ConfigResource topic(String name) {
        return new ConfigResource(Type.TOPIC, name);
    }

    /** The broker with id {@code brokerId}. */
    public static ConfigResource broker(int brokerId) {
        return new ConfigResource(Type.BROKER, Integer.toString(brokerId));
    }

    public static ConfigResource group(String name) {
        return new ConfigResource(Type.GROUP, name);
    }

    @Override
    public String toString() {
        return type + " '" + name + "'";
    }
}
