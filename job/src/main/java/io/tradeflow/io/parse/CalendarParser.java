package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.CalendarEvent;
import io.tradeflow.io.RawRecord;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses market calendar entries from the {@code calendar} topic and from the FOMC and CPI CSV
 * files.
 *
 * <p>JSON: {@code {"date","kind","ticker"?,"severity"?,"ts"?}}; {@code kind} is one of
 * {@link #KINDS} ({@code invalid_value} otherwise); {@code ts} defaults to 00:00 America/New_York
 * of {@code date}. CSV: the form is told by the header, remembered per source — a FOMC schedule
 * ({@code meeting_start,decision_date,…}: kind {@code fomc}, date = decision_date) or a CPI
 * schedule ({@code reference_month,release_date,…}: kind {@code cpi}, date = release_date) or an
 * earnings schedule ({@code ticker,date,…} or {@code ticker,earnings_date,…}: kind {@code
 * earnings}); ts is 00:00 America/New_York of the date; a row before any known header is {@code
 * malformed_csv}.
 *
 * <p>Future timestamps ({@code timestamp_in_future}) are checked only on an explicit {@code ts}:
 * a calendar announces dates ahead by nature, so a ts derived from the date is never "too far in
 * the future". An explicit ts more than {@link ParseContext#maxFutureSkewMs()} after the Kafka
 * record timestamp is rejected; without one (files), more than that after the highest explicit ts
 * this instance accepted from the same source (the first such record is accepted).
 */
public final class CalendarParser implements InputParser<CalendarEvent> {
    private static final long serialVersionUID = 1L;

    /** The required fields, as in {@code schemas/calendar.schema.json}. */
    public static final List<String> REQUIRED_FIELDS = List.of("date", "kind");
    public static final Set<String> KINDS = Set.of("fomc", "cpi", "earnings", "holiday", "macro");
    public static final String FOMC_HEADER_START = "meeting_start,decision_date";
    public static final String CPI_HEADER_START = "reference_month,release_date";
    public static final Set<String> EARNINGS_HEADER_STARTS =
            Set.of("ticker,date", "ticker,earnings_date");

    private final RecordFormat format;
    private final FutureGuard future;
    private final Map<String, String> csvKindBySource = new HashMap<>();

    public CalendarParser(ParseContext ctx) {
        this(ctx, RecordFormat.JSON);
    }

    public CalendarParser(ParseContext ctx, RecordFormat format) {
        this.format = format;
        this.future = new FutureGuard(ctx.maxFutureSkewMs());
    }

    @Override
    public Parsed<CalendarEvent> parse(RawRecord raw) {
        return Parsing.guard(raw, this::read);
    }

    private Parsed<CalendarEvent> read(RawRecord raw) {
        String line = Parsing.line(raw.payload());
        if (Parsing.blankLine(raw, line)) {
            return Parsed.skip();
        }
        return format == RecordFormat.JSON ? json(raw, Fields.object(line)) : csv(raw, line);
    }

    private Parsed<CalendarEvent> json(RawRecord raw, ObjectNode o) {
        for (String field : REQUIRED_FIELDS) {
            Fields.required(o, field);
        }
        String dateText = Fields.text(o, "date");
        LocalDate date = Times.date(dateText, "date");
        String kind = Fields.text(o, "kind");
        if (!KINDS.contains(kind)) {
            throw Fields.invalid("kind", "must be one of fomc, cpi, earnings, holiday, macro");
        }
        String ticker = Fields.optText(o, "ticker");
        String severity = Fields.optText(o, "severity");
        JsonNode tsNode = Fields.opt(o, "ts");
        long ts;
        if (tsNode == null) {
            ts = Times.newYork(date, LocalTime.MIDNIGHT);
        } else {
            ts = Times.ts(tsNode, "ts");
            future.admit(raw, ts);
        }
        return Parsed.ok(new CalendarEvent(date.toString(), kind, ticker, severity, ts));
    }

    private Parsed<CalendarEvent> csv(RawRecord raw, String line) {
        String source = raw.source() == null ? "" : raw.source();
        List<String> cells = Csv.split(line, ',');
        String start = cells.size() < 2 ? "" : (cells.get(0) + "," + cells.get(1)).toLowerCase();
        if (start.equals(FOMC_HEADER_START)) {
            csvKindBySource.put(source, "fomc");
            return Parsed.skip();
        }
        if (start.equals(CPI_HEADER_START)) {
            csvKindBySource.put(source, "cpi");
            return Parsed.skip();
        }
        if (EARNINGS_HEADER_STARTS.contains(start)) {
            csvKindBySource.put(source, "earnings");
            return Parsed.skip();
        }
        String kind = csvKindBySource.get(source);
        if (kind == null) {
            throw new Reject(Reasons.MALFORMED_CSV, "no FOMC or CPI header seen before this row");
        }
        if (cells.size() < 2) {
            throw new Reject(Reasons.MALFORMED_CSV, "expected at least 2 columns");
        }
        String field = switch (kind) {
            case "fomc" -> "decision_date";
            case "cpi" -> "release_date";
            default -> "date";
        };
        LocalDate date = Times.date(Csv.required(cells, 1, field), field);
        long ts = Times.newYork(date, LocalTime.MIDNIGHT);
        String ticker = kind.equals("earnings") ? Csv.required(cells, 0, "ticker") : null;
        return Parsed.ok(new CalendarEvent(date.toString(), kind, ticker, null, ts));
    }
}
