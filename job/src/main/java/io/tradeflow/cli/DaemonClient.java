package io.tradeflow.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Hands a command to the backtest daemon ({@link BacktestDaemon}) and prints what it answers:
 * a JVM of a few classes that starts in a tenth of a second. Exits with the command's code, or
 * with {@link DaemonWire#RUN_HERE} when no daemon answers or it refuses (saying why), for the
 * launcher to run the command itself.
 *
 * <p>{@code java -cp <jar> io.tradeflow.cli.DaemonClient <socket> <jar> run|status|stop [args]}
 */
public final class DaemonClient {
    private DaemonClient() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: DaemonClient <socket> <jar> run|status|stop [args...]");
            System.exit(2);
        }
        DaemonWire.Request r = new DaemonWire.Request(
                DaemonWire.Kind.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)),
                DaemonWire.build(Path.of(args[1])), DaemonWire.environment(System.getenv()),
                Path.of("").toAbsolutePath(), List.of(Arrays.copyOfRange(args, 3, args.length)));
        System.exit(send(Path.of(args[0]), r, System.out, System.err));
    }

    /**
     * Sends {@code r} to the daemon at {@code socket}, copies its output to {@code out} and
     * {@code err}, and returns the command's exit code or {@link DaemonWire#RUN_HERE}.
     */
    static int send(Path socket, DaemonWire.Request r, OutputStream out, PrintStream err) {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return DaemonWire.RUN_HERE; // no daemon: nothing to say, the command runs here
        }
        try (ch) {
            DataOutputStream request = DaemonWire.output(ch);
            r.write(request);
            DataInputStream in = DaemonWire.input(ch);
            byte[] buf = new byte[1 << 16];
            while (true) {
                byte kind = in.readByte();
                int len = in.readInt();
                if (len > buf.length) {
                    buf = new byte[len];
                }
                in.readFully(buf, 0, len);
                switch (kind) {
                    case DaemonWire.OUT -> out.write(buf, 0, len);
                    case DaemonWire.ERR -> err.write(buf, 0, len);
                    case DaemonWire.EXIT -> {
                        out.flush();
                        err.flush();
                        return Integer.parseInt(new String(buf, 0, len,
                                StandardCharsets.US_ASCII));
                    }
                    case DaemonWire.REFUSED -> {
                        err.println("tradeflow: the daemon does not take this command: "
                                + new String(buf, 0, len, StandardCharsets.UTF_8)
                                + "; it runs here");
                        return DaemonWire.RUN_HERE;
                    }
                    default -> throw new IOException("unknown frame " + kind);
                }
            }
        } catch (EOFException e) {
            err.println("tradeflow: the daemon ended before the command did (see its log)");
            return 1;
        } catch (IOException e) {
            err.println("tradeflow: the daemon's connection failed: " + e.getMessage());
            return 1;
        }
    }
}
