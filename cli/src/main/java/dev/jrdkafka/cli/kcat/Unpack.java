package dev.jrdkafka.cli.kcat;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * kcat's {@code -s} pack-format deserializer (after Python's struct.unpack): {@code >} big
 * endian (the default); {@code <} is accepted but, as in kcat 1.7.1 (whose little-endian branch
 * swaps the bytes the same way as the big-endian one, on every host), integers are still read
 * big endian, so that output matches kcat's byte for byte; {@code b B h H i I q Q} signed/unsigned 8, 16,
 * 32 and 64-bit integers printed in decimal, {@code c} one character, {@code s} the remaining
 * bytes as a string (up to a NUL, as kcat's printf does), {@code $} end of input required,
 * and a space printed as is. Bytes left over after the format are ignored.
 */
final class Unpack {
    private static final String VALID = " <>bBhHiIqQcs$";

    private final String what;
    private final String format;

    private Unpack(String what, String format) {
        this.what = what;
        this.format = format;
    }

    /** Checks {@code format} as kcat does; {@code what} is "key" or "value". */
    static Unpack parse(String what, String format) {
        if (format.isEmpty()) throw new KcatOptions.UsageException(what + " pack-format must not be empty");
        for (char c : format.toCharArray()) {
            if (VALID.indexOf(c) < 0) {
                throw new KcatOptions.UsageException("Invalid token '" + c + "' in " + what + " pack-format, see -s usage.");
            }
        }
        return new Unpack(what, format);
    }

    /**
     * Prints {@code data} unpacked; returns null, or kcat's error text when the data is
     * shorter than the format (what was printed before stays printed, as in kcat).
     */
    String write(MemorySegment data, KcatOut out) throws IOException {
        long at = 0;
        long end = data.byteSize();
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        for (int f = 0; f < format.length(); f++) {
            char t = format.charAt(f);
            long remaining = end - at;
            int size = switch (t) {
                case 'b', 'B', 'c' -> 1;
                case 'h', 'H' -> 2;
                case 'i', 'I' -> 4;
                case 'q', 'Q' -> 8;
                default -> 0;
            };
            if (size > remaining) {
                return what + " truncated, expected " + size + " bytes to unpack " + t + " but only " + remaining + " bytes remaining";
            }
            switch (t) {
                case ' ' -> out.write(' ');
                case '<' -> order = ByteOrder.BIG_ENDIAN; // kcat 1.7.1: see the class comment
                case '>' -> order = ByteOrder.BIG_ENDIAN;
                case 'b' -> out.writeLong(data.get(ValueLayout.JAVA_BYTE, at));
                case 'B' -> out.writeLong(Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, at)));
                case 'h' -> out.writeLong(data.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), at));
                case 'H' -> out.writeLong(Short.toUnsignedInt(data.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), at)));
                case 'i' -> out.writeLong(data.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), at));
                case 'I' -> out.writeLong(Integer.toUnsignedLong(data.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), at)));
                case 'q' -> out.writeLong(data.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), at));
                case 'Q' -> {
                    long v = data.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), at);
                    if (v >= 0) out.writeLong(v);
                    else out.write(Long.toUnsignedString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                case 'c' -> out.write(data.get(ValueLayout.JAVA_BYTE, at));
                case 's' -> { // printf("%.*s"): up to the first NUL
                    long n = 0;
                    while (n < remaining && data.get(ValueLayout.JAVA_BYTE, at + n) != 0) n++;
                    out.write(data.asSlice(at, n));
                    at = end; // consumes everything
                    continue;
                }
                case '$' -> {
                    if (remaining > 0) return "expected " + what + " end-of-input, but " + remaining + " bytes remaining";
                }
                default -> throw new IllegalStateException("checked by parse: " + t);
            }
            at += size;
        }
        return null;
    }
}
