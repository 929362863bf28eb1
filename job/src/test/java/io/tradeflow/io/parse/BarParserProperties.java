package io.tradeflow.io.parse;

import io.tradeflow.event.Bar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-pass reading of a CSV bar line makes the bar the cells' reading makes, or leaves it. */
class BarParserProperties {
    private final BarParser parser = new BarParser(Fixtures.ANY, BarParser.Format.CSV);

    /** Whatever the line, a bar read in one pass is the bar the cells make, never a rejection. */
    @Property(tries = 20_000)
    void onePassIsTheCells(@ForAll("lines") String line) {
        Bar fast = parser.plainCsv(line);
        if (fast != null) {
            assertThat(parser.cellsCsv(line)).as(line).isEqualTo(fast);
        }
    }

    /** Both kinds of line come often enough for the property above to say something. */
    @Property(tries = 20_000)
    void bothPathsAreTried(@ForAll("lines") String line) {
        Statistics.collect(parser.plainCsv(line) != null ? "one pass" : "cells");
        Statistics.coverage(c -> {
            c.check("one pass").percentage(p -> p > 2);
            c.check("cells").percentage(p -> p > 50);
        });
    }

    /** A plain line is read in one pass, with its values, and its ticker's one instance. */
    @Property(tries = 5_000)
    void plainLinesAreReadInOnePass(@ForAll("tickers") String ticker,
            @ForAll("prices") String open, @ForAll("prices") String close,
            @ForAll("volumes") String volume) {
        String line = ticker + ",2011-01-03T09:31:00-05:00," + open + "," + open + "," + close
                + "," + close + "," + volume;
        Bar bar = parser.plainCsv(line);
        assertThat(bar).as(line).isNotNull();
        assertThat(bar).isEqualTo(new Bar(ticker, 1_294_065_060_000L, Double.parseDouble(open),
                Double.parseDouble(open), Double.parseDouble(close), Double.parseDouble(close),
                Long.parseLong(volume)));
        assertThat(parser.plainCsv(line).ticker()).isSameAs(bar.ticker());
    }

    @Provide
    Arbitrary<String> tickers() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ.-0123456789")
                .ofMinLength(1).ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> prices() {
        return Arbitraries.doubles().between(0.0001, 100_000).ofScale(4)
                .map(d -> String.format(Locale.ROOT, "%.4f", d));
    }

    @Provide
    Arbitrary<String> volumes() {
        return Arbitraries.longs().between(0, 10_000_000_000L).map(v -> Long.toString(v));
    }

    /** Lines of 5-8 cells from plain and odd cells: padded, quoted, signed, exponents, epochs. */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> ticker = Arbitraries.oneOf(tickers(), Arbitraries.of("", " T0", "T0 ",
                "\"T0\"", "T\"0", "ticker", "Ä", "T\t0"));
        Arbitrary<String> ts = Arbitraries.oneOf(ScanProperties.two(0, 3).map(
                d -> "2011-01-" + d + "T09:31:00Z"), Arbitraries.of("2011-01-03T09:31:00-05:00",
                "2011-01-03T09:31:00+05:30", "1294065060000", "ts", "", " 2011-01-03T09:31:00Z",
                "2011-02-30T09:31:00Z", "2011-01-03T24:00:00Z", "2011-01-03 09:31:00Z"));
        Arbitrary<String> number = Arbitraries.oneOf(prices(), volumes(), Arbitraries.of("",
                "-1", "-0", "+2", "1e3", " 1.5", "1.5 ", "NaN", "Infinity", ".5", "5.", "1.2.3",
                "12345678901234567", "0", "\"1\"", "open", "volume"));
        Arbitrary<List<String>> cells = Combinators.combine(ticker, ts, number, number, number,
                number, number).as((t, time, o, h, l, c, v) -> List.of(t, time, o, h, l, c, v));
        return Arbitraries.frequencyOf(
                Tuple.of(6, cells.map(c -> String.join(",", c))),
                Tuple.of(1, cells.map(c -> String.join(",", c.subList(0, 6)))),
                Tuple.of(1, cells.map(c -> String.join(",", c) + "," + c.get(6))),
                Tuple.of(1, Arbitraries.of(String.join(",", BarParser.CSV_HEADER),
                        "TICKER,TS,OPEN,HIGH,LOW,CLOSE,VOLUME")));
    }
}
