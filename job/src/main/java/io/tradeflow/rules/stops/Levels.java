package io.tradeflow.rules.stops;

/** Holds a position's stop and target prices and the rule that set them. */
public record Levels(double stop, double target, String rule) {}
