package io.tradeflow.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the backtest daemon and its client say over their Unix socket. The client sends one
 * {@link Request}; the daemon answers with frames (a kind byte, a length, the bytes): what the
 * command prints on its standard output and error, then its exit code, or why it refuses.
 */
final class DaemonWire {
    /** Bumped when a frame or the request changes: a daemon refuses another version. */
    static final int VERSION = 1;
    /** The client's exit code when the daemon cannot take the command: run it here instead. */
    static final int RUN_HERE = 75;

    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    static final byte REFUSED = 4;

    /**
     * The launcher's own variables: they choose how the command starts, not what it decides, so
     * a daemon serves clients whose values differ.
     */
    private static final Set<String> LAUNCHER = Set.of("TRADEFLOW_JAVA", "TRADEFLOW_CDS",
            "TRADEFLOW_TMP", "TRADEFLOW_DAEMON", "TRADEFLOW_DATA");

    private DaemonWire() {}

    enum Kind { RUN, STATUS, STOP }

    /**
     * One command for the daemon: its arguments, the client's working directory (relative paths
     * are the client's), the build it was started from and a digest of its environment.
     */
    record Request(Kind kind, String build, String environment, Path workingDirectory,
            List<String> args) {
        void write(DataOutputStream out) throws IOException {
            out.writeInt(VERSION);
            out.writeUTF(kind.name());
            out.writeUTF(build);
            out.writeUTF(environment);
            out.writeUTF(workingDirectory.toString());
            out.writeInt(args.size());
            for (String a : args) {
                out.writeUTF(a);
            }
            out.flush();
        }

        static Request read(DataInputStream in) throws IOException {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("protocol version " + version + ", this daemon speaks "
                        + VERSION);
            }
            Kind kind = Kind.valueOf(in.readUTF());
            String build = in.readUTF();
            String environment = in.readUTF();
            Path cwd = Path.of(in.readUTF());
            int n = in.readInt();
            List<String> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                args.add(in.readUTF());
            }
            return new Request(kind, build, environment, cwd, args);
        }
    }

    /** Writes one frame; frames of several threads do not interleave. */
    static void frame(DataOutputStream out, byte kind, byte[] bytes, int off, int len)
            throws IOException {
        synchronized (out) {
            out.writeByte(kind);
            out.writeInt(len);
            out.write(bytes, off, len);
            out.flush();
        }
    }

    /** Writes {@code text} as one frame of {@code kind}. */
    static void text(DataOutputStream out, byte kind, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        frame(out, kind, b, 0, b.length);
    }

    static void exit(DataOutputStream out, int code) throws IOException {
        text(out, EXIT, Integer.toString(code));
    }

    static void refuse(DataOutputStream out, String why) throws IOException {
        text(out, REFUSED, why);
    }

    /** An output stream whose bytes go out as frames of one kind. */
    static OutputStream stream(DataOutputStream out, byte kind) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    frame(out, kind, b, off, len);
                }
            }
        };
    }

    /**
     * The socket's bytes as streams that read and write on their own: the JDK's channel streams
     * share one lock, and a read that waits for the client's hang-up would hold up every write.
     */
    static DataInputStream input(ByteChannel ch) {
        return new DataInputStream(new BufferedInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : ch.read(ByteBuffer.wrap(b, off, len));
            }
        }));
    }

    static DataOutputStream output(ByteChannel ch) {
        return new DataOutputStream(new BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }, 1 << 16));
    }

    /**
     * Identifies a build by its jar's size and modification time: a daemon of an older build
     * (the launcher rebuilt the jar since) refuses, and stops.
     */
    static String build(Path jar) {
        try {
            return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            return "unknown:" + jar;
        }
    }

    /**
     * A digest of the variables the command reads (TRADEFLOW_*, the launcher's own aside): the
     * secrets among them never leave the client, and a daemon started with other values (another
     * webhook key, another database password) refuses instead of deciding with its own.
     */
    static String environment(Map<String, String> env) {
        Map<String, String> read = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("TRADEFLOW_") && !LAUNCHER.contains(k)) {
                read.put(k, v);
            }
        });
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            read.forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The variables that name a file of secrets by a relative path (read from the cwd). */
    static List<String> relativeFiles(Map<String, String> env) {
        List<String> names = new ArrayList<>();
        env.forEach((k, v) -> {
            if (k.startsWith("TRADEFLOW_") && k.endsWith("_FILE") && !Path.of(v).isAbsolute()) {
                names.add(k);
            }
        });
        return names;
    }
}
