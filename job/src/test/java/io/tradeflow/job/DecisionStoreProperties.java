package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Decision;
import io.tradeflow.io.out.OutputKind;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Collected decisions are the same whether their rows stay in memory or partly go to disk
 * ({@link DecisionStore}), and whether each account's are kept in order as they arrive or sorted
 * at the end: the list in the kind's order (a stable sort's), the same counts, byte-identical
 * result files, and the same file as a plain list of the decisions makes, whose cells are
 * rendered when it is written (the store renders them on arrival, the run id left for the file).
 */
class DecisionStoreProperties {
    /** A run id the file quotes: the store leaves a place for it in each row. */
    private static final String RUN = "run \"1\", a";

    @Property(tries = 60)
    void spillingChangesNothing(@ForAll("decisions") List<Decision> decisions,
            @ForAll @LongRange(min = 0, max = 4_000) long budget,
            @ForAll @IntRange(min = 0, max = 6) int placedWithin) throws Exception {
        Collected inMemory = collect(decisions, Long.MAX_VALUE, DecisionStore.PLACED_WITHIN);
        // and an account's decisions sorted at the end once one arrives far from its place
        Collected spilled = collect(decisions, budget, placedWithin);

        List<Decision> ordered = decisions.stream()
                .sorted(OutputKind.DECISION.<Decision>spec().order()).toList();
        assertThat(inMemory.decisions()).isEqualTo(ordered); // traces made again from cells
        assertThat(spilled.decisions()).isEqualTo(ordered);
        assertThat(spilled.decisionsByReason()).isEqualTo(inMemory.decisionsByReason())
                .isEqualTo(decisions.stream().collect(Collectors.groupingBy(
                        d -> d.decision() + (d.reason() == null ? "" : " " + d.reason()),
                        TreeMap::new, Collectors.counting())));
        Path dir = Files.createTempDirectory("decision-store");
        ResultFiles.write(dir.resolve("memory"), RUN, "BATCH", inMemory);
        ResultFiles.write(dir.resolve("spilled"), RUN, "BATCH", spilled);
        assertThat(Files.readAllBytes(dir.resolve("spilled/decisions.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("memory/decisions.csv")));
        // both copy the rows rendered on arrival: the file of a plain list renders at the end
        Path plain = dir.resolve("plain.csv");
        try (CsvBytes csv = CsvBytes.create(plain)) {
            ResultFiles.write(csv, OutputKind.DECISION.<Decision>spec(),
                    List.copyOf(inMemory.decisions()), RUN);
        }
        assertThat(Files.readAllBytes(dir.resolve("memory/decisions.csv")))
                .isEqualTo(Files.readAllBytes(plain));
        assertThat(spilled.decisionsWithoutTraces())
                .allSatisfy(d -> assertThat(d.trace()).isNull());
        assertThat(spilled.decisionsWithoutTraces()).extracting(Decision::id)
                .isEqualTo(spilled.decisions().stream().map(Decision::id).toList());
    }

    private static Collected collect(List<Decision> decisions, long budget, int placedWithin) {
        Collected.Builder b = new Collected.Builder(budget, placedWithin);
        decisions.forEach(d -> b.add(AccountOutput.of(d)));
        return b.build(0, 0, 0);
    }

    /**
     * Decisions in arrival order (not the kind's), traces of any Unicode text (as Jackson writes
     * it: no lone surrogate) or none, some of them on an option contract.
     */
    @Provide
    Arbitrary<List<Decision>> decisions() {
        Arbitrary<String> trace = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(600),
                Arbitraries.of("{", "}", "\"", ":", ",", "é", "€", "𝄞", "ab", "\n").list()
                        .ofMaxSize(200).map(t -> String.join("", t)));
        Arbitrary<String> instrument = Arbitraries.of("SPY250620C00600000").injectNull(0.5);
        Arbitrary<Double> price = Arbitraries.doubles().between(0.01, 1e6).injectNull(0.4);
        Arbitrary<String> recommendation =
                Arbitraries.of("rec", "rec,\"2\"", "r\né").injectNull(0.2);
        return Combinators.combine(Arbitraries.longs().between(0, 50),
                        Arbitraries.of("a1", "a2", "a3"), Arbitraries.of("act", "skip"),
                        Arbitraries.of("R-DAY-1", "R-WIN-1", "R-SIG-1").injectNull(0.3), trace,
                        instrument, price, recommendation)
                .as((ts, account, decision, reason, t, option, limit, rec) -> new Decision(null,
                        account, rec, "SPY", 1_749_562_200_000L + ts * 60_000, "buy", decision,
                        reason, ts.intValue(), limit, limit == null ? null : limit * 0.95, null,
                        "moderate", t, option))
                .list().ofMaxSize(40).map(DecisionStoreProperties::withIds);
    }

    private static List<Decision> withIds(List<Decision> ds) {
        java.util.ArrayList<Decision> out = new java.util.ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            Decision d = ds.get(i);
            out.add(new Decision("d" + i, d.account(), d.recommendationId(), d.ticker(), d.ts(),
                    d.action(), d.decision(), d.reason(), d.quantity(), d.limitPrice(),
                    d.stopPrice(), d.targetPrice(), d.tier(), d.trace(), d.instrument()));
        }
        return out;
    }
}
