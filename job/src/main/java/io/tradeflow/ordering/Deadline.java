package io.tradeflow.ordering;

import java.util.Comparator;

/**
 * Names something an ordered operator must do at an event time: a limit-order timeout, a force
 * exit, a clean-up. Deadlines at one time run in the order of kind, then ref.
 */
public record Deadline(long at, String kind, String ref) {
    /** The order deadlines run in: by time, then kind, then ref. */
    public static final Comparator<Deadline> ORDER = Comparator.comparingLong(Deadline::at)
            .thenComparing(Deadline::kind).thenComparing(Deadline::ref);
}
