package io.tradeflow.rules.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Turns executions into FIFO tax lots per account and ticker (R-TAX-1) and applies the wash-sale
 * rule of IRS Publication 550 to them (R-TAX-2).
 *
 * <p>R-TAX-1: every buy opens a lot; a sale closes the oldest open lots first, splitting the last
 * one it reaches when it sells only part of it; each lot part realizes proceeds − basis.
 *
 * <p>R-TAX-2: a lot part sold at a loss is a wash sale when shares of the same ticker in the same
 * account are bought within {@value #WASH_SALE_DAYS} days before or after the sale. The loss is
 * disallowed pro rata by shares (40 replacement shares for 100 sold disallow 40 % of it), added to
 * the replacement shares' basis, and the replacement's buy date moves back by the sold lot's
 * holding period (adjusted buy date = replacement buy date − (sale date − sold lot's adjusted buy
 * date)). A replacement lot with more shares than needed is split so that the adjustment lands on
 * exactly the replacement shares. Replacement shares are taken in the order they were bought, and
 * each share replaces at most once. Not replacements: the shares of the sale itself, other shares
 * of the same buy as the lot sold, and shares bought before the sale but no longer held after it.
 * Sales are matched in the order they happened.
 *
 * <p>Money is {@link BigDecimal} in dollars at scale {@value #MONEY_SCALE} (cents), rounded
 * {@link RoundingMode#HALF_EVEN}. Whatever is shared out pro rata by shares — a sale's proceeds
 * over the lots it closes, a lot's basis over its parts, a disallowed loss over its replacements
 * — is rounded cumulatively, so the parts always add up to the whole to the cent.
 *
 * <p>Executions are processed by date; executions of one date keep their given order (a buy
 * listed before a sale of the same date is held at that sale).
 */
public final class TaxLots {
    public static final String R_TAX_1 = "R-TAX-1";
    public static final String R_TAX_2 = "R-TAX-2";
    /** The wash-sale window on each side of the sale, in calendar days. */
    public static final int WASH_SALE_DAYS = 30;
    /** Decimal places of booked money (cents). */
    public static final int MONEY_SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private TaxLots() {}

    /**
     * Holds every lot part (by buy, then by split) and every wash sale (in the order matched).
     */
    public record Result(List<Lot> lots, List<WashSale> washSales) {

        /** Returns Σ gain of the closed lots (disallowed losses excluded). */
        public BigDecimal realizedGain() {
            return lots.stream().filter(l -> !l.isOpen()).map(Lot::gain)
                    .reduce(zero(), BigDecimal::add);
        }

        /** Returns Σ gain of the lots closed with the given holding period. */
        public BigDecimal realizedGain(Term term) {
            return lots.stream().filter(l -> l.term() == term).map(Lot::gain)
                    .reduce(zero(), BigDecimal::add);
        }

        /** Returns Σ disallowed loss of every wash sale. */
        public BigDecimal disallowed() {
            return washSales.stream().map(WashSale::disallowedLoss)
                    .reduce(zero(), BigDecimal::add);
        }

        /** Returns the disallowed losses still deferred in open lots' basis adjustments. */
        public BigDecimal deferred() {
            return lots.stream().filter(Lot::isOpen)
                    .map(l -> l.adjustedBasis().subtract(l.basis()))
                    .reduce(zero(), BigDecimal::add);
        }
    }

    /** Signals a sale of more shares than the account holds of the ticker. */
    public static final class OversoldException extends IllegalArgumentException {
        private final int index;

        OversoldException(int index, String message) {
            super(message);
            this.index = index;
        }

        /** Returns the position of the sale in the executions given. */
        public int index() {
            return index;
        }
    }

    /**
     * Returns the lots and wash sales of the executions.
     *
     * @throws OversoldException when a sale sells more shares than are held
     */
    public static Result of(List<Execution> executions) {
        return new Book().run(executions);
    }

    /** Returns total × part / whole in cents. */
    static BigDecimal proRata(BigDecimal total, long part, long whole) {
        return total.multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), MONEY_SCALE, ROUNDING);
    }

    static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(MONEY_SCALE);
    }

    private record Key(String account, String ticker) {}

    /** One lot or lot part while the book is built. */
    private static final class Part {
        final String id;
        final int buy;
        final int split;
        final String account;
        final String ticker;
        final LocalDate buyDate;
        long quantity;
        LocalDate adjustedBuyDate;
        BigDecimal basis;
        BigDecimal adjustedBasis;
        LocalDate sellDate;
        BigDecimal proceeds;
        BigDecimal disallowed = zero();
        String replacementOf;

        Part(String id, int buy, int split, String account, String ticker,
                LocalDate buyDate, long quantity, BigDecimal basis) {
            this.id = id;
            this.buy = buy;
            this.split = split;
            this.account = account;
            this.ticker = ticker;
            this.buyDate = buyDate;
            this.adjustedBuyDate = buyDate;
            this.quantity = quantity;
            this.basis = basis;
            this.adjustedBasis = basis;
        }

        Lot toLot() {
            boolean open = sellDate == null;
            return new Lot(id, account, ticker, quantity, buyDate, adjustedBuyDate, basis,
                    adjustedBasis, sellDate, proceeds,
                    open ? null : proceeds.subtract(adjustedBasis).add(disallowed),
                    open ? null : disallowed, replacementOf);
        }
    }

    /** A lot part sold at a loss, with the replacement shares found for it so far. */
    private static final class LossSale {
        final Part sold;
        final BigDecimal loss;
        long replaced;

        LossSale(Part sold) {
            this.sold = sold;
            this.loss = sold.adjustedBasis.subtract(sold.proceeds);
        }

        long unreplaced() {
            return sold.quantity - replaced;
        }
    }

    /** The lots of one run, built in date order. */
    private static final class Book {
        final Map<Key, List<Part>> open = new HashMap<>();
        final Map<Key, List<LossSale>> pending = new HashMap<>();
        final Map<Integer, Integer> splits = new HashMap<>();
        final List<Part> parts = new ArrayList<>();
        final List<WashSale> washSales = new ArrayList<>();
        int buys;

        Result run(List<Execution> executions) {
            int[] order = IntStream.range(0, executions.size()).boxed()
                    .sorted(Comparator.comparing(i -> executions.get(i).date()))
                    .mapToInt(Integer::intValue).toArray();
            for (int i : order) {
                Execution e = executions.get(i);
                if (e.side() == Execution.Side.BUY) {
                    buy(e);
                } else {
                    sell(e, i);
                }
            }
            Comparator<Part> byId = Comparator.<Part>comparingInt(p -> p.buy)
                    .thenComparingInt(p -> p.split);
            return new Result(parts.stream().sorted(byId).map(Part::toLot).toList(),
                    List.copyOf(washSales));
        }

        void buy(Execution e) {
            Key key = new Key(e.account(), e.ticker());
            buys++;
            Part lot = new Part("L" + buys, buys, 0, e.account(), e.ticker(), e.date(),
                    e.quantity(), e.amount());
            parts.add(lot);
            open.computeIfAbsent(key, k -> new ArrayList<>()).add(lot);
            // the loss sales of the last 30 days still short of replacement shares, oldest first
            List<LossSale> waiting = pending.getOrDefault(key, new ArrayList<>());
            waiting.removeIf(l -> l.unreplaced() == 0
                    || l.sold.sellDate.plusDays(WASH_SALE_DAYS).isBefore(e.date()));
            Part rest = lot;
            for (LossSale l : waiting) {
                if (rest == null) {
                    break;
                }
                long n = Math.min(l.unreplaced(), rest.quantity);
                Part replacement = n < rest.quantity ? split(key, rest, n) : rest;
                if (replacement == rest) {
                    rest = null;
                }
                replace(l, replacement);
            }
        }

        void sell(Execution e, int index) {
            Key key = new Key(e.account(), e.ticker());
            List<Part> held = open.getOrDefault(key, new ArrayList<>());
            long shares = held.stream().mapToLong(p -> p.quantity).sum();
            if (shares < e.quantity()) {
                throw new OversoldException(index, "sale of " + e.quantity() + " " + e.ticker()
                        + " on " + e.date() + " exceeds the " + shares + " held in account "
                        + e.account());
            }
            List<Part> sold = new ArrayList<>();
            long done = 0;
            BigDecimal booked = zero();
            while (done < e.quantity()) {
                Part head = held.get(0);
                long left = e.quantity() - done;
                Part s = head.quantity > left ? split(key, head, left) : head;
                held.remove(0);
                done += s.quantity;
                BigDecimal upTo = proRata(e.amount(), done, e.quantity());
                s.sellDate = e.date();
                s.proceeds = upTo.subtract(booked);
                booked = upTo;
                sold.add(s);
            }
            for (Part s : sold) {
                if (s.proceeds.compareTo(s.adjustedBasis) < 0) {
                    LossSale l = new LossSale(s);
                    replaceFromHeld(key, l);
                    if (l.unreplaced() > 0) {
                        pending.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
                    }
                }
            }
        }

        /** Finds replacements bought within the window before a loss sale and still held. */
        void replaceFromHeld(Key key, LossSale l) {
            List<Part> held = open.getOrDefault(key, List.of());
            LocalDate from = l.sold.sellDate.minusDays(WASH_SALE_DAYS);
            for (int i = 0; i < held.size() && l.unreplaced() > 0; i++) {
                Part c = held.get(i);
                if (c.replacementOf != null || c.buy == l.sold.buy || c.buyDate.isBefore(from)) {
                    continue;
                }
                long n = Math.min(l.unreplaced(), c.quantity);
                // a split puts the replacement shares at i, the rest after them
                replace(l, n < c.quantity ? split(key, c, n) : c);
            }
        }

        /** Moves {@code n} shares of an open part into a new part placed just before it. */
        Part split(Key key, Part p, long n) {
            int k = splits.merge(p.buy, 1, Integer::sum);
            Part off = new Part("L" + p.buy + "." + k, p.buy, k, p.account, p.ticker, p.buyDate,
                    n, proRata(p.basis, n, p.quantity));
            off.adjustedBasis = proRata(p.adjustedBasis, n, p.quantity);
            off.adjustedBuyDate = p.adjustedBuyDate;
            off.replacementOf = p.replacementOf;
            p.quantity -= n;
            p.basis = p.basis.subtract(off.basis);
            p.adjustedBasis = p.adjustedBasis.subtract(off.adjustedBasis);
            List<Part> held = open.get(key);
            held.add(held.indexOf(p), off);
            parts.add(off);
            return off;
        }

        /** Disallows the loss of {@code l} pro rata to all of the replacement's shares. */
        void replace(LossSale l, Part replacement) {
            BigDecimal before = proRata(l.loss, l.replaced, l.sold.quantity);
            l.replaced += replacement.quantity;
            BigDecimal d = proRata(l.loss, l.replaced, l.sold.quantity).subtract(before);
            l.sold.disallowed = l.sold.disallowed.add(d);
            long heldDays = ChronoUnit.DAYS.between(l.sold.adjustedBuyDate, l.sold.sellDate);
            replacement.adjustedBasis = replacement.adjustedBasis.add(d);
            replacement.adjustedBuyDate = replacement.buyDate.minusDays(heldDays);
            replacement.replacementOf = l.sold.id;
            washSales.add(new WashSale(l.sold.id, replacement.id, l.sold.account,
                    l.sold.ticker, l.sold.sellDate, replacement.buyDate, replacement.quantity, d,
                    replacement.adjustedBuyDate));
        }
    }
}
