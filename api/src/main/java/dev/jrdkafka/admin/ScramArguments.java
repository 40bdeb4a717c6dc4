package dev.jrdkafka.admin;

import dev.jrdkafka.cluster.ScramMechanism;
import dev.jrdkafka.cluster.UserScramCredentialAlteration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The SCRAM calls' argument checks, before any request. Messages name users and mechanisms, never secrets. */
final class ScramArguments {
    private ScramArguments() {}

    /**
     * The users {@code alterations} change, each once, in order; refusing none, nulls, and a
     * user's mechanism changed twice in one call (the broker would refuse the user).
     */
    static List<String> users(String operation, List<UserScramCredentialAlteration> alterations) {
        if (alterations.isEmpty()) throw new IllegalArgumentException(operation + " needs at least one alteration");
        Set<String> users = new LinkedHashSet<>();
        Set<UserMechanism> seen = new HashSet<>();
        for (UserScramCredentialAlteration a : alterations) {
            Objects.requireNonNull(a, operation + ": a null alteration");
            if (!seen.add(new UserMechanism(a.user(), a.mechanism()))) {
                throw new IllegalArgumentException(operation + ": user '" + a.user() + "' has " + a.mechanism()
                        + " altered more than once");
            }
            users.add(a.user());
        }
        return List.copyOf(users);
    }

    private record UserMechanism(String user, ScramMechanism mechanism) {}
}
