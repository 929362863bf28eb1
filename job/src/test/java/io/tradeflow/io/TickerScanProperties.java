package io.tradeflow.io;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The byte scan of the default universe ({@link BarFiles.TickerScan}) finds the tickers that
 * reading the file line by line as text finds, whatever the buffer size, line breaks, last line
 * and characters: the first field of CSV lines, the last of daily lines, header skipped.
 */
class TickerScanProperties {

    @Property(tries = 400)
    void findsWhatReadingLinesAsTextFinds(@ForAll("files") String file,
            @ForAll boolean firstField, @ForAll @IntRange(min = 1, max = 64) int buffer)
            throws Exception {
        List<String> scanned = new ArrayList<>();
        new BarFiles.TickerScan(firstField, buffer).scan(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), scanned::add);
        // each once: decoded the first time its bytes occur
        assertThat(scanned).as(file).containsExactlyElementsOf(byLines(file, firstField));
    }

    /** Thousands of tickers taking turns line by line, as a replay's file has them. */
    @Example
    void findsEachOfManyTickersOnce() throws Exception {
        StringBuilder file = new StringBuilder("ticker,ts\n");
        for (int round = 0; round < 3; round++) {
            for (int t = 0; t < 3_000; t++) {
                file.append('T').append(t).append(",2011-01-03T09:0").append(round).append("Z\n");
            }
        }
        List<String> scanned = new ArrayList<>();
        new BarFiles.TickerScan(true).scan(new ByteArrayInputStream(
                file.toString().getBytes(StandardCharsets.UTF_8)), scanned::add);
        assertThat(scanned).hasSize(3_000)
                .containsExactlyElementsOf(byLines(file.toString(), true));
    }

    /** The reference: the distinct ticker fields of every line but the first, in order. */
    private static Set<String> byLines(String file, boolean firstField) throws Exception {
        Set<String> found = new LinkedHashSet<>();
        try (BufferedReader r = new BufferedReader(new StringReader(file))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                int comma = firstField ? line.indexOf(',') : line.lastIndexOf(',');
                if (comma >= 0) {
                    found.add(firstField ? line.substring(0, comma) : line.substring(comma + 1));
                }
            }
        }
        return found;
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> field = Arbitraries.strings().withChars("AZ09.^- é€")
                .ofMinLength(0).ofMaxLength(6);
        Arbitrary<String> line = field.list().ofMinSize(1).ofMaxSize(4)
                .map(fields -> String.join(",", fields));
        Arbitrary<String> breaks = Arbitraries.of("\n", "\r\n");
        return line.list().ofMinSize(0).ofMaxSize(12).flatMap(lines ->
                breaks.list().ofSize(lines.size()).flatMap(ends -> Arbitraries.of(true, false)
                        .map(lastBreak -> join(lines, ends, lastBreak))));
    }

    private static String join(List<String> lines, List<String> ends, boolean lastBreak) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            parts.add(lines.get(i));
            if (i < lines.size() - 1 || lastBreak) {
                parts.add(ends.get(i));
            }
        }
        return String.join("", parts);
    }
}
