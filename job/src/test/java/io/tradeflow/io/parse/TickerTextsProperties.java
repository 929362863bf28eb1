package io.tradeflow.io.parse;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.util.ArrayList;
import java.util.List;

/** The parser's one instance of each ticker's text ({@link TickerTexts}). */
class TickerTextsProperties {
    @Property
    @Label("a line's ticker is its text, and the same instance at every line that names it")
    void sameTextSameInstance(@ForAll @Size(min = 1, max = 40) List<@AlphaChars @NumericChars
            @StringLength(min = 1, max = 6) String> tickers,
            @ForAll @Size(max = 5) List<@AlphaChars @StringLength(min = 1, max = 6) String> seeds) {
        TickerTexts texts = new TickerTexts(seeds.isEmpty() ? null : seeds);
        List<String> first = new ArrayList<>();
        for (String t : tickers) {
            first.add(texts.of(t + ",2025-01-02T09:31:00Z,1,1,1,1,1", t.length()));
        }
        for (int i = 0; i < tickers.size(); i++) {
            String again = texts.of(tickers.get(i) + ",x", tickers.get(i).length());
            assertThat(again).isEqualTo(tickers.get(i)).isSameAs(first.get(i));
            for (String seed : seeds) {
                if (seed.equals(tickers.get(i))) {
                    assertThat(again).isSameAs(seed); // the first of equal seeds is the one kept
                    break;
                }
            }
        }
    }
}
