package dev.jrdkafka.consumer;

/** Thrown by {@link Consumer#poll} (and its batch form) after {@link Consumer#wakeup()}. */
public final class WakeupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WakeupException() {
        super("poll was interrupted by Consumer.wakeup()");
    }
}
