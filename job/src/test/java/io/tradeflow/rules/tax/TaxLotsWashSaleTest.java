package io.tradeflow.rules.tax;

import static io.tradeflow.rules.tax.Execution.buy;
import static io.tradeflow.rules.tax.Execution.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Examples of R-TAX-2, the wash-sale rule of IRS Publication 550 (the first two are the
 * publication's own, with concrete dates where it gives none).
 */
@DisplayName("R-TAX-2 wash sales (IRS Publication 550)")
class TaxLotsWashSaleTest {

    static BigDecimal usd(String s) {
        return new BigDecimal(s);
    }

    static Lot lot(TaxLots.Result r, String id) {
        return TaxLotsFifoTest.lot(r, id);
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /**
     * "You buy 100 shares of X stock for $1,000. You sell these shares for $750 and within 30 days
     * from the sale you buy 100 shares of the same stock for $800. … you cannot deduct your loss
     * of $250 … your basis in the new stock … is $1,050."
     */
    @Test
    void publication550DisallowsTheWholeLossWhenAllSharesAreReplaced() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-03-01"), 100, "1000"),
                sell("a", "X", date("2024-06-03"), 100, "750"),
                buy("a", "X", date("2024-06-20"), 100, "800")));

        assertThat(lot(r, "L1")).satisfies(l -> {
            assertThat(l.washSaleDisallowed()).isEqualTo(usd("250.00"));
            assertThat(l.gain()).isEqualTo(usd("0.00"));
        });
        assertThat(lot(r, "L2")).satisfies(l -> {
            assertThat(l.basis()).isEqualTo(usd("800.00"));
            assertThat(l.adjustedBasis()).isEqualTo(usd("1050.00"));
            assertThat(l.replacementOf()).isEqualTo("L1");
            // 2024-03-01 → 2024-06-03 is 94 days held; 2024-06-20 − 94 days
            assertThat(l.adjustedBuyDate()).isEqualTo(date("2024-03-18"));
        });
        assertThat(r.washSales()).containsExactly(new WashSale("L1", "L2", "a", "X",
                date("2024-06-03"), date("2024-06-20"), 100, usd("250.00"), date("2024-03-18")));
    }

    /**
     * "You bought 100 shares of M stock on September 24, 2024 for $5,000. On December 21 you sold
     * those shares for $4,000, and on December 27 you bought 75 shares of the same stock for
     * $3,750. … You can't deduct $750 (75% of $1,000) … the basis of the 75 shares is $4,500."
     */
    @Test
    void publication550DisallowsAPartialReplacementProRataByShares() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "M", date("2024-09-24"), 100, "5000"),
                sell("a", "M", date("2024-12-21"), 100, "4000"),
                buy("a", "M", date("2024-12-27"), 75, "3750")));

        assertThat(lot(r, "L1")).satisfies(l -> {
            assertThat(l.washSaleDisallowed()).isEqualTo(usd("750.00"));
            assertThat(l.gain()).as("the deductible $250 of the loss").isEqualTo(usd("-250.00"));
            assertThat(l.term()).isEqualTo(Term.SHORT);
        });
        assertThat(lot(r, "L2")).satisfies(l -> {
            assertThat(l.quantity()).isEqualTo(75);
            assertThat(l.adjustedBasis()).isEqualTo(usd("4500.00"));
            // 88 days held (09-24 → 12-21); 2024-12-27 − 88 days
            assertThat(l.adjustedBuyDate()).isEqualTo(date("2024-09-30"));
        });
        assertThat(r.realizedGain()).isEqualTo(usd("-250.00"));
        assertThat(r.deferred()).isEqualTo(usd("750.00"));
    }

    @Test
    void sharesBoughtWithinThirtyDaysBeforeTheSaleAndStillHeldReplace() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-01-02"), 100, "1000"),
                buy("a", "X", date("2024-03-01"), 100, "900"),
                sell("a", "X", date("2024-03-20"), 100, "700")));

        assertThat(lot(r, "L1").washSaleDisallowed()).isEqualTo(usd("300.00"));
        assertThat(lot(r, "L2")).satisfies(l -> {
            assertThat(l.adjustedBasis()).isEqualTo(usd("1200.00"));
            // 78 days held (01-02 → 03-20); 2024-03-01 − 78 days
            assertThat(l.adjustedBuyDate()).isEqualTo(date("2023-12-14"));
        });
    }

    @Test
    void theWindowIsThirtyDaysOnEachSide() {
        List<Execution> before = List.of(buy("a", "X", date("2024-01-02"), 10, "100"),
                buy("a", "X", date("2024-05-01"), 10, "100"),
                sell("a", "X", date("2024-05-31"), 10, "50"));
        List<Execution> tooEarly = List.of(buy("a", "X", date("2024-01-02"), 10, "100"),
                buy("a", "X", date("2024-04-30"), 10, "100"),
                sell("a", "X", date("2024-05-31"), 10, "50"));
        List<Execution> after = List.of(buy("a", "X", date("2024-01-02"), 10, "100"),
                sell("a", "X", date("2024-05-31"), 10, "50"),
                buy("a", "X", date("2024-06-30"), 10, "100"));
        List<Execution> tooLate = List.of(buy("a", "X", date("2024-01-02"), 10, "100"),
                sell("a", "X", date("2024-05-31"), 10, "50"),
                buy("a", "X", date("2024-07-01"), 10, "100"));

        assertThat(TaxLots.of(before).washSales()).hasSize(1);
        assertThat(TaxLots.of(tooEarly).washSales()).isEmpty();
        assertThat(TaxLots.of(after).washSales()).hasSize(1);
        assertThat(TaxLots.of(tooLate).washSales()).isEmpty();
        assertThat(lot(TaxLots.of(tooLate), "L1").gain()).isEqualTo(usd("-50.00"));
    }

    @Test
    void aLargerReplacementLotIsSplitSoOnlyTheReplacementSharesCarryTheLoss() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-01-02"), 100, "1000"),
                sell("a", "X", date("2024-06-03"), 40, "300"),
                buy("a", "X", date("2024-06-10"), 100, "700")));

        // 40 shares sold for 300 at a basis of 400: the whole 100 loss moves to 40 new shares
        assertThat(r.lots()).extracting(Lot::lotId, Lot::quantity, Lot::basis,
                Lot::adjustedBasis, Lot::replacementOf).containsExactly(
                tuple("L1", 60L, usd("600.00"), usd("600.00"), null),
                tuple("L1.1", 40L, usd("400.00"), usd("400.00"), null),
                tuple("L2", 60L, usd("420.00"), usd("420.00"), null),
                tuple("L2.1", 40L, usd("280.00"), usd("380.00"), "L1.1"));
        assertThat(lot(r, "L2").adjustedBuyDate()).isEqualTo(date("2024-06-10"));
        assertThat(lot(r, "L1.1").gain()).isEqualTo(usd("0.00"));
    }

    @Test
    void fortyReplacementSharesForAHundredSoldDisallowFortyPercent() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-01-02"), 100, "1000"),
                sell("a", "X", date("2024-06-03"), 100, "100"),
                buy("a", "X", date("2024-06-10"), 40, "40")));

        assertThat(lot(r, "L1").washSaleDisallowed()).isEqualTo(usd("360.00"));
        assertThat(lot(r, "L1").gain()).isEqualTo(usd("-540.00"));
        assertThat(lot(r, "L2").adjustedBasis()).isEqualTo(usd("400.00"));
    }

    @Test
    void aReplacementShareReplacesOnlyOnce() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-01-02"), 100, "1000"),
                buy("a", "X", date("2024-01-03"), 100, "1000"),
                sell("a", "X", date("2024-06-03"), 100, "800"),
                sell("a", "X", date("2024-06-04"), 100, "800"),
                buy("a", "X", date("2024-06-10"), 100, "800")));

        // the first loss sale takes all 100 new shares; the second loss stays deductible
        assertThat(r.washSales()).extracting(WashSale::soldLotId, WashSale::replacementLotId)
                .containsExactly(tuple("L1", "L3"));
        assertThat(lot(r, "L2").gain()).isEqualTo(usd("-200.00"));
        assertThat(lot(r, "L3").adjustedBasis()).isEqualTo(usd("1000.00"));
    }

    @Test
    void theRestOfTheSameBuyIsNoReplacementForItsOwnSale() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-01-02"), 100, "1000"),
                sell("a", "X", date("2024-01-15"), 40, "300")));

        assertThat(r.washSales()).isEmpty();
        assertThat(lot(r, "L1.1").gain()).isEqualTo(usd("-100.00"));
    }

    @Test
    void sharesSoldInTheSameSaleAreNoReplacements() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-01-02"), 100, "1000"),
                buy("a", "X", date("2024-01-10"), 100, "1000"),
                sell("a", "X", date("2024-01-20"), 200, "1600")));

        assertThat(r.washSales()).isEmpty();
        assertThat(r.realizedGain()).isEqualTo(usd("-400.00"));
    }

    @Test
    void otherAccountsAndTickersAreNotSubstantiallyIdentical() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-01-02"), 100, "1000"),
                sell("a", "X", date("2024-06-03"), 100, "800"),
                buy("b", "X", date("2024-06-10"), 100, "800"),
                buy("a", "Y", date("2024-06-10"), 100, "800")));

        assertThat(r.washSales()).isEmpty();
    }

    @Test
    void theCarriedHoldingPeriodCanMakeTheReplacementLongTerm() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2023-01-02"), 100, "1000"),
                sell("a", "X", date("2023-12-01"), 100, "900"),
                buy("a", "X", date("2023-12-15"), 100, "900"),
                sell("a", "X", date("2024-02-01"), 100, "1100")));

        // held 333 days, so the replacement counts from 2023-01-16: long term on 2024-02-01
        assertThat(lot(r, "L2")).satisfies(l -> {
            assertThat(l.adjustedBuyDate()).isEqualTo(date("2023-01-16"));
            assertThat(l.adjustedBasis()).isEqualTo(usd("1000.00"));
            assertThat(l.gain()).isEqualTo(usd("100.00"));
            assertThat(l.term()).isEqualTo(Term.LONG);
        });
        assertThat(r.realizedGain()).isEqualTo(usd("100.00"));
    }

    @Test
    void aReplacementSoldAtALossPassesItsDisallowedLossOn() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "X", date("2024-03-01"), 100, "1000"),
                sell("a", "X", date("2024-06-03"), 100, "750"),
                buy("a", "X", date("2024-06-20"), 100, "800"),
                sell("a", "X", date("2024-07-01"), 100, "700"),
                buy("a", "X", date("2024-07-15"), 100, "700"),
                sell("a", "X", date("2024-09-16"), 100, "900")));

        // L2's loss is 1050 − 700 = 350, all of it carried to L3 (700 + 350)
        assertThat(lot(r, "L2").washSaleDisallowed()).isEqualTo(usd("350.00"));
        assertThat(lot(r, "L3").adjustedBasis()).isEqualTo(usd("1050.00"));
        assertThat(lot(r, "L3").gain()).isEqualTo(usd("-150.00"));
        assertThat(r.realizedGain()).isEqualTo(usd("-150.00"))
                .isEqualTo(usd("2350.00").subtract(usd("2500.00")));
    }
}
