package dev.jrdkafka.producer;

/** What {@link Producer#purge} removes; purged records are reported as failed (_PURGE_QUEUE / _PURGE_INFLIGHT). */
public enum PurgeScope {
    /** Records still in the producer's queues, not yet sent. */
    QUEUED,
    /** Also records sent and awaiting a response (their outcome is then unknown). */
    QUEUED_AND_IN_FLIGHT
}
