package dev.jrdkafka.misuse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The areas of the misuse suite, each forked as one JVM: name → its cases. */
final class MisuseAreas {
    private static final Map<String, Supplier<List<MisuseCase>>> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("producer", ProducerMisuse::cases);
        AREAS.put("consumer", ConsumerMisuse::cases);
        AREAS.put("callbacks", CallbackMisuse::cases);
        AREAS.put("races", RaceMisuse::cases);
        AREAS.put("batches-and-queues", BatchAndQueueMisuse::cases);
        AREAS.put("config-and-mock", ConfigAndMockMisuse::cases);
        AREAS.put("transactions-and-admin", TransactionAndAdminMisuse::cases);
    }

    private MisuseAreas() {}

    static Set<String> names() {
        return AREAS.keySet();
    }

    static List<MisuseCase> cases(String area) {
        Supplier<List<MisuseCase>> s = AREAS.get(area);
        if (s == null) throw new IllegalArgumentException("no misuse area " + area + "; areas: " + AREAS.keySet());
        return s.get();
    }
}
