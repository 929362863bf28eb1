package io.tradeflow.io;

import io.tradeflow.event.Bar;
import io.tradeflow.event.BrokerPositions;
import io.tradeflow.event.CalendarEvent;
import io.tradeflow.event.ControlCommand;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Fill;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.event.Recommendation;
import io.tradeflow.event.VixQuote;

/**
 * Carries one parsed input record as a source emits it: a value of one kind, or the dead letter
 * the record became. Parsing inside the source lets watermarks be generated per Kafka partition
 * and per file, from the event times.
 *
 * @param ts the event time, or {@link Long#MIN_VALUE} for a dead letter (it never moves a
 *     watermark)
 * @param raw the record the value was parsed from, from its source to the lateness check right
 *     after it ({@link LateRecords}), which needs the record's split and text; {@code null} past
 *     that check, so the record's text never crosses the network twice
 */
public record Ingested(
        String kind,
        long ts,
        Bar bar,
        Recommendation recommendation,
        VixQuote vix,
        CalendarEvent calendar,
        ControlCommand control,
        Fill fill,
        BrokerPositions brokerPositions,
        DeadLetter deadLetter,
        OptionQuote optionQuote,
        RawRecord raw) {

    public static final String BAR = "bar";
    public static final String RECOMMENDATION = "recommendation";
    public static final String VIX = "vix";
    public static final String CALENDAR = "calendar";
    public static final String CONTROL = "control";
    public static final String FILL = "fill";
    public static final String BROKER_POSITIONS = "broker_positions";
    public static final String DEAD_LETTER = "dead_letter";
    public static final String OPTION_QUOTE = "option_quote";

    public static Ingested of(Bar v) {
        return new Ingested(BAR, v.ts(), v, null, null, null, null, null, null, null, null, null);
    }

    public static Ingested of(Recommendation v) {
        return new Ingested(RECOMMENDATION, v.generatedAt(), null, v, null, null, null, null, null,
                null, null, null);
    }

    public static Ingested of(VixQuote v) {
        return new Ingested(VIX, v.ts(), null, null, v, null, null, null, null, null, null, null);
    }

    public static Ingested of(CalendarEvent v) {
        return new Ingested(CALENDAR, v.ts(), null, null, null, v, null, null, null, null, null,
                null);
    }

    public static Ingested of(ControlCommand v) {
        return new Ingested(CONTROL, v.ts(), null, null, null, null, v, null, null, null, null,
                null);
    }

    public static Ingested of(Fill v) {
        return new Ingested(FILL, v.ts(), null, null, null, null, null, v, null, null, null, null);
    }

    public static Ingested of(BrokerPositions v) {
        return new Ingested(BROKER_POSITIONS, v.ts(), null, null, null, null, null, null, v, null,
                null, null);
    }

    public static Ingested of(OptionQuote v) {
        return new Ingested(OPTION_QUOTE, v.ts(), null, null, null, null, null, null, null, null,
                v, null);
    }

    public static Ingested of(DeadLetter v) {
        return new Ingested(DEAD_LETTER, Long.MIN_VALUE, null, null, null, null, null, null, null,
                v, null, null);
    }

    /** Returns this value with the record it was parsed from, or without one ({@code null}). */
    public Ingested withRaw(RawRecord r) {
        return new Ingested(kind, ts, bar, recommendation, vix, calendar, control, fill,
                brokerPositions, deadLetter, optionQuote, r);
    }

    public boolean isDeadLetter() {
        return DEAD_LETTER.equals(kind);
    }
}
