package io.tradeflow.ordering;

/**
 * Names something an ordered operator must do at an event time: a limit-order timeout, a force
 * exit, a clean-up. Deadlines at one time run in the order of kind, then ref.
 */
public record Deadline(long at, String kind, String ref) {}
