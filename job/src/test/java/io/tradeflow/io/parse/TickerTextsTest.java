package io.tradeflow.io.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.io.RawRecord;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

/** The parser's one instance of each ticker's text, shipped to a task. */
class TickerTextsTest {
    @Test
    @DisplayName("a parser shipped to a task hands out its context's own ticker instances, so the "
            + "known-ticker check finds them by reference")
    void seededAfterShipping() throws Exception {
        ParseContext ctx = new ParseContext(null, Set.of("SPY", "QQQ"), java.util.Map.of(),
                ParseContext.DEFAULT_MAX_FUTURE_SKEW_MS);
        BarParser shipped = InstantiationUtil.clone(new BarParser(ctx, BarParser.Format.CSV));

        Bar spy = shipped.parse(line("SPY,2025-01-02T14:31:00Z,590,591,589,590.5,100")).value();
        Bar qqq = shipped.parse(line("QQQ,2025-01-02T14:31:00Z,510,511,509,510.5,100")).value();

        Set<String> known = shippedTickers(shipped);
        assertThat(known).anySatisfy(t -> assertThat(t).isSameAs(spy.ticker()));
        assertThat(known).anySatisfy(t -> assertThat(t).isSameAs(qqq.ticker()));
        assertThat(shipped.parse(line("IWM,2025-01-02T14:31:00Z,220,221,219,220.5,100"))
                .deadLetter().reason()).isEqualTo("unknown_ticker");
    }

    private static RawRecord line(String text) {
        return new RawRecord("bars.csv", "2", Long.MIN_VALUE, text);
    }

    private static Set<String> shippedTickers(BarParser parser) throws Exception {
        var ctxField = BarParser.class.getDeclaredField("ctx");
        ctxField.setAccessible(true);
        return ((ParseContext) ctxField.get(parser)).tickers();
    }
}
