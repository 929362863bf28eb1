package io.tradeflow.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradeflow.event.Recommendation;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.io.parse.RecommendationParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python example of {@code docs/signing.md} writes the canonical form {@link Jcs} writes, and
 * a recommendation it signs is accepted by the job's parser (skipped without {@code python3}).
 */
class SigningDocTest {
    private static final Path DOC = Path.of("..", "docs", "signing.md");
    private static final String SECRET = "python-example-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path script;

    @BeforeAll
    static void extractTheExample() throws IOException {
        Matcher m = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        assertThat(m.find()).as("a python block in %s", DOC).isTrue();
        script = Files.writeString(dir.resolve("sign.py"), m.group(1));
    }

    @Test
    void pythonWritesTheCanonicalFormJcsWrites() throws Exception {
        String message = "{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,"
                + "0.000000000000000000000000001,1e-7,1.0,1e21,-0.0,5e-324,1e23,0.000001,"
                + "9.999999999999997e-7,12,-3.25],\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042"
                + "\\u0022\\u005c\\\\\\\"\\/\\u007f\",\"literals\":[null,true,false],"
                + "\"\\ud83d\\ude00\":1,\"\\ufb33\":{\"b\":[],\"a\":{}},\"\\r\":\"\\b\\t\\f\"}";
        String python = python(message, Map.of(), "--canonical");
        assertThat(python).isEqualTo(Jcs.canonical(JSON.readTree(message)));
    }

    @Test
    void theParserAcceptsARecommendationSignedInPython() throws Exception {
        String recommendation = "{\"id\":\"py-1\",\"ticker\":\"SPY\",\"action\":\"buy\","
                + "\"confidence\":0.85,\"signal_type\":\"orb\",\"mode\":\"paper_eligible\","
                + "\"generated_at\":1733400000000,\"price\":501.10,\"sector\":\"Énergie\"}";
        String signed = python(recommendation,
                Map.of("TRADEFLOW_WEBHOOK_SECRET", SECRET, "TRADEFLOW_KEY_ID", "py-2026"));
        assertThat(signed).contains("\"key_id\": \"py-2026\"");
        Keyring keys = Keyring.of("py-2026", SECRET, "test");
        ParseContext ctx = new ParseContext(null, null,
                Map.of(TrustDomain.RECOMMENDATIONS, keys), ParseContext.DEFAULT_MAX_FUTURE_SKEW_MS);
        Parsed<Recommendation> p = new RecommendationParser(ctx)
                .parse(RawRecord.ofLine("python", 1, signed));
        assertThat(p.isOk()).as("%s", p).isTrue();
        assertThat(p.value().price()).isEqualTo(501.1);
        Parsed<Recommendation> other = new RecommendationParser(new ParseContext(null, null,
                Map.of(TrustDomain.RECOMMENDATIONS,
                        Keyring.of("py-2026", SECRET.replace('0', '1'), "test")), 0))
                .parse(RawRecord.ofLine("python", 1, signed));
        assertThat(other.isBad()).isTrue();
    }

    private static String python(String stdin, Map<String, String> env, String... args)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("python3");
        pb.command().add(script.toString());
        pb.command().addAll(List.of(args));
        pb.environment().putAll(env);
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: skipping the docs/signing.md example");
            throw e;
        }
        proc.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        proc.getOutputStream().close();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(err).isZero();
        return out.strip();
    }
}
