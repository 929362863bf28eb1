package io.tradeflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.AccountConfig;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.List;

/**
 * A decision trace's repeated parts are the same text whether written afresh or reused: over any
 * sequence of account states, repeats and changes mixed (a decimal's scale, a count, the account
 * itself), the reused account section equals a fresh one for every state; over any sequence of
 * gate results (a rule's result or detail changing, or not), so does each gate's entry.
 */
class AccountSectionProperties {
    private static final AccountConfig INTRADAY = EngineFixtures.settings(AccountConfig.INTRADAY)
            .accounts().get(0);
    private static final AccountConfig SWING = EngineFixtures.settings(AccountConfig.SWING)
            .accounts().get(0);

    record State(AccountConfig account, Ledger ledger, AccountBook.Portfolio portfolio,
            RiskState risk) {}

    @Property(tries = 200)
    void reusedTextEqualsAFreshOne(@ForAll("sequences") List<State> states) {
        DecisionTrace.AccountSection reused = new DecisionTrace.AccountSection();
        for (State s : states) {
            assertThat(reused.text(s.account(), s.ledger(), s.portfolio(), s.risk()))
                    .isEqualTo(new DecisionTrace.AccountSection().text(s.account(), s.ledger(),
                            s.portfolio(), s.risk()));
        }
    }

    record Gate(String rule, boolean pass, String detail) {}

    @Property(tries = 200)
    void reusedGateEntryEqualsAFreshOne(@ForAll("gateSequences") List<Gate> gates) {
        DecisionTrace.Repeats reused = new DecisionTrace.Repeats();
        for (Gate g : gates) {
            assertThat(reused.gate(g.rule(), g.pass(), g.detail()))
                    .isEqualTo(new DecisionTrace.Repeats().gate(g.rule(), g.pass(), g.detail()))
                    .contains("\"rule\":\"" + g.rule() + "\"");
        }
    }

    @Provide
    Arbitrary<List<Gate>> gateSequences() {
        Arbitrary<Gate> gate = Combinators.combine(Arbitraries.of("R-SIG-4", "R-CB-3", "R-DAY-1"),
                Arbitraries.of(true, false), Arbitraries.of("no stop-out cluster",
                        "action buy, mode live_eligible", "say \"no\"", "").injectNull(0.2))
                .as(Gate::new);
        // few distinct results, so that sequences repeat them
        return gate.list().ofMinSize(1).ofMaxSize(6).flatMap(pool ->
                Arbitraries.of(pool).list().ofMinSize(1).ofMaxSize(30));
    }

    @Provide
    Arbitrary<List<State>> sequences() {
        Arbitrary<BigDecimal> money = Arbitraries.of(new BigDecimal("100000"),
                new BigDecimal("100000.00"), new BigDecimal("99875.5000"), BigDecimal.ZERO);
        Arbitrary<Ledger> ledger = Combinators.combine(money, money,
                Arbitraries.of(0L, 1L).injectNull(0.5)).as((c, p, sweep) -> new Ledger(c, p,
                        null, sweep));
        Arbitrary<AccountBook.Portfolio> portfolio = Combinators.combine(
                Arbitraries.of(100000.0, 100000.5, -0.0, 0.0), Arbitraries.of(100000.0, 5e4),
                Arbitraries.of(1e5, 0.1 + 0.2), Arbitraries.integers().between(0, 2))
                .as(AccountBook.Portfolio::new);
        Arbitrary<RiskState> risk = Combinators.combine(Arbitraries.of("moderate", "aggressive"),
                money, Arbitraries.of(1e5, 1.25e5), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1)).as((tier, reserve, high, entries, losses) ->
                        new RiskState(tier, reserve, high, "2011-01-03", 1e5, entries, losses,
                                false, false, 0, null));
        Arbitrary<State> state = Combinators.combine(Arbitraries.of(INTRADAY, SWING), ledger,
                portfolio, risk).as(State::new);
        // few distinct states, so that sequences repeat them
        return state.list().ofMinSize(1).ofMaxSize(6).flatMap(pool ->
                Arbitraries.of(pool).list().ofMinSize(1).ofMaxSize(30));
    }
}
