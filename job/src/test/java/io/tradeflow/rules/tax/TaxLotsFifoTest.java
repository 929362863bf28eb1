package io.tradeflow.rules.tax;

import static io.tradeflow.rules.tax.Execution.buy;
import static io.tradeflow.rules.tax.Execution.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Examples of R-TAX-1: every buy opens a lot; sales close lots FIFO, splitting the last one. */
@DisplayName("R-TAX-1 FIFO tax lots")
class TaxLotsFifoTest {
    static final LocalDate JAN_2 = LocalDate.of(2024, 1, 2);

    static BigDecimal usd(String s) {
        return new BigDecimal(s);
    }

    static Lot lot(TaxLots.Result r, String id) {
        return r.lots().stream().filter(l -> l.lotId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyBuyOpensALot() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "SPY", JAN_2, 10, "4700"),
                buy("a", "SPY", JAN_2.plusDays(1), 5, "2400.5")));

        assertThat(r.lots()).extracting(Lot::lotId, Lot::quantity, Lot::basis, Lot::isOpen)
                .containsExactly(
                        tuple("L1", 10L, usd("4700.00"), true),
                        tuple("L2", 5L, usd("2400.50"), true));
        assertThat(lot(r, "L1")).satisfies(l -> {
            assertThat(l.sellDate()).isNull();
            assertThat(l.proceeds()).isNull();
            assertThat(l.gain()).isNull();
            assertThat(l.washSaleDisallowed()).isNull();
            assertThat(l.adjustedBasis()).isEqualTo(l.basis());
            assertThat(l.adjustedBuyDate()).isEqualTo(JAN_2);
        });
        assertThat(r.washSales()).isEmpty();
    }

    @Test
    void aSaleClosesTheOldestLotFirst() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "SPY", JAN_2, 100, "1000"),
                buy("a", "SPY", LocalDate.of(2024, 2, 5), 100, "1200"),
                sell("a", "SPY", LocalDate.of(2024, 3, 4), 100, "1500")));

        assertThat(lot(r, "L1").sellDate()).isEqualTo(LocalDate.of(2024, 3, 4));
        assertThat(lot(r, "L1").proceeds()).isEqualTo(usd("1500.00"));
        assertThat(lot(r, "L1").gain()).isEqualTo(usd("500.00"));
        assertThat(lot(r, "L2").isOpen()).isTrue();
        assertThat(r.realizedGain()).isEqualTo(usd("500.00"));
    }

    @Test
    void aPartialSaleSplitsTheLotAndTheBasisToTheCent() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "SPY", JAN_2, 3, "10"),
                sell("a", "SPY", LocalDate.of(2024, 3, 4), 1, "5")));

        // 10.00 / 3 = 3.333… → 3.33 to the part sold, the remaining 6.67 stays with the lot
        assertThat(r.lots()).extracting(Lot::lotId).containsExactly("L1", "L1.1");
        assertThat(lot(r, "L1.1")).satisfies(l -> {
            assertThat(l.quantity()).isEqualTo(1);
            assertThat(l.basis()).isEqualTo(usd("3.33"));
            assertThat(l.gain()).isEqualTo(usd("1.67"));
            assertThat(l.buyDate()).isEqualTo(JAN_2);
        });
        assertThat(lot(r, "L1")).satisfies(l -> {
            assertThat(l.quantity()).isEqualTo(2);
            assertThat(l.basis()).isEqualTo(usd("6.67"));
            assertThat(l.isOpen()).isTrue();
        });
    }

    @Test
    void aSaleAcrossLotsSharesItsProceedsProRataToTheCent() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "SPY", JAN_2, 1, "20"),
                buy("a", "SPY", LocalDate.of(2024, 2, 5), 4, "80"),
                sell("a", "SPY", LocalDate.of(2024, 3, 4), 3, "100")));

        // 3 shares for 100.00: 33.33 for the share of L1, 66.67 for two of L2's four
        assertThat(r.lots()).extracting(Lot::lotId, Lot::quantity, Lot::proceeds)
                .containsExactly(tuple("L1", 1L, usd("33.33")),
                        tuple("L2", 2L, null),
                        tuple("L2.1", 2L, usd("66.67")));
        assertThat(lot(r, "L2.1").gain()).isEqualTo(usd("26.67"));
        assertThat(lot(r, "L2").basis()).isEqualTo(usd("40.00"));
    }

    @Test
    void accountsAndTickersKeepSeparateLots() {
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "SPY", JAN_2, 10, "100"),
                buy("b", "SPY", JAN_2.plusDays(1), 10, "200"),
                buy("a", "QQQ", JAN_2.plusDays(2), 10, "300"),
                sell("b", "SPY", LocalDate.of(2024, 3, 4), 10, "250")));

        assertThat(r.lots()).filteredOn(l -> !l.isOpen()).extracting(Lot::lotId, Lot::gain)
                .containsExactly(tuple("L2", usd("50.00")));
    }

    @Test
    void executionsAreTakenByDateAndInTheirOrderWithinADate() {
        LocalDate d = LocalDate.of(2024, 3, 4);
        TaxLots.Result r = TaxLots.of(List.of(sell("a", "SPY", d, 10, "150"),
                buy("a", "SPY", JAN_2, 10, "100"), buy("a", "SPY", d, 10, "120"),
                sell("a", "SPY", d, 10, "130")));

        // the second sale comes after the same-day buy, and FIFO gives it the second lot
        assertThat(r.lots()).extracting(Lot::lotId, Lot::gain).containsExactly(
                tuple("L1", usd("50.00")),
                tuple("L2", usd("10.00")));
    }

    @Test
    void sellingMoreThanHeldIsRefusedNamingTheSale() {
        List<Execution> es = List.of(buy("a", "SPY", JAN_2, 10, "100"),
                sell("a", "SPY", JAN_2.plusDays(5), 11, "120"));

        assertThatThrownBy(() -> TaxLots.of(es)).isInstanceOf(TaxLots.OversoldException.class)
                .hasMessage("sale of 11 SPY on 2024-01-07 exceeds the 10 held in account a")
                .satisfies(e -> assertThat(((TaxLots.OversoldException) e).index()).isEqualTo(1));
    }

    @Test
    void aLotHeldMoreThanOneYearIsLongTerm() {
        assertThat(Term.of(JAN_2, LocalDate.of(2025, 1, 2))).isEqualTo(Term.SHORT);
        assertThat(Term.of(JAN_2, LocalDate.of(2025, 1, 3))).isEqualTo(Term.LONG);
        TaxLots.Result r = TaxLots.of(List.of(buy("a", "SPY", JAN_2, 2, "100"),
                sell("a", "SPY", LocalDate.of(2025, 1, 2), 1, "60"),
                sell("a", "SPY", LocalDate.of(2025, 1, 3), 1, "60")));
        assertThat(r.lots()).extracting(Lot::lotId, Lot::term).containsExactly(
                tuple("L1", Term.LONG),
                tuple("L1.1", Term.SHORT));
    }

    @Test
    void amountsAreBookedInCents() {
        assertThat(buy("a", "SPY", JAN_2, 1, "10.005").amount()).isEqualTo(usd("10.00"));
        assertThat(buy("a", "SPY", JAN_2, 1, "10.015").amount()).isEqualTo(usd("10.02"));
        assertThatThrownBy(() -> buy("a", "SPY", JAN_2, 0, "1"))
                .hasMessageContaining("quantity must be > 0");
    }
}
