package io.tradeflow.rules.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

/**
 * Examples of R-POOL-1: each profitable close moves 20 % of the realized profit to the reserve,
 * at scale 4, HALF_EVEN; a loss moves nothing.
 */
@DisplayName("R-POOL-1 reserve siphon")
class ReserveSiphonTest {
    private static final double PCT = RiskParams.SWING.reserveSiphonPct();

    @ParameterizedTest(name = "profit {0} × {1} ⇒ {2}")
    @CsvSource({
        "1000.00, 0.20, 200.0000",
        "0.01, 0.20, 0.0020",
        "123.45, 0.20, 24.6900",
        "1.23456, 0.20, 0.2469",
        // exactly half a unit of the fourth decimal rounds to even
        "0.0005, 0.5, 0.0002",
        "0.0007, 0.5, 0.0004",
        "0, 0.20, 0.0000",
        "-250.00, 0.20, 0.0000",
        "500.00, 0, 0.0000",
        "500.00, -0.1, 0.0000",
    })
    void siphonsTheShareOfAProfit(BigDecimal profit, double pct, BigDecimal expected) {
        BigDecimal s = ReservePool.siphon(profit, pct);

        assertThat(s).isEqualTo(expected);
        assertThat(s.scale()).isEqualTo(4);
    }

    @Test
    void aMissingProfitSiphonsNothing() {
        assertThat(ReservePool.siphon(null, PCT)).isEqualTo(ReservePool.ZERO);
    }

    @Test
    void addsTheSiphonToTheBalance() {
        BigDecimal before = new BigDecimal("1500.2500");
        BigDecimal s = ReservePool.siphon(new BigDecimal("333.33"), PCT);

        assertThat(s).isEqualTo("66.6660");
        assertThat(ReservePool.balanceAfter(before, s)).isEqualTo("1566.9160");
        assertThat(ReservePool.balanceAfter(before, before.negate())).isEqualTo("0.0000");
    }
}
