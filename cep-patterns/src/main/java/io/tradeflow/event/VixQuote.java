package io.tradeflow.event;

/** Carries one VIX index value at its event time (epoch milliseconds). */
public record VixQuote(long ts, double value) {}
