package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link CsvBytes} writes the rows RFC 4180 describes, in UTF-8: a cell with a separator, quote
 * or line break quoted and its quotes doubled, others as they are, {@code null} empty; whatever
 * the cells' characters and lengths (a trace is longer than the writer's buffer).
 */
class CsvBytesProperties {

    @Property(tries = 300)
    void writesRfc4180RowsInUtf8(@ForAll("rows") List<List<String>> rows) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvBytes csv = new CsvBytes(bytes)) {
            for (List<String> row : rows) {
                csv.row(row.toArray());
            }
        }
        String expected = rows.stream().map(r -> r.stream().map(CsvBytesProperties::reference)
                .collect(Collectors.joining(",")) + "\n").collect(Collectors.joining());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void aRenderedCellIsWrittenAndReadBackAsItsText(@ForAll("rows") List<List<String>> rows)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvBytes csv = new CsvBytes(bytes)) {
            for (List<String> row : rows) {
                // the row's cells rendered before, as the decisions' store renders them
                ByteArrayOutputStream rendered = new ByteArrayOutputStream();
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    if (i > 0) {
                        rendered.write(',');
                    }
                    if (cell != null) {
                        byte[] b = CsvBytes.cellBytes(cell);
                        assertThat(CsvBytes.fromCell(ByteBuffer.wrap(b))).isEqualTo(cell);
                        rendered.write(b);
                    }
                }
                csv.rowBytes(ByteBuffer.wrap(rendered.toByteArray()), new byte[0],
                        ByteBuffer.allocate(0));
            }
        }
        String expected = rows.stream().map(r -> r.stream().map(CsvBytesProperties::reference)
                .collect(Collectors.joining(",")) + "\n").collect(Collectors.joining());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    private static String reference(String cell) {
        if (cell == null) {
            return "";
        }
        boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                || cell.contains("\r");
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> shortCell = Arbitraries.strings().withChars("a,\"\n\r é€{}:")
                .ofMaxLength(12);
        Arbitrary<String> longCell = Arbitraries.strings().withChars("x\"é")
                .ofMinLength(60_000).ofMaxLength(70_000);
        Arbitrary<String> cell = Arbitraries.frequencyOf(Tuple.of(20, shortCell),
                Tuple.of(1, longCell)).injectNull(0.1);
        return cell.list().ofMinSize(1).ofMaxSize(5).list().ofMaxSize(6);
    }
}
