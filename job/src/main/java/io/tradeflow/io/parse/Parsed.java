package io.tradeflow.io.parse;

import io.tradeflow.event.DeadLetter;

import java.util.Objects;

/**
 * Holds the outcome of parsing one raw record: a value, a dead letter, or a skip (a header or a
 * blank line of a file, which the caller drops silently).
 */
public final class Parsed<T> {
    private static final Parsed<?> SKIP = new Parsed<>(null, null);

    private final T value;
    private final DeadLetter deadLetter;

    private Parsed(T value, DeadLetter deadLetter) {
        this.value = value;
        this.deadLetter = deadLetter;
    }

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Parsed<T> bad(DeadLetter deadLetter) {
        return new Parsed<>(null, Objects.requireNonNull(deadLetter, "deadLetter"));
    }

    @SuppressWarnings("unchecked")
    public static <T> Parsed<T> skip() {
        return (Parsed<T>) SKIP;
    }

    /** Returns the value, or {@code null} unless {@link #isOk()}. */
    public T value() {
        return value;
    }

    /** Returns the dead letter, or {@code null} unless {@link #isBad()}. */
    public DeadLetter deadLetter() {
        return deadLetter;
    }

    public boolean isOk() {
        return value != null;
    }

    public boolean isBad() {
        return deadLetter != null;
    }

    public boolean isSkip() {
        return value == null && deadLetter == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parsed<?> p
                && Objects.equals(value, p.value)
                && Objects.equals(deadLetter, p.deadLetter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, deadLetter);
    }

    @Override
    public String toString() {
        if (isOk()) {
            return "Parsed.ok(" + value + ")";
        }
        return isBad() ? "Parsed.bad(" + deadLetter + ")" : "Parsed.skip()";
    }
}
