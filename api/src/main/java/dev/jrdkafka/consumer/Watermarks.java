package dev.jrdkafka.consumer;

/** A partition's low (first available) and high (next to be written) offsets. */
public record Watermarks(long low, long high) {}
