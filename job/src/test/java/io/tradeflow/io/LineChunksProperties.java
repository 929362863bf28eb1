package io.tradeflow.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.connector.file.src.reader.StreamFormat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file read chunk by chunk, each chunk by a reader of its own, gives the lines and line numbers
 * that one reader of the whole file gives, and both restart the parser at the same lines; each cut
 * is the first line start past the chunk's size.
 */
class LineChunksProperties {

    @Property(tries = 1_000)
    void chunksReadAsTheWholeFile(@ForAll("texts") String text,
            @ForAll @IntRange(min = 1, max = 200) int chunkBytes,
            @ForAll @IntRange(min = 1, max = 64) int windowBytes) throws IOException {
        Path file = Files.createTempFile("chunks", ".csv");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            LineChunks chunks = LineChunks.scan(file, chunkBytes, windowBytes);
            // the window the file is mapped in changes nothing
            assertThat(LineChunks.scan(file, chunkBytes)).usingRecursiveComparison()
                    .isEqualTo(chunks);
            List<String> expected = new ArrayList<>();
            BufferedReader whole = new BufferedReader(new StringReader(text));
            long n = 0;
            int next = 0;
            for (String line; (line = whole.readLine()) != null; ) {
                n++;
                if (next < chunks.size() && n == chunks.firstLines()[next]) {
                    expected.add("chunk");
                    next++;
                }
                expected.add(n + ":" + line);
            }
            // every chunk starts at a line (an empty file: one chunk, no line)
            assertThat(next).isEqualTo(n == 0 ? 0 : chunks.size());
            assertThat(chunks.length()).isEqualTo(Files.size(file));

            Recorder split = new Recorder();
            for (int i = 0; i < chunks.size(); i++) {
                read(file, chunks, true, chunks.offsets()[i], chunks.end(i), split);
            }
            Recorder one = new Recorder();
            read(file, chunks, false, 0, chunks.length(), one);

            assertThat(split.seen).isEqualTo(expected);
            assertThat(one.seen).isEqualTo(expected);
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < chunks.size(); i++) {
                // a chunk holds at least chunkBytes, and no line starts in [start + chunkBytes,
                // next start): the cut is the earliest
                long from = chunks.offsets()[i] + chunkBytes;
                assertThat(chunks.end(i)).isGreaterThanOrEqualTo(
                        i + 1 < chunks.size() ? from : chunks.offsets()[i]);
                for (long p = Math.max(from, 1); p < chunks.end(i); p++) {
                    assertThat(lineStartsAt(bytes, (int) p)).as("byte %d", p).isFalse();
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    private static boolean lineStartsAt(byte[] b, int p) {
        return b[p - 1] == '\n' || (b[p - 1] == '\r' && b[p] != '\n');
    }

    @Provide
    Arbitrary<String> texts() {
        // line ends of every kind, dense and sparse, and multi-byte characters
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars('a', ',', 'é', '€', '\n', '\r').ofMaxLength(400),
                Arbitraries.strings().withChars("abcdefghij,.0123456789").ofMaxLength(40)
                        .list().ofMaxSize(20).map(l -> String.join("\r\n", l)),
                Arbitraries.strings().withChars("abcdefghij,.0123456789").ofMaxLength(40)
                        .list().ofMaxSize(20).map(l -> String.join("\n", l) + "\n"));
    }

    private static void read(Path file, LineChunks chunks, boolean splittable, long offset,
            long end, Recorder parser) throws IOException {
        org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(file.toUri());
        FSDataInputStream in = FileSystem.getLocalFileSystem().open(p);
        in.seek(offset);
        StreamFormat.Reader<Ingested> reader =
                new FileInputs.ParsingLineFormat("f", parser, chunks, splittable)
                        .createReader(new Configuration(), in, chunks.length(), end);
        assertThat(reader.read()).isNull(); // the recorder skips every line
        reader.close();
    }

    /** Records each line with its number, and each restart. */
    private static final class Recorder implements SourceParser {
        final List<String> seen = new ArrayList<>();

        @Override
        public Ingested parse(RawRecord raw) {
            seen.add(raw.position() + ":" + raw.payload());
            return null;
        }

        @Override
        public void startChunk() {
            seen.add("chunk");
        }
    }
}
