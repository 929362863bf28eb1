package io.tradeflow.event;

/**
 * Carries one market calendar entry: an FOMC or CPI day, an earnings date, a holiday or a macro
 * event.
 *
 * @param date the ISO date ({@code yyyy-MM-dd}) in America/New_York it applies to
 * @param kind {@code fomc}, {@code cpi}, {@code earnings}, {@code holiday} or {@code macro}
 * @param ticker the ticker for earnings, else {@code null}
 * @param ts event time: when the entry became known, at the latest the start of {@code date}
 */
public record CalendarEvent(String date, String kind, String ticker, String severity, long ts) {}
