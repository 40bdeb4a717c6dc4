package dev.jrdkafka.cli.kcat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kcat's command line, parsed as kcat (getopt) parses it: single-letter flags, clustered
 * ({@code -Ce}), with their value attached or as the next argument ({@code -tfoo},
 * {@code -t foo}); the rest are operands (files to produce, or -G's topics). Configuration
 * comes from -X and -F in order; without -F, from {@code $KCAT_CONFIG} or
 * {@code ~/.config/kcat.conf} as in kcat. Any flag kcat does not have is refused with its name.
 */
final class KcatOptions {
    /** Flags that take a value (kcat 1.7.1's getopt string). */
    private static final String WITH_VALUE = "GtpbzoDKkHdFXcfsrm";
    /** Flags without a value. */
    private static final String WITHOUT_VALUE = "PCLQeEOqvTuZlVhJ";

    char mode;            // 'P', 'C', 'L', 'Q', 'G'; 0 until given (then chosen as kcat does, from stdin)
    String group;
    final List<String> topics = new ArrayList<>();
    int partition = -1;   // RD_KAFKA_PARTITION_UA: all (consume) or the partitioner (produce)
    String brokers;
    final Map<String, String> config = new LinkedHashMap<>();
    String offset;        // null: kcat's default (end for -C, stored for -G)
    boolean exitAtEnd;
    long count = -1;
    String format;
    String keyDelimiter;
    String delimiter = "\n";
    String key;
    final List<String[]> headers = new ArrayList<>(); // name, value (null: a header without value)
    int verbosity = 1;    // -q: 0, each -v: +1
    boolean json;
    boolean nullAsString; // -Z: NULL for null keys and values (consume); empty ones sent as NULL (produce)
    boolean continueOnError; // -E: do not exit on a non-fatal error
    boolean linePerMessage; // -l: each line of a file is a message
    boolean unbuffered;   // -u
    boolean tee;          // -T
    String keyPack;       // -s key=...
    String valuePack;     // -s value=...
    int metadataTimeoutSeconds = 5; // -m
    boolean listConfig;   // -X list
    boolean dumpConfig;   // -X dump
    boolean help;         // -h
    boolean version;      // -V
    boolean configFileGiven;
    final List<String> files = new ArrayList<>();

    /** Parses {@code args} without reading kcat's default configuration files (tests). */
    static KcatOptions parse(String[] args) {
        return parse(args, Map.of());
    }

    /**
     * Parses {@code args}; without -F, reads {@code KCAT_CONFIG} or {@code $HOME/.config/kcat.conf}
     * found through {@code env}. A wrong command line throws {@link UsageException} with what to fix.
     */
    static KcatOptions parse(String[] args, Map<String, String> env) {
        KcatOptions o = new KcatOptions();
        List<String> operands = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String a = args[i++];
            if (a.equals("--")) {
                while (i < args.length) operands.add(args[i++]);
                break;
            }
            if (!a.startsWith("-") || a.length() == 1) {
                operands.add(a);
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char f = a.charAt(j);
                if (WITH_VALUE.indexOf(f) >= 0) {
                    String value;
                    if (j + 1 < a.length()) {
                        value = a.substring(j + 1);
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw new UsageException("option -" + f + " requires a value");
                    }
                    o.set(f, value);
                    if (o.listConfig) return o; // kcat prints the list at once and exits
                    break;
                } else if (WITHOUT_VALUE.indexOf(f) >= 0) {
                    o.set(f, null);
                } else {
                    throw new UsageException("option -" + f + " is not supported (kcat's options: -C -P -L -Q -G -t -p -b -X -F "
                            + "-o -e -c -f -J -s -K -D -k -H -z -d -l -T -Z -E -O -q -v -u -m -V -h)");
                }
            }
        }
        if (!o.configFileGiven) o.defaultConfigFiles(env);
        if (o.mode == 'G') { // kcat -G group topic1 topic2...: the operands are the topics
            o.topics.addAll(operands);
        } else {
            o.files.addAll(operands);
        }
        return o;
    }

    /** The checks kcat makes once the mode is known (after -X dump, which needs none of them). */
    void validate() {
        if (mode != 'L' && mode != 'Q' && mode != 'G' && topics.isEmpty()) throw new UsageException("-" + mode + " needs a topic: -t <topic>");
        if (mode == 'Q' && topics.isEmpty()) throw new UsageException("-Q needs -t <topic>:<partition>:<timestamp>");
        if (mode == 'G' && topics.isEmpty()) throw new UsageException("-G needs topics to subscribe to: -G <group> <topic1> <topic2>..");
        if (!files.isEmpty() && mode != 'P') {
            throw new UsageException("file/topic list only allowed in producer(-P)/kafkaconsumer(-G) mode");
        }
        if (linePerMessage && files.size() > 1) throw new UsageException("Only one file allowed for line mode (-l)");
        if ((keyPack != null || valuePack != null) && mode != 'C' && mode != 'G') {
            throw new UsageException("-s serdes only available in the consumer");
        }
        if (mode == 'G' && offset != null && (offset.startsWith("s@") || offset.startsWith("e@"))) {
            throw new UsageException("-o ..@ timestamps can't be used with -G mode");
        }
        if (offset != null && (mode == 'C' || mode == 'G')) { // checked before connecting
            String n = offset.startsWith("s@") || offset.startsWith("e@") ? offset.substring(2) : offset;
            if (!List.of("beginning", "end", "stored").contains(n)) {
                try {
                    Long.parseLong(n.trim());
                } catch (NumberFormatException e) {
                    throw new UsageException("-o: expected beginning, end, stored, an offset, -N, s@ms or e@ms; got '" + offset + "'");
                }
            }
        }
        if (mode == 'P' && delimiter.isEmpty()) throw new UsageException("Message delimiter -D must not be empty when producing");
    }

    boolean quiet() {
        return verbosity == 0;
    }

    private void set(char f, String v) {
        switch (f) {
            case 'P', 'C', 'L', 'Q' -> mode(f);
            case 'G' -> {
                mode('G');
                group = v;
            }
            case 't' -> topics.add(v);
            case 'p' -> partition = integer("-p", v);
            case 'b' -> brokers = v;
            case 'X' -> property(v);
            case 'F' -> {
                configFileGiven = true;
                if (!v.equals("-") && !v.equals("none")) configFile(v, true);
            }
            case 'o' -> offset = v;
            case 'e' -> exitAtEnd = true;
            case 'c' -> count = integer("-c", v);
            case 'f' -> format = v;
            case 'K' -> keyDelimiter = Escapes.unescape(v);
            case 'D' -> delimiter = Escapes.unescape(v);
            case 'k' -> key = v;
            case 'H' -> header(v);
            case 'z' -> config.put("compression.codec", v);
            case 'd' -> config.put("debug", v);
            case 's' -> serdes(v);
            case 'r' -> throw new UsageException("not supported: -r " + v + " (Avro with a Schema Registry): jrdkafka's kcat mode "
                    + "has no Avro decoder; consume the raw bytes (-f '%s' or -J) and decode them with the registry's tools");
            case 'm' -> metadataTimeoutSeconds = integer("-m", v);
            case 'q' -> verbosity = 0;
            case 'v' -> verbosity++;
            case 'J' -> json = true;
            case 'Z' -> nullAsString = true;
            case 'E' -> continueOnError = true;
            case 'l' -> linePerMessage = true;
            case 'u' -> unbuffered = true;
            case 'T' -> tee = true;
            case 'O' -> { } // accepted and, as in kcat 1.7.1, without effect
            case 'h' -> help = true;
            case 'V' -> version = true;
            default -> throw new UsageException("option -" + f + " is not supported");
        }
    }

    private void mode(char m) {
        if (mode != 0 && mode != m) throw new UsageException("give one mode only: -" + mode + " and -" + m);
        mode = m;
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a number, got '" + v + "'");
        }
    }

    /** -s key=FMT, -s value=FMT or -s FMT (both), checked as kcat checks them. */
    private void serdes(String v) {
        String field = v.startsWith("key=") ? "key" : v.startsWith("value=") ? "value" : null;
        String fmt = field == null ? v : v.substring(field.length() + 1);
        if (fmt.equals("avro")) {
            throw new UsageException("not supported: -s " + v + " (Avro with a Schema Registry): jrdkafka's kcat mode has no "
                    + "Avro decoder; the pack formats (-s key=i, -s value='>q s'...) are supported");
        }
        if (field == null || field.equals("key")) {
            Unpack.parse("key", fmt);
            keyPack = fmt;
        }
        if (field == null || field.equals("value")) {
            Unpack.parse("value", fmt);
            valuePack = fmt;
        }
    }

    private void property(String v) {
        if (v.equals("list") || v.equals("help")) {
            listConfig = true;
            return;
        }
        if (v.equals("dump")) {
            dumpConfig = true;
            return;
        }
        int eq = v.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("Expected -X property=value, not " + v + ", use -X list to display available properties");
        }
        config.put(v.substring(0, eq), v.substring(eq + 1));
    }

    private void defaultConfigFiles(Map<String, String> env) {
        String path = nonEmpty(env.get("KCAT_CONFIG"));
        if (path == null) path = nonEmpty(env.get("KAFKACAT_CONFIG"));
        if (path != null) {
            configFile(path, true);
            return;
        }
        String home = nonEmpty(env.get("HOME"));
        if (home == null) return;
        if (!configFile(home + "/.config/kcat.conf", false)) configFile(home + "/.config/kafkacat.conf", false);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Reads property=value lines as kcat does (# comments, Java's \: and \= escapes, a
     * Java client's sasl.jaas.config for PLAIN); returns false if an optional file is absent.
     */
    private boolean configFile(String path, boolean required) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (!required) return false;
            throw new UsageException("Failed to open " + path + ": " + e.getMessage());
        }
        int n = 0;
        for (String line : lines) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            l = l.replace("\\:", ":").replace("\\=", "=");
            int eq = l.indexOf('=');
            if (eq <= 0) throw new UsageException(path + ":" + n + ": expected property=value");
            String name = l.substring(0, eq);
            String value = l.substring(eq + 1);
            if (name.equals("ssl.endpoint.identification.algorithm")) continue; // a Java client's; ignored as kcat does
            if (name.equals("sasl.jaas.config")) {
                var m = java.util.regex.Pattern.compile(
                        "org\\.apache\\.kafka\\.common\\.security\\.plain\\.PlainLoginModule required username=\"([^\"]*)\" password=\"([^\"]*)\".*")
                        .matcher(value);
                if (m.matches()) {
                    config.put("sasl.username", m.group(1));
                    config.put("sasl.password", m.group(2));
                    continue;
                }
            }
            config.put(name, value);
        }
        return true;
    }

    private void header(String v) {
        int eq = v.indexOf('=');
        if (eq == 0 || v.isEmpty()) throw new UsageException("Expected -H \"name=value..\" or -H \"name\"");
        headers.add(eq < 0 ? new String[] {v, null} : new String[] {v.substring(0, eq), v.substring(eq + 1)});
    }

    /** A command line that cannot be run: kcat's exit status 1 with this message. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
