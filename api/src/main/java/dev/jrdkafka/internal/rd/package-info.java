/**
 * The only code that calls librdkafka: thin, typed wrappers over the generated bindings
 * ({@code dev.jrdkafka.bindings}), each making sure the library is loaded first. Public
 * classes of the API call these, never the bindings, so every raw downcall of jrdkafka
 * can be found here.
 */
package dev.jrdkafka.internal.rd;
