package io.tradeflow.io;

/** Carries one raw input record with where it came from (placeholder until the parsers land). */
public record RawRecord(String source, String position, long refTs, String payload) {}
