package io.tradeflow.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds bounded file sources that parse every line into an {@link Ingested} value or dead letter,
 * with the file name and 1-based line number as its position; {@code .gz} files are decompressed
 * by the file source.
 *
 * <p>A file read in {@link LineChunks chunks} tells its parser where each chunk starts
 * ({@link SourceParser#startChunk()}), in both modes; a splittable one is read by as many readers
 * as the source has, each taking chunks as it finishes the last (BATCH, where the order in which
 * records arrive does not decide anything). Any other file is read whole, by one reader.
 */
public final class FileInputs {
    private FileInputs() {}

    /** Returns a source reading the whole file with one reader, its parser never restarted. */
    public static FileSource<Ingested> source(Path file, SourceParser parser) {
        return source(file, parser, LineChunks.whole(), false);
    }

    /**
     * Returns a source reading {@code file} in {@code chunks}; {@code splittable}: one split per
     * chunk (its lines' numbers still exact), else one split for the file.
     */
    public static FileSource<Ingested> source(Path file, SourceParser parser, LineChunks chunks,
            boolean splittable) {
        String name = file.getFileName().toString();
        FileSource.FileSourceBuilder<Ingested> b = FileSource.forRecordStreamFormat(
                new ParsingLineFormat(name, parser, chunks, splittable),
                new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()));
        if (splittable) {
            b.setFileEnumerator(() -> new ChunkEnumerator(chunks));
        }
        return b.build();
    }

    /** Returns whether {@code file} can be cut into chunks: not compressed. */
    public static boolean chunkable(Path file) {
        return !file.getFileName().toString().toLowerCase().endsWith(".gz");
    }

    /** Reads UTF-8 lines and parses each, numbering them from its chunk's first line. */
    static final class ParsingLineFormat implements StreamFormat<Ingested> {
        private static final long serialVersionUID = 2L;
        private final String source;
        private final SourceParser parser;
        private final LineChunks chunks;
        private final boolean splittable;

        ParsingLineFormat(String source, SourceParser parser, LineChunks chunks,
                boolean splittable) {
            this.source = source;
            this.parser = parser;
            this.chunks = chunks;
            this.splittable = splittable;
        }

        @Override
        public StreamFormat.Reader<Ingested> createReader(Configuration config,
                FSDataInputStream stream, long fileLen, long splitEnd) throws IOException {
            // a split is one chunk, the stream at its start; otherwise the stream is the file's
            int chunk = splittable ? chunks.chunkAt(stream.getPos()) : 0;
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
            return new StreamFormat.Reader<>() {
                private long lineNo = chunks.firstLines()[chunk] - 1;
                /** The next chunk to start, and its first line: the parser restarts there. */
                private int next = chunk;
                private long restartAt = chunks.firstLines()[chunk];
                /** A split's last line: the one before the next chunk's first (read ahead). */
                private final long last = splittable && chunk + 1 < chunks.size()
                        ? chunks.firstLines()[chunk + 1] - 1 : Long.MAX_VALUE;

                @Override
                public Ingested read() throws IOException {
                    String line;
                    while (lineNo < last && (line = lines.readLine()) != null) {
                        if (++lineNo == restartAt) {
                            parser.startChunk();
                            restartAt = ++next < chunks.size()
                                    ? chunks.firstLines()[next] : Long.MIN_VALUE;
                        }
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
        public StreamFormat.Reader<Ingested> restoreReader(Configuration config,
                FSDataInputStream stream, long restoredOffset, long fileLen, long splitEnd) {
            // never called: the reader keeps no offset, so a restore reads again and skips
            throw new UnsupportedOperationException("line readers restore by skipping records");
        }

        @Override
        public boolean isSplittable() {
            return splittable;
        }

        @Override
        public TypeInformation<Ingested> getProducedType() {
            return TypeInformation.of(Ingested.class);
        }
    }

    /** One split per chunk of the one file. */
    private record ChunkEnumerator(LineChunks chunks) implements FileEnumerator {
        @Override
        public List<FileSourceSplit> enumerateSplits(org.apache.flink.core.fs.Path[] paths,
                int minDesiredSplits) throws IOException {
            FileStatus status = paths[0].getFileSystem().getFileStatus(paths[0]);
            if (status.getLen() != chunks.length()) {
                throw new IOException(paths[0] + " changed since it was cut into chunks ("
                        + chunks.length() + " bytes, now " + status.getLen() + ")");
            }
            List<FileSourceSplit> splits = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                long offset = chunks.offsets()[i];
                splits.add(new FileSourceSplit(String.valueOf(i), paths[0], offset,
                        chunks.end(i) - offset, status.getModificationTime(), status.getLen()));
            }
            return splits;
        }
    }
}
