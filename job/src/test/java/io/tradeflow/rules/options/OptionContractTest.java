package io.tradeflow.rules.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Examples of option contracts and their OCC symbols, known symbols and malformed ones. */
class OptionContractTest {

    @Test
    void writesTheOccSymbolOfASpyCall() {
        OptionContract c = OptionContract.of("SPY", LocalDate.of(2011, 1, 3), OptionRight.CALL,
                new BigDecimal("127"));

        assertThat(c.occSymbol()).isEqualTo("SPY   110103C00127000");
        assertThat(c.multiplier()).isEqualTo(100);
        assertThat(c.strikeThousandths()).isEqualTo(127_000L);
    }

    @Test
    void readsAKnownAaplPutWithAHalfDollarStrike() {
        OptionContract c = OptionContract.parseOcc("AAPL  240119P00185500");

        assertThat(c).isEqualTo(new OptionContract("AAPL", LocalDate.of(2024, 1, 19), 185_500L,
                OptionRight.PUT, 100));
        assertThat(c.strike()).isEqualByComparingTo("185.5");
        assertThat(c.strikePrice()).isEqualTo(185.5);
    }

    @ParameterizedTest
    @CsvSource({
        "'SPXW  231215C04500000', SPXW, 2023-12-15, 4500000, CALL",
        "'QQQ   250321P00480000', QQQ, 2025-03-21, 480000, PUT",
        "'F     260116C00012500', F, 2026-01-16, 12500, CALL",
        "'BRKB1 240621P00400000', BRKB1, 2024-06-21, 400000, PUT",
        "'GOOGL 241018C00167500', GOOGL, 2024-10-18, 167500, CALL",
        "'ABCDEF991231P99999999', ABCDEF, 2099-12-31, 99999999, PUT"
    })
    void readsKnownSymbolsAndWritesThemBack(String symbol, String root, LocalDate expiry,
            long strike, OptionRight right) {
        OptionContract c = OptionContract.parseOcc(symbol);

        assertThat(c).isEqualTo(new OptionContract(root, expiry, strike, right));
        assertThat(c.occSymbol()).isEqualTo(symbol);
    }

    @Test
    void equalStrikesAreEqualContractsWhateverTheirScale() {
        LocalDate d = LocalDate.of(2024, 1, 19);

        assertThat(OptionContract.of("AAPL", d, OptionRight.PUT, new BigDecimal("185.5")))
                .isEqualTo(OptionContract.of("AAPL", d, OptionRight.PUT,
                        new BigDecimal("185.500")));
    }

    @Test
    void rejectsAStrikeFinerThanAThousandth() {
        assertThatThrownBy(() -> OptionContract.of("SPY", LocalDate.of(2024, 1, 19),
                OptionRight.CALL, new BigDecimal("100.0005")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thousandths").hasMessageContaining("100.0005");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SPY110103C00127000        | it has 18 characters, not 21",
        "'SPY   110103C001270000'  | it has 22 characters, not 21",
        "'      110103C00127000'   | the root '      ' is not 1 to 6",
        "' SPY  110103C00127000'   | the root ' SPY  ' is not 1 to 6",
        "'spy   110103C00127000'   | the root 'spy   ' is not 1 to 6",
        "'SPY   11013 C00127000'   | the expiry '11013 ' is not six digits yyMMdd",
        "'SPY   110230C00127000'   | the expiry '110230' is not a date",
        "'SPY   111301C00127000'   | the expiry '111301' is not a date",
        "'SPY   110103X00127000'   | the right 'X' is not C or P",
        "'SPY   110103c00127000'   | the right 'c' is not C or P",
        "'SPY   110103C0012700A'   | the strike '0012700A' is not eight digits",
        "'SPY   110103C-0127000'   | the strike '-0127000' is not eight digits",
        "'SPY   110103C00000000'   | the strike is zero"
    })
    void rejectsMalformedSymbolsSayingWhichPartIsWrong(String symbol, String why) {
        assertThatThrownBy(() -> OptionContract.parseOcc(symbol))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed OCC symbol '" + symbol + "': ")
                .hasMessageContaining(why);
    }

    @Test
    void rejectsAMissingSymbol() {
        assertThatThrownBy(() -> OptionContract.parseOcc(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    @Test
    void rejectsContractsNoOccSymbolCanCarry() {
        LocalDate d = LocalDate.of(2024, 1, 19);

        assertThatThrownBy(() -> new OptionContract("TOOLONG", d, 1000, OptionRight.CALL))
                .hasMessageContaining("underlying");
        assertThatThrownBy(() -> new OptionContract("SPY", LocalDate.of(1999, 12, 17), 1000,
                OptionRight.CALL)).hasMessageContaining("2000-2099");
        assertThatThrownBy(() -> new OptionContract("SPY", d, 0, OptionRight.CALL))
                .hasMessageContaining("strike");
        assertThatThrownBy(() -> new OptionContract("SPY", d, 100_000_000L, OptionRight.CALL))
                .hasMessageContaining("99999.999");
        assertThatThrownBy(() -> new OptionContract("SPY", d, 1000, null))
                .hasMessageContaining("right");
        assertThatThrownBy(() -> new OptionContract("SPY", d, 1000, OptionRight.PUT, 0))
                .hasMessageContaining("multiplier");
    }

    @Test
    void namesRightsByLetterAndByWord() {
        assertThat(OptionRight.parse(" Call ")).isEqualTo(OptionRight.CALL);
        assertThat(OptionRight.parse("put")).isEqualTo(OptionRight.PUT);
        assertThat(OptionRight.ofCode('P')).isEqualTo(OptionRight.PUT);
        assertThatThrownBy(() -> OptionRight.parse("straddle"))
                .hasMessage("option right must be call or put, not 'straddle'");
    }
}
