package io.tradeflow.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Builds bounded file sources that parse every line into an {@link Ingested} value or dead letter,
 * with the file name and 1-based line number as its position. One source per file, read
 * sequentially; {@code .gz} files are decompressed by the file source.
 */
public final class FileInputs {
    private FileInputs() {}

    public static FileSource<Ingested> source(Path file, SourceParser parser) {
        String name = file.getFileName().toString();
        return FileSource.forRecordStreamFormat(new ParsingLineFormat(name, parser),
                new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri())).build();
    }

    /** Reads UTF-8 lines and parses each; not splittable, so line numbers are exact. */
    static final class ParsingLineFormat extends SimpleStreamFormat<Ingested> {
        private final String source;
        private final SourceParser parser;

        ParsingLineFormat(String source, SourceParser parser) {
            this.source = source;
            this.parser = parser;
        }

        @Override
        public StreamFormat.Reader<Ingested> createReader(Configuration config,
                FSDataInputStream stream) {
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
            return new StreamFormat.Reader<>() {
                private long lineNo;

                @Override
                public Ingested read() throws IOException {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        lineNo++;
                        Ingested parsed = parser.parse(new RawRecord(
                                source, Long.toString(lineNo), Long.MIN_VALUE, line));
                        if (parsed != null) {
                            return parsed;
                        }
                    }
                    return null;
                }

                @Override
                public void close() throws IOException {
                    lines.close();
                }
            };
        }

        @Override
        public TypeInformation<Ingested> getProducedType() {
            return TypeInformation.of(Ingested.class);
        }
    }
}
