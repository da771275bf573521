package dev.streamproc.lambdakit;

/** What a record's bytes turned out to be: a value to store, or a reason why never. */
public sealed interface Decoding<T> {

    record Value<T>(T value) implements Decoding<T> {
    }

    /** Bytes that can never become an item: logged and counted, not retried (that would block the shard). */
    record Rejected<T>(String reason) implements Decoding<T> {
    }

    static <T> Decoding<T> value(T value) {
        return new Value<>(value);
    }

    static <T> Decoding<T> rejected(String reason) {
        return new Rejected<>(reason);
    }
}
