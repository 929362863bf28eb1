package io.tradeflow.rules.tax;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Properties of R-TAX-1 and R-TAX-2 over random executions that never sell more than is held:
 * wash sales only defer gains and losses, nothing is lost, created or closed twice.
 */
@Label("R-TAX-1, R-TAX-2 tax lots and wash sales properties")
class TaxLotsProperties {
    private static final LocalDate D0 = LocalDate.of(2023, 1, 3);

    /** One step: an account and ticker (of two each), days after the last step, buy or sell. */
    record Step(int account, int ticker, int days, boolean buy, int quantity, int cents) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 20),
                        Arbitraries.of(true, false), Arbitraries.integers().between(1, 150),
                        Arbitraries.integers().between(0, 2_000_000))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(60);
    }

    /** Turns steps into executions; a sale sells at most what the account holds of the ticker. */
    static List<Execution> executions(List<Step> steps, boolean flat) {
        List<Execution> out = new ArrayList<>();
        Map<String, Long> held = new HashMap<>();
        LocalDate d = D0;
        for (Step s : steps) {
            d = d.plusDays(s.days());
            String account = "a" + s.account();
            String ticker = "T" + s.ticker();
            String key = account + "/" + ticker;
            long h = held.getOrDefault(key, 0L);
            long q = s.buy() ? s.quantity() : Math.min(s.quantity(), h);
            if (q == 0) {
                continue;
            }
            BigDecimal amount = BigDecimal.valueOf(s.cents(), 2);
            out.add(new Execution(account, ticker, d, s.buy() ? Execution.Side.BUY
                    : Execution.Side.SELL, q, amount));
            held.put(key, s.buy() ? h + q : h - q);
        }
        if (flat) {
            int i = 0;
            for (Map.Entry<String, Long> e : held.entrySet()) {
                if (e.getValue() > 0) {
                    String[] k = e.getKey().split("/");
                    out.add(new Execution(k[0], k[1], d.plusDays(++i), Execution.Side.SELL,
                            e.getValue(), BigDecimal.valueOf(e.getValue() * 997L, 2)));
                }
            }
        }
        return out;
    }

    static BigDecimal sum(List<Execution> es, Execution.Side side) {
        return es.stream().filter(e -> e.side() == side).map(Execution::amount)
                .reduce(TaxLots.zero(), BigDecimal::add);
    }

    static long shares(List<Execution> es, Predicate<Execution> p) {
        return es.stream().filter(p).mapToLong(Execution::quantity).sum();
    }

    @Property
    void onceFlatTheRealizedGainIsTheTradePnl(@ForAll("steps") List<Step> steps) {
        List<Execution> es = executions(steps, true);

        TaxLots.Result r = TaxLots.of(es);

        assertThat(r.lots()).noneMatch(Lot::isOpen);
        assertThat(r.deferred()).isZero();
        assertThat(r.realizedGain()).isEqualTo(
                sum(es, Execution.Side.SELL).subtract(sum(es, Execution.Side.BUY)));
    }

    @Property
    void realizedGainPlusDeferredLossesIsThePnlOfTheSharesSold(
            @ForAll("steps") List<Step> steps) {
        List<Execution> es = executions(steps, false);

        TaxLots.Result r = TaxLots.of(es);

        // Σ gain = Σ proceeds − Σ basis of the lots sold + the losses still deferred in open lots
        BigDecimal closedBasis = r.lots().stream().filter(l -> !l.isOpen()).map(Lot::basis)
                .reduce(TaxLots.zero(), BigDecimal::add);
        assertThat(r.realizedGain().add(closedBasis)).isEqualTo(
                sum(es, Execution.Side.SELL).add(r.deferred()));
        assertThat(r.lots().stream().map(l -> l.adjustedBasis().subtract(l.basis()))
                .reduce(TaxLots.zero(), BigDecimal::add)).isEqualTo(r.disallowed());
    }

    @Property
    void sharesAndMoneyAreConservedAndNoLotIsClosedTwice(@ForAll("steps") List<Step> steps) {
        List<Execution> es = executions(steps, false);

        TaxLots.Result r = TaxLots.of(es);

        assertThat(r.lots()).extracting(Lot::lotId).doesNotHaveDuplicates();
        for (String account : List.of("a0", "a1")) {
            for (String ticker : List.of("T0", "T1")) {
                Predicate<Execution> key = e -> e.account().equals(account)
                        && e.ticker().equals(ticker);
                List<Lot> lots = r.lots().stream().filter(l -> l.account().equals(account)
                        && l.ticker().equals(ticker)).toList();
                assertThat(lots.stream().mapToLong(Lot::quantity).sum()).isEqualTo(
                        shares(es, key.and(e -> e.side() == Execution.Side.BUY)));
                assertThat(lots.stream().filter(l -> !l.isOpen()).mapToLong(Lot::quantity)
                        .sum()).isEqualTo(shares(es, key.and(e ->
                                e.side() == Execution.Side.SELL)));
            }
        }
        assertThat(r.lots()).allMatch(l -> l.quantity() > 0);
        assertThat(r.lots().stream().map(Lot::basis).reduce(TaxLots.zero(), BigDecimal::add))
                .isEqualTo(sum(es, Execution.Side.BUY));
        assertThat(r.lots().stream().filter(l -> !l.isOpen()).map(Lot::proceeds)
                .reduce(TaxLots.zero(), BigDecimal::add)).isEqualTo(sum(es, Execution.Side.SELL));
    }

    @Property
    void washSalesDeferOnlyLossesWithinTheWindowAndReplaceOnce(
            @ForAll("steps") List<Step> steps) {
        TaxLots.Result r = TaxLots.of(executions(steps, false));

        Map<String, Lot> byId = new HashMap<>();
        r.lots().forEach(l -> byId.put(l.lotId(), l));
        Set<String> replacements = new HashSet<>();
        Map<String, BigDecimal> disallowed = new HashMap<>();
        for (WashSale w : r.washSales()) {
            Lot sold = byId.get(w.soldLotId());
            assertThat(replacements.add(w.replacementLotId())).as("replaces once").isTrue();
            assertThat(w.replacementLotId()).isNotEqualTo(w.soldLotId());
            assertThat(sold.isOpen()).isFalse();
            assertThat(sold.proceeds()).isLessThan(sold.adjustedBasis());
            assertThat(Math.abs(ChronoUnit.DAYS.between(w.saleDate(), w.replacementBuyDate())))
                    .isLessThanOrEqualTo(TaxLots.WASH_SALE_DAYS);
            assertThat(w.adjustedBuyDate()).isBeforeOrEqualTo(w.replacementBuyDate());
            disallowed.merge(w.soldLotId(), w.disallowedLoss(), BigDecimal::add);
        }
        for (Lot l : r.lots()) {
            assertThat(l.adjustedBasis()).isGreaterThanOrEqualTo(l.basis());
            assertThat(l.adjustedBuyDate()).isBeforeOrEqualTo(l.buyDate());
            if (!l.isOpen()) {
                BigDecimal d = disallowed.getOrDefault(l.lotId(), TaxLots.zero());
                assertThat(l.washSaleDisallowed()).isEqualTo(d);
                BigDecimal loss = l.adjustedBasis().subtract(l.proceeds()).max(TaxLots.zero());
                assertThat(d).isBetween(TaxLots.zero(), loss);
                if (d.signum() > 0) {
                    assertThat(l.gain()).isLessThanOrEqualTo(TaxLots.zero());
                }
            }
            if (l.replacementOf() != null) {
                assertThat(byId).containsKey(l.replacementOf());
            }
        }
        Statistics.label("wash sales").collect(r.washSales().isEmpty() ? "none" : "some");
        Statistics.label("wash sales").coverage(c -> c.check("some").percentage(p -> p > 20));
    }
}
