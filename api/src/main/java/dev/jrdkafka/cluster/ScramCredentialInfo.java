package dev.jrdkafka.cluster;

import java.util.Objects;

/** A user's SCRAM credential as the cluster describes it: its mechanism and iteration count (never the secret). */
public record ScramCredentialInfo(ScramMechanism mechanism, int iterations) {
    public ScramCredentialInfo {
        Objects.requireNonNull(mechanism, "mechanism");
    }
}
