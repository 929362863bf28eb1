package io.tradeflow.cli;

import io.tradeflow.io.SignFile;
import io.tradeflow.io.TrustDomain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Signs a JSON-lines file of recommendations, control commands or broker messages (R-SIG-6). */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Sign every JSON line (RFC 8785 canonical form, HMAC-SHA256) with the "
                + "last listed key of the domain, or --key-id, and set its key_id.",
            "Keys: TRADEFLOW_WEBHOOK_SECRET / TRADEFLOW_RECOMMENDATION_KEYS (recommendations), "
                    + "TRADEFLOW_CONTROL_SECRET / _KEYS, TRADEFLOW_BROKER_SECRET / _KEYS, each "
                    + "also as NAME_FILE; see docs/signing.md."})
final class SignCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE") Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Option(names = "--domain", paramLabel = "DOMAIN", defaultValue = "recommendations",
            description = "recommendations, control or broker. Default: ${DEFAULT-VALUE}.")
    String domain;

    @Option(names = "--key-id", paramLabel = "ID",
            description = "The key to sign with. Default: the last listed key of the domain.")
    String keyId;

    @Override
    public Integer call() throws Exception {
        Options.requireFile(in, "--in");
        TrustDomain d;
        try {
            d = TrustDomain.valueOf(domain.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--domain: expected recommendations, control or "
                    + "broker, got '" + domain + "'");
        }
        int n = SignFile.sign(in, out, Options.signingKeys(d, keyId));
        System.err.println("signed " + n + " record(s) into " + out);
        return 0;
    }
}
