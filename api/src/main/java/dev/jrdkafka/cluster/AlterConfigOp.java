package dev.jrdkafka.cluster;

import java.util.Objects;

/**
 * One change of IncrementalAlterConfigs: set {@code name} to {@code value}, delete it (back to
 * its default), or append to / subtract from a list-valued one.
 *
 * @param value the value to set, append or subtract; null for {@link OpType#DELETE}
 */
public record AlterConfigOp(String name, OpType op, String value) {
    /** {@code rd_kafka_AlterConfigOpType_t}; codes as in librdkafka. */
    public enum OpType {
        SET(0), DELETE(1), APPEND(2), SUBTRACT(3);

        private final int code;

        OpType(int code) {
            this.code = code;
        }

        /** librdkafka's code. */
        public int code() {
            return code;
        }
    }

    /** @throws IllegalArgumentException for an empty name, or a value missing (or given to DELETE) */
    public AlterConfigOp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        if (name.isEmpty()) throw new IllegalArgumentException("a config name is empty");
        if (op == OpType.DELETE && value != null) throw new IllegalArgumentException("DELETE of " + name + " takes no value");
        if (op != OpType.DELETE && value == null) throw new IllegalArgumentException(op + " of " + name + " needs a value");
    }

    public static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(name, OpType.SET, value);
    }

    public static AlterConfigOp delete(String name) {
        return new AlterConfigOp(name, OpType.DELETE, null);
    }

    public static AlterConfigOp append(String name, String value) {
        return new AlterConfigOp(name, OpType.APPEND, value);
    }

    public static AlterConfigOp subtract(String name, String value) {
        return new AlterConfigOp(name, OpType.SUBTRACT, value);
    }
}
