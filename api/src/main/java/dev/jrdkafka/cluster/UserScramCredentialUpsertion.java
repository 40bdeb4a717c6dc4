package dev.jrdkafka.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Creates or replaces {@code user}'s credential of {@code mechanism}: librdkafka derives the
 * salted password from {@code password}, {@code salt} and {@code iterations} (the broker
 * accepts 4096..16384) and sends only that. {@code salt} null: librdkafka makes a random one.
 * The arrays are copied in and out; {@link #toString()} shows neither secret.
 */
public record UserScramCredentialUpsertion(String user, ScramMechanism mechanism, int iterations, byte[] password, byte[] salt)
        implements UserScramCredentialAlteration {
    /** @throws IllegalArgumentException for an empty user, password or salt, the UNKNOWN mechanism, or iterations below 1 */
    public UserScramCredentialUpsertion {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty()) throw new IllegalArgumentException("a SCRAM user name must not be empty");
        if (mechanism == ScramMechanism.UNKNOWN) throw new IllegalArgumentException("a SCRAM mechanism must not be UNKNOWN");
        if (iterations < 1) throw new IllegalArgumentException("SCRAM iterations must be >= 1, got " + iterations);
        if (password.length == 0) throw new IllegalArgumentException("a SCRAM password must not be empty (user " + user + ")");
        if (salt != null && salt.length == 0) {
            throw new IllegalArgumentException("a SCRAM salt must not be empty (null for a random one; user " + user + ")");
        }
        password = password.clone();
        salt = salt == null ? null : salt.clone();
    }

    /** With a UTF-8 {@code password} and a random salt. */
    public UserScramCredentialUpsertion(String user, ScramMechanism mechanism, int iterations, String password) {
        this(user, mechanism, iterations, Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8), null);
    }

    /** A copy of the password. */
    @Override
    public byte[] password() {
        return password.clone();
    }

    /** A copy of the salt, or null for a random one. */
    @Override
    public byte[] salt() {
        return salt == null ? null : salt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserScramCredentialUpsertion u && user.equals(u.user) && mechanism == u.mechanism
                && iterations == u.iterations && Arrays.equals(password, u.password) && Arrays.equals(salt, u.salt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, mechanism, iterations, Arrays.hashCode(password), Arrays.hashCode(salt));
    }

    /** The user, mechanism and iterations; never the password or salt. */
    @Override
    public String toString() {
        return "UserScramCredentialUpsertion[user=" + user + ", mechanism=" + mechanism + ", iterations=" + iterations
                + ", password=(hidden), salt=" + (salt == null ? "(random)" : "(hidden)") + "]";
    }
}
