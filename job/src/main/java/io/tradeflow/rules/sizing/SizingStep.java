package io.tradeflow.rules.sizing;

/** Records one step of the sizing pipeline: which rule, what went in, what came out, and why. */
public record SizingStep(String rule, String step, double in, double out, String note) {}
