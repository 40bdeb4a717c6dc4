package dev.jrdkafka.kafkaclients;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JAAS entry of kafka-clients' {@code sasl.jaas.config}:
 * {@code <LoginModule class> required key="value" key2=value2;}. Values are never shown in
 * messages (they hold passwords).
 */
record JaasConfig(String loginModule, Map<String, String> options) {
    private static final Pattern ENTRY = Pattern.compile("\\s*([\\w.$]+)\\s+(required|requisite|sufficient|optional)\\s*(.*?);?\\s*",
            Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("\\s*([\\w.]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s\";]+))");

    static JaasConfig parse(String text) {
        Matcher m = ENTRY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("sasl.jaas.config: expected '<LoginModule class> required key=\"value\" ...;'"
                    + " (value not shown: it holds secrets)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        Matcher o = OPTION.matcher(m.group(3));
        int end = 0;
        while (o.lookingAt()) {
            String value = o.group(3) != null ? o.group(3).replaceAll("\\\\(.)", "$1") : o.group(4);
            options.put(o.group(1), value);
            end = o.end();
            o.region(end, m.group(3).length());
        }
        if (!m.group(3).substring(end).isBlank()) {
            throw new IllegalArgumentException("sasl.jaas.config: cannot read the options after '" + String.join("', '", options.keySet())
                    + "' (values not shown: they hold secrets)");
        }
        return new JaasConfig(m.group(1), options);
    }

    /** The simple class name, e.g. {@code PlainLoginModule}. */
    String simpleName() {
        int dot = loginModule.lastIndexOf('.');
        return dot < 0 ? loginModule : loginModule.substring(dot + 1);
    }
}
