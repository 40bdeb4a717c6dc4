package dev.jrdkafka.cluster;

/** A change to one user's SCRAM credentials: an {@link UserScramCredentialUpsertion} or a {@link UserScramCredentialDeletion}. */
public sealed interface UserScramCredentialAlteration permits UserScramCredentialUpsertion, UserScramCredentialDeletion {
    /** The user (SCRAM user name, without {@code User:}). */
    String user();

    /** The mechanism changed. */
    ScramMechanism mechanism();
}
