package io.tradeflow.io;

import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.metrics.EquityPoint;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an equity curve of one value per day ({@code date,equity}, dates ISO {@code YYYY-MM-DD},
 * ascending) as points at each date's 16:00 New York close (R-MET-1).
 */
public final class EquityFiles {
    public static final String HEADER = "date,equity";

    private EquityFiles() {}

    /**
     * Returns the daily closes of a file.
     *
     * @throws IllegalArgumentException naming the line and the reason for a malformed line, a
     *     date not after the one before, or a file without rows
     */
    public static List<EquityPoint> read(Path file) throws IOException {
        List<EquityPoint> out = new ArrayList<>();
        LocalDate previous = null;
        for (PlainCsv.Row row : PlainCsv.read(file, HEADER)) {
            LocalDate date;
            try {
                date = LocalDate.parse(row.cell(0));
            } catch (DateTimeParseException e) {
                throw row.error("date '" + row.cell(0) + "' is not a date YYYY-MM-DD");
            }
            if (previous != null && !date.isAfter(previous)) {
                throw row.error("date " + date + " is not after the previous row's " + previous
                        + " (one row per day, ascending)");
            }
            double equity;
            try {
                equity = Double.parseDouble(row.cell(1));
            } catch (NumberFormatException e) {
                equity = Double.NaN;
            }
            if (!(equity > 0) || Double.isInfinite(equity)) {
                throw row.error("equity '" + row.cell(1) + "' is not a number > 0");
            }
            out.add(new EquityPoint(MarketTime.epochMillis(date, TradingCalendar.CLOSE), equity));
            previous = date;
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no equity rows after the header");
        }
        return out;
    }
}
