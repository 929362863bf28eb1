package io.tradeflow.rules.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UpperChars;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

@Label("R-REC-2 reconciliation properties")
class ReconcileCheckProperties {

    @Property
    @Label("R-REC-2: a book compared with itself matches; zero entries are not holdings")
    void aBookMatchesItself(@ForAll @Size(max = 8) Map<@UpperChars @StringLength(min = 1,
            max = 4) String, @IntRange(min = -1000, max = 1000) Integer> held,
            @ForAll @IntRange(min = 0, max = 10_000_000) int cents) {
        Map<String, Long> book = new TreeMap<>();
        held.forEach((t, q) -> book.put(t, (long) q));
        Map<String, Long> broker = new HashMap<>();
        book.forEach((t, q) -> {
            if (q != 0) {
                broker.put(t, q);
            }
        });
        BigDecimal cash = BigDecimal.valueOf(cents, 2);
        var r = ReconcileCheck.compare(book, cash, broker, cash, 0.0);
        assertThat(r.differences()).isEmpty();
        assertThat(r.mismatch()).isFalse();
    }

    @Property
    @Label("R-REC-2: the differences are exactly the tickers whose quantities differ, and "
            + "swapping the sides swaps them")
    void differencesAreSymmetric(
            @ForAll @Size(max = 6) Map<@UpperChars @StringLength(min = 1, max = 3) String,
                    @IntRange(min = -50, max = 50) Integer> a,
            @ForAll @Size(max = 6) Map<@UpperChars @StringLength(min = 1, max = 3) String,
                    @IntRange(min = -50, max = 50) Integer> b) {
        Map<String, Long> book = new TreeMap<>();
        a.forEach((t, q) -> book.put(t, (long) q));
        Map<String, Long> broker = new TreeMap<>();
        b.forEach((t, q) -> broker.put(t, (long) q));
        var r = ReconcileCheck.compare(book, BigDecimal.ZERO, broker, BigDecimal.ZERO, 1.0);
        var swapped = ReconcileCheck.compare(broker, BigDecimal.ZERO, book, BigDecimal.ZERO, 1.0);
        TreeSet<String> tickers = new TreeSet<>(book.keySet());
        tickers.addAll(broker.keySet());
        long expected = tickers.stream().filter(t -> book.getOrDefault(t, 0L).longValue()
                != broker.getOrDefault(t, 0L).longValue()).count();
        assertThat(r.differences()).hasSize((int) expected);
        assertThat(r.mismatch()).isEqualTo(expected > 0);
        assertThat(swapped.differences()).extracting(d -> new ReconcileCheck.Difference(
                d.ticker(), d.broker(), d.book())).containsExactlyElementsOf(r.differences());
    }
}
