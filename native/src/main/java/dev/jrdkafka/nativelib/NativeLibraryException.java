package dev.jrdkafka.nativelib;

/**
 * librdkafka could not be found, extracted or loaded, or the library found is not a
 * usable librdkafka. The message says what was tried and what to do; every failed
 * attempt is attached as a suppressed exception.
 */
public final class NativeLibraryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NativeLibraryException(String message) {
        super(message);
    }

    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
