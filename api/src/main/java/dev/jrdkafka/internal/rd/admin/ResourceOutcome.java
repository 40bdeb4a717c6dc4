package dev.jrdkafka.internal.rd.admin;

/** One resource's outcome in an admin result: its name, and the error code (0: succeeded) with librdkafka's text. */
public record ResourceOutcome(String name, int error, String message) {}
