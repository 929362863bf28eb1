package io.tradeflow.rules.options;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Properties of OCC symbols over random roots, expiries 2000-2099, strikes and rights. */
@Label("OCC symbol properties")
class OptionContractProperties {

    @Provide
    Arbitrary<OptionContract> contracts() {
        Arbitrary<String> roots = Arbitraries.strings().withCharRange('A', 'Z')
                .withCharRange('0', '9').ofMinLength(1).ofMaxLength(6);
        Arbitrary<LocalDate> expiries = Arbitraries.longs()
                .between(LocalDate.of(2000, 1, 1).toEpochDay(),
                        LocalDate.of(2099, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Arbitrary<Long> strikes = Arbitraries.longs().between(1, 99_999_999L);
        return Combinators.combine(roots, expiries, strikes, Arbitraries.of(OptionRight.class))
                .as(OptionContract::new);
    }

    @Property
    void parsingTheSymbolGivesTheContractBack(@ForAll("contracts") OptionContract c) {
        String symbol = c.occSymbol();

        assertThat(symbol).hasSize(21);
        assertThat(OptionContract.parseOcc(symbol)).isEqualTo(c);
    }

    @Property
    void theSymbolIsRootPaddedDateRightAndStrikeDigits(@ForAll("contracts") OptionContract c) {
        String symbol = c.occSymbol();

        assertThat(symbol.substring(0, 6).stripTrailing()).isEqualTo(c.underlying());
        assertThat(symbol.substring(6, 12)).isEqualTo(
                c.expiry().format(DateTimeFormatter.ofPattern("yyMMdd")));
        assertThat(symbol.charAt(12)).isEqualTo(c.right() == OptionRight.CALL ? 'C' : 'P');
        assertThat(Long.parseLong(symbol.substring(13))).isEqualTo(c.strikeThousandths());
        assertThat(c.strike().movePointRight(3).longValueExact()).isEqualTo(c.strikeThousandths());
    }
}
