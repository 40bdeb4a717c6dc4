package dev.jrdkafka.admin;

import dev.jrdkafka.cluster.UserScramCredentialAlteration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The SCRAM calls' argument checks, before any request. Messages name users and mechanisms, never secrets. */
final class ScramArguments {
    private ScramArguments() {}

    /**
     * The users {@code alterations} change, in order; refusing none, nulls, and a user given
     * twice (Kafka refuses a user altered twice in one request, even for two mechanisms, with
     * DUPLICATE_RESOURCE).
     */
    static List<String> users(String operation, List<UserScramCredentialAlteration> alterations) {
        if (alterations.isEmpty()) throw new IllegalArgumentException(operation + " needs at least one alteration");
        List<String> users = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (UserScramCredentialAlteration a : alterations) {
            Objects.requireNonNull(a, operation + ": a null alteration");
            if (!seen.add(a.user())) {
                throw new IllegalArgumentException(operation + ": user '" + a.user() + "' is altered more than once (" + a.mechanism()
                        + "); Kafka takes one alteration per user and request");
            }
            users.add(a.user());
        }
        return List.copyOf(users);
    }
}
