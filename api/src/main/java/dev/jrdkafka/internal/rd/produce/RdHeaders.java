package dev.jrdkafka.internal.rd.produce;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.Header;
import dev.jrdkafka.internal.rd.NativeObject;
import dev.jrdkafka.internal.rd.Rd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/** An {@code rd_kafka_headers_t} built for a record: owned until produce hands it to the message. */
final class RdHeaders extends NativeObject {
    private RdHeaders(MemorySegment headers) {
        super(headers, true);
    }

    /** Names and values copied by librdkafka; a value may be null. */
    static RdHeaders of(List<Header> headers) {
        RdHeaders h = new RdHeaders(rd_kafka_headers_new(headers.size()));
        try (Arena scratch = Arena.ofConfined()) {
            for (Header header : headers) {
                byte[] v = header.value();
                rd_kafka_header_add(h.ptr(), Rd.cString(scratch, header.key()), -1,
                        v == null ? MemorySegment.NULL : scratch.allocateFrom(ValueLayout.JAVA_BYTE, v), v == null ? 0 : v.length);
            }
        } catch (RuntimeException | Error e) {
            h.close();
            throw e;
        }
        return h;
    }

    @Override
    protected void destroy(MemorySegment p) {
        rd_kafka_headers_destroy(p);
    }

    @Override
    protected String kind() {
        return "headers";
    }
}
