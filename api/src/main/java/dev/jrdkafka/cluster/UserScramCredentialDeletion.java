package dev.jrdkafka.cluster;

import java.util.Objects;

/** Deletes {@code user}'s credential of {@code mechanism}. */
public record UserScramCredentialDeletion(String user, ScramMechanism mechanism) implements UserScramCredentialAlteration {
    /** @throws IllegalArgumentException for an empty user or the UNKNOWN mechanism */
    public UserScramCredentialDeletion {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(mechanism, "mechanism");
        if (user.isEmpty()) throw new IllegalArgumentException("a SCRAM user name must not be empty");
        if (mechanism == ScramMechanism.UNKNOWN) throw new IllegalArgumentException("a SCRAM mechanism must not be UNKNOWN");
    }
}
