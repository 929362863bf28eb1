package io.tradeflow.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Carries every input of the account engine as one record: a {@code kind} and one nullable payload
 * field per kind (a sealed hierarchy would fall back to Kryo).
 *
 * <p>At equal times the engine handles inputs in the order of {@link #priority()}, then by content.
 *
 * <p>A {@link #TICKS} input is transport only: a run of one ticker's ticks for one account, in
 * time order, at the time of its first ({@code ts}). BATCH sends ticks so (one record instead of
 * hundreds through the sort); the engine takes the run apart ({@link #parts()}) and handles each
 * tick at its own time, exactly as if it had come alone.
 */
public record AccountInput(
        String kind,
        String account,
        long ts,
        CalendarEvent calendar,
        ControlCommand control,
        VixQuote vix,
        Fill fill,
        MarketTick tick,
        Recommendation recommendation,
        MarketEvent market,
        RapidMove rapidMove,
        BrokerPositions brokerPositions,
        OptionQuote optionQuote,
        List<MarketTick> ticks) {

    public static final String CALENDAR = "calendar";
    public static final String CONTROL = "control";
    public static final String VIX = "vix";
    public static final String FILL = "fill";
    public static final String TICK = "tick";
    public static final String TICKS = "ticks";
    public static final String RECOMMENDATION = "recommendation";
    public static final String MARKET = "market";
    public static final String RAPID_MOVE = "rapid_move";
    public static final String BROKER_POSITIONS = "broker_positions";
    public static final String OPTION_QUOTE = "option_quote";

    public static AccountInput of(String account, CalendarEvent e) {
        return new AccountInput(CALENDAR, account, e.ts(),
                e, null, null, null, null, null, null, null, null, null, null);
    }

    public static AccountInput of(String account, ControlCommand e) {
        return new AccountInput(CONTROL, account, e.ts(),
                null, e, null, null, null, null, null, null, null, null, null);
    }

    public static AccountInput of(String account, VixQuote e) {
        return new AccountInput(VIX, account, e.ts(),
                null, null, e, null, null, null, null, null, null, null, null);
    }

    public static AccountInput of(String account, Fill e) {
        return new AccountInput(FILL, account, e.ts(),
                null, null, null, e, null, null, null, null, null, null, null);
    }

    public static AccountInput of(String account, MarketTick e) {
        return new AccountInput(TICK, account, e.ts(),
                null, null, null, null, e, null, null, null, null, null, null);
    }

    public static AccountInput of(String account, Recommendation e) {
        return new AccountInput(RECOMMENDATION, account, e.generatedAt(), null, null, null, null,
                null, e, null, null, null, null, null);
    }

    /** Returns a market-wide event (VIX halt, volatility cluster) as known at {@code ts}. */
    public static AccountInput of(String account, MarketEvent e, long ts) {
        return new AccountInput(MARKET, account, ts,
                null, null, null, null, null, null, e, null, null, null, null);
    }

    /** Returns a rapid move as known at {@code ts} (its confirmation time). */
    public static AccountInput of(String account, RapidMove e, long ts) {
        return new AccountInput(RAPID_MOVE, account, ts, null, null, null, null, null, null, null,
                e, null, null, null);
    }

    /** Returns the broker's snapshot of the account (R-REC-2), at its time. */
    public static AccountInput of(String account, BrokerPositions e) {
        return new AccountInput(BROKER_POSITIONS, account, e.ts(), null, null, null, null, null,
                null, null, null, e, null, null);
    }

    /** Returns an option quote, routed to an account trading its underlying. */
    public static AccountInput of(String account, OptionQuote e) {
        return new AccountInput(OPTION_QUOTE, account, e.ts(), null, null, null, null, null, null,
                null, null, null, e, null);
    }

    /**
     * Returns the tie order of this kind at one timestamp: what the market already knew (calendar,
     * control, VIX, fills, the broker's snapshot after the fills it holds, the bar that just
     * closed, the option quotes of that time) comes before the recommendation it may inform.
     */
    /**
     * Returns a run of one ticker's ticks for one account ({@link #TICKS}): at least one, in
     * time order.
     */
    public static AccountInput of(String account, List<MarketTick> ticks) {
        if (ticks.isEmpty()) {
            throw new IllegalArgumentException("a run of ticks holds at least one");
        }
        return new AccountInput(TICKS, account, ticks.get(0).ts(), null, null, null, null, null,
                null, null, null, null, null, List.copyOf(ticks));
    }

    /** Returns the inputs this one carries: the ticks of a run, each alone; else itself. */
    public List<AccountInput> parts() {
        if (!TICKS.equals(kind)) {
            return List.of(this);
        }
        List<AccountInput> parts = new ArrayList<>(ticks.size());
        for (MarketTick t : ticks) {
            parts.add(of(account, t));
        }
        return parts;
    }

    public int priority() {
        return switch (kind) {
            case CALENDAR -> 0;
            case CONTROL -> 1;
            case VIX -> 2;
            case MARKET -> 3;
            case FILL -> 4;
            case BROKER_POSITIONS -> 5;
            case TICK -> 6;
            case OPTION_QUOTE -> 7;
            case RAPID_MOVE -> 8;
            case RECOMMENDATION -> 9;
            default -> 10;
        };
    }
}
