package io.tradeflow.io;

import io.tradeflow.io.parse.BarParser;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.io.parse.Reasons;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bar file's future-time guard starts afresh at each chunk, so readers taking the chunks in any
 * order, several with one parser as a parallel reader does, reject exactly the bars that one
 * reader of the whole file rejects.
 */
class ChunkedBarFileTest {
    static final OffsetDateTime START = OffsetDateTime.parse("2025-01-02T09:31:00-05:00");
    static final ParseContext CTX = new ParseContext(null, null, new byte[32],
            Duration.ofDays(7).toMillis());

    @TempDir
    Path dir;

    @Test
    void guardStartsAfreshAtEachChunkWhateverTheReaders() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("ticker,ts,open,high,low,close,volume");
        for (int i = 0; i < 80; i++) {
            lines.add(bar(START.plusMinutes(i)));
        }
        Path file = dir.resolve("bars.csv");
        Files.write(file, lines);
        int chunkBytes = 1024; // lines of 60 bytes: about 17 a chunk
        LineChunks chunks = LineChunks.scan(file, chunkBytes);
        assertThat(chunks.size()).isGreaterThanOrEqualTo(4);
        // a bar years ahead inside chunk 1 (rejected), and as the first line of chunk 2: that one
        // has no earlier bar of its chunk to be checked against (accepted in every reading)
        int inside = (int) chunks.firstLines()[1] + 3;
        int first = (int) chunks.firstLines()[2];
        lines.set(inside - 1, bar(START.plusYears(5)));
        lines.set(first - 1, bar(START.plusYears(5)));
        Files.write(file, lines);
        assertThat(LineChunks.scan(file, chunkBytes)).usingRecursiveComparison()
                .isEqualTo(chunks);

        List<String> whole = new ArrayList<>();
        read(file, chunks, false, 0, new BarParser(CTX, BarParser.Format.CSV), whole);
        List<String> reversed = new ArrayList<>();
        BarParser oneParser = new BarParser(CTX, BarParser.Format.CSV);
        for (int i = chunks.size() - 1; i >= 0; i--) {
            read(file, chunks, true, i, oneParser, reversed);
        }

        assertThat(whole).hasSize(80)
                .contains(inside + ":" + Reasons.TIMESTAMP_IN_FUTURE)
                .doesNotContain(first + ":" + Reasons.TIMESTAMP_IN_FUTURE)
                .filteredOn(s -> s.endsWith(Reasons.TIMESTAMP_IN_FUTURE)).hasSize(1);
        assertThat(reversed).containsExactlyInAnyOrderElementsOf(whole);
    }

    private static String bar(OffsetDateTime ts) {
        return "SPY," + ts + ",100.00,100.50,99.50,100.25,1000";
    }

    /** Reads chunk {@code chunk} (or the whole file), adding each bar's time or dead letter. */
    private static void read(Path file, LineChunks chunks, boolean splittable, int chunk,
            BarParser parser, List<String> out) throws IOException {
        FSDataInputStream in = FileSystem.getLocalFileSystem()
                .open(new org.apache.flink.core.fs.Path(file.toUri()));
        in.seek(chunks.offsets()[chunk]);
        StreamFormat.Reader<Ingested> reader = new FileInputs.ParsingLineFormat("bars.csv",
                SourceParser.of(parser, Ingested::of), chunks, splittable)
                .createReader(new Configuration(), in, chunks.length(), chunks.end(chunk));
        for (Ingested e; (e = reader.read()) != null; ) {
            out.add(e.isDeadLetter() ? e.deadLetter().position() + ":" + e.deadLetter().reason()
                    : e.raw().position() + ":" + e.bar().ts());
        }
        reader.close();
    }
}
