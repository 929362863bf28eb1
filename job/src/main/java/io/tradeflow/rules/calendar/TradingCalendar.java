package io.tradeflow.rules.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tells NYSE trading days, holidays and closing times (16:00 ET, or 13:00 on early-close days)
 * from a data file, in market time ({@code America/New_York}, DST-aware).
 *
 * <p>The data ({@code calendar/nyse-2010-2027.csv}: {@code date,kind[,close]}, kinds {@code
 * holiday}, {@code closure} and {@code early_close}) covers {@link #firstYear()} to {@link
 * #lastYear()}. Outside that range every weekday is taken as a full trading day; {@link
 * #covers(LocalDate)} says whether a date is inside. Immutable and serializable, so an operator can
 * hold it.
 */
public final class TradingCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final LocalTime OPEN = LocalTime.of(9, 30);
    public static final LocalTime CLOSE = LocalTime.of(16, 0);
    public static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);
    public static final String NYSE_RESOURCE = "/calendar/nyse-2010-2027.csv";

    private static volatile TradingCalendar nyse;

    private final int firstYear;
    private final int lastYear;
    private final Set<LocalDate> closed;
    private final Map<LocalDate, LocalTime> earlyCloses;
    /**
     * Regular sessions asked for, by UTC day, as {@link MarketTime} keeps its days: the ticker
     * stage asks for every bar, three times, and the set and map lookups of a date were a tenth
     * of its time. Sessions are immutable, so a slot is read and replaced without locks (made on
     * first use, also after deserialization); a slot's session is used only when its bounds hold
     * the instant.
     */
    private transient Session[] sessions;

    private static final int SESSION_SLOTS = 64;
    private static final long DAY_MS = 86_400_000L;

    /**
     * A market date's regular session in epoch milliseconds: the date's instants are [start,
     * end), bars ending in (open, close] belong to the session; on a day without trading open is
     * {@link Long#MAX_VALUE} and close {@link Long#MIN_VALUE}.
     */
    private record Session(long start, long end, long open, long close) {}

    private TradingCalendar(int firstYear, int lastYear, Set<LocalDate> closed,
            Map<LocalDate, LocalTime> earlyCloses) {
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.closed = Collections.unmodifiableSet(new HashSet<>(closed));
        this.earlyCloses = Collections.unmodifiableMap(new HashMap<>(earlyCloses));
    }

    /** Returns the NYSE calendar 2010–2027 read from the bundled data file (loaded once). */
    public static TradingCalendar nyse() {
        TradingCalendar c = nyse;
        if (c == null) {
            synchronized (TradingCalendar.class) {
                if (nyse == null) {
                    nyse = load(NYSE_RESOURCE, 2010, 2027);
                }
                c = nyse;
            }
        }
        return c;
    }

    /** Reads a calendar from a class-path resource covering {@code firstYear..lastYear}. */
    public static TradingCalendar load(String resource, int firstYear, int lastYear) {
        InputStream in = TradingCalendar.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("trading calendar not found: " + resource);
        }
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(r, resource, firstYear, lastYear);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trading calendar " + resource, e);
        }
    }

    static TradingCalendar parse(BufferedReader r, String source, int firstYear, int lastYear)
            throws IOException {
        Set<LocalDate> closed = new HashSet<>();
        Map<LocalDate, LocalTime> early = new HashMap<>();
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            int hash = line.indexOf('#');
            String data = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (data.isEmpty() || data.startsWith("date,")) {
                continue;
            }
            String[] f = data.split(",");
            try {
                LocalDate date = LocalDate.parse(f[0].strip());
                String kind = f[1].strip();
                switch (kind) {
                    case "holiday", "closure" -> closed.add(date);
                    case "early_close" -> early.put(date, LocalTime.parse(f[2].strip()));
                    default -> throw new IllegalArgumentException("unknown kind " + kind);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(source + " line " + n + ": " + line, e);
            }
        }
        return new TradingCalendar(firstYear, lastYear, closed, early);
    }

    public int firstYear() {
        return firstYear;
    }

    public int lastYear() {
        return lastYear;
    }

    /** Returns whether the data covers the date's year. */
    public boolean covers(LocalDate date) {
        return date.getYear() >= firstYear && date.getYear() <= lastYear;
    }

    /** Returns whether the exchange is closed on a weekday (holiday or special closure). */
    public boolean isHoliday(LocalDate date) {
        return closed.contains(date);
    }

    /** Returns whether the date is a weekday and not a holiday. */
    public boolean isTradingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !closed.contains(date);
    }

    /** Returns whether the date is a trading day that closes early. */
    public boolean isEarlyClose(LocalDate date) {
        return isTradingDay(date) && earlyCloses.containsKey(date);
    }

    /** Returns the closing time (16:00 or 13:00 ET), or {@code null} on a non-trading day. */
    public LocalTime closeTime(LocalDate date) {
        if (!isTradingDay(date)) {
            return null;
        }
        return earlyCloses.getOrDefault(date, CLOSE);
    }

    /**
     * Returns whether a bar ending at {@code endTs} (epoch milliseconds) belongs to the regular
     * session: a trading day and an end time in (09:30, close] ET.
     */
    public boolean isRegularSession(long endTs) {
        Session[] cache = sessions;
        if (cache == null) {
            cache = new Session[SESSION_SLOTS];
            sessions = cache;
        }
        int slot = (int) (Math.floorDiv(endTs, DAY_MS) & (SESSION_SLOTS - 1));
        Session s = cache[slot];
        if (s == null || endTs < s.start() || endTs >= s.end()) {
            s = session(endTs);
            cache[slot] = s;
        }
        return endTs > s.open() && endTs <= s.close();
    }

    /**
     * A date's bounds and session. Within one date the order of instants is that of their
     * market times from 09:30 on (New York changes its clocks at 02:00), so "after 09:30 and not
     * after the close" is "after the open's instant and not after the close's".
     */
    private Session session(long instant) {
        LocalDate date = MarketTime.date(instant);
        long start = MarketTime.dayStart(instant);
        long end = MarketTime.dayEnd(instant);
        LocalTime close = closeTime(date);
        return close == null ? new Session(start, end, Long.MAX_VALUE, Long.MIN_VALUE)
                : new Session(start, end, MarketTime.epochMillis(date, OPEN),
                        MarketTime.epochMillis(date, close));
    }

    /** Returns the first trading day after {@code date}. */
    public LocalDate nextTradingDay(LocalDate date) {
        LocalDate d = date.plusDays(1);
        while (!isTradingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Returns the last trading day before {@code date}. */
    public LocalDate previousTradingDay(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (!isTradingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /**
     * Returns the number of trading days {@code d} with {@code from < d <= to}, negated when
     * {@code to} is before {@code from}: 1 from a day to the next trading day, 0 for the same day.
     */
    public int tradingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -tradingDaysBetween(to, from);
        }
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isTradingDay(d)) {
                n++;
            }
        }
        return n;
    }
}
