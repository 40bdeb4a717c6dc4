package dev.jrdkafka.internal.rd.produce;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.internal.rd.NativeObject;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdErrors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** An {@code rd_kafka_topic_t} the producer made for a topic name (owned; destroyed before its client). */
final class RdTopic extends NativeObject {
    private final long address;

    private RdTopic(MemorySegment rkt) {
        super(rkt, true);
        this.address = rkt.address();
    }

    private static final int MAX_NAME_LENGTH = 249;

    static RdTopic create(MemorySegment rk, String name) {
        if (name.isEmpty()) throw new IllegalArgumentException("the topic name is empty");
        if (name.indexOf('\0') < 0 && !NewTopic.isLegalName(name)) { // a NUL is refused by Rd.cString, with its own message
            // The broker would refuse the record only later (TOPIC_EXCEPTION), a mock cluster not at all.
            throw new IllegalArgumentException("illegal topic name '" + name + "': Kafka allows 1 to " + MAX_NAME_LENGTH
                    + " of [a-zA-Z0-9._-], not '.' or '..'");
        }
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment rkt = rd_kafka_topic_new(rk, Rd.cString(scratch, name), MemorySegment.NULL);
            if (rkt.equals(MemorySegment.NULL)) {
                throw RdErrors.fromCode(rd_kafka_last_error(), "creating topic handle '" + name + "'");
            }
            return new RdTopic(rkt);
        }
    }

    /** The handle's address for the critical produce call (valid until the producer destroys its topics). */
    long address() {
        return address;
    }

    @Override
    protected void destroy(MemorySegment p) {
        rd_kafka_topic_destroy(p);
    }

    @Override
    protected String kind() {
        return "topic handle";
    }
}
