package io.tradeflow.cli;

import io.tradeflow.io.Secrets;
import io.tradeflow.io.SignFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Signs a JSON-lines file of recommendations or control commands (R-SIG-6). */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign every JSON line with HMAC-SHA256 keyed by TRADEFLOW_WEBHOOK_SECRET "
                + "(or the file named by TRADEFLOW_WEBHOOK_SECRET_FILE).")
final class SignCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE") Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Override
    public Integer call() throws Exception {
        Options.requireFile(in, "--in");
        String secret = Secrets.read(Secrets.WEBHOOK_SECRET);
        if (secret == null) {
            throw new IllegalArgumentException("set TRADEFLOW_WEBHOOK_SECRET (or "
                    + "TRADEFLOW_WEBHOOK_SECRET_FILE) to the shared webhook secret");
        }
        int n = SignFile.sign(in, out, secret.getBytes(StandardCharsets.UTF_8));
        System.err.println("signed " + n + " record(s) into " + out);
        return 0;
    }
}
