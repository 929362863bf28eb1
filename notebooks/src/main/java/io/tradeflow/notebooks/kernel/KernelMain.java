package io.tradeflow.notebooks.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the Java (Tradeflow) Jupyter kernel on a connection file, or installs its kernelspec.
 *
 * <pre>
 * KernelMain CONNECTION_FILE                    (what Jupyter runs)
 * KernelMain install [options]                  (see {@link KernelInstaller})
 * </pre>
 */
public final class KernelMain {

    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("install")) {
            System.exit(KernelInstaller.main(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE | KernelMain install [--help]");
            System.exit(2);
        }
        KernelConnectionProperties props =
                KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(props);
        // interactive use: %maven fetches what the notebook class path lacks
        JavaKernel kernel = JavaKernel.start(Dependencies.Mode.RESOLVE, Path.of(""));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }
}
