package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.ControlCommand;
import io.tradeflow.io.Keyring;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.TrustDomain;
import io.tradeflow.io.parse.ControlParser;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.testing.KafkaBrokerExtension;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ctl command (R-CB-5): signed control commands on a real Kafka broker, read back. */
class CliCtlTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final String SECRET = "ctl-test-secret-of-at-least-32-bytes";
    static final String TS = "2025-02-03T10:00:00-05:00";
    static final long TS_MILLIS = OffsetDateTime.parse(TS).toInstant().toEpochMilli();
    static Path secretFile;
    static Path config;

    @BeforeAll
    static void setUp() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cli-ctl"));
        secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        config = Files.writeString(dir.resolve("ctl.yaml"), """
                accounts:
                  - { id: A1, profile: intraday, mode: paper, cash: 1000, universe: [SPY] }
                  - { id: A2, profile: swing, mode: paper, cash: 1000, universe: [AAPL] }
                kafka:
                  bootstrap-servers: "localhost:1"
                  topics: { control: ops-control }
                """);
        KAFKA.createTopics(1, "ops-control", "control-2");
    }

    static CliTest.Result ctl(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "ctl";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliTest.run(all);
    }

    static ControlCommand parse(ConsumerRecord<String, String> r) {
        // the same secret under two ids: --secret-file signs as default, or as --key-id
        Keyring keys = Keyring.parse("default:" + SECRET + ",ops:" + SECRET, "test");
        ParseContext ctx = new ParseContext(Set.of("A1", "A2"), Set.of("SPY", "AAPL"),
                Map.of(TrustDomain.CONTROL, keys), Duration.ofDays(1).toMillis());
        Parsed<ControlCommand> p = new ControlParser(ctx).parse(
                new RawRecord("control", r.partition() + "/" + r.offset(), r.timestamp(),
                        r.value()));
        assertThat(p.value()).as("parsed: %s", r.value()).isNotNull();
        return p.value();
    }

    @Test
    void publishesSignedCommandsKeyedByAccountThatTheParserAccepts() {
        String common = "--config=" + config + " --bootstrap=" + KAFKA.bootstrapServers()
                + " --secret-file=" + secretFile + " --ts=" + TS;
        CliTest.Result pause = ctl(args("pause --account A1 " + common));
        assertThat(pause.code()).as(pause.err()).isZero();
        CliTest.Result set = ctl(args("set max-open-positions 5 --account A1 --key-id ops "
                + common));
        assertThat(set.code()).as(set.err()).isZero();
        CliTest.Result tier = ctl(args("set-tier conservative --account * --id tier-1 "
                + common));
        assertThat(tier.code()).as(tier.err()).isZero();
        assertThat(tier.out().strip()).isEqualTo("tier-1");
        assertThat(pause.err() + set.err() + tier.err()).doesNotContain(SECRET);

        List<ConsumerRecord<String, String>> records =
                KAFKA.consume("ops-control", 3, Duration.ofSeconds(30));
        assertThat(records).hasSize(3);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("A1", "A1", "*");
        assertThat(records).extracting(ConsumerRecord::timestamp).containsOnly(TS_MILLIS);

        ControlCommand p = parse(records.get(0));
        assertThat(p.id()).isEqualTo(pause.out().strip()).startsWith("ctl-");
        assertThat(p.account()).isEqualTo("A1");
        assertThat(p.command()).isEqualTo("pause");
        assertThat(p.args()).isEmpty();
        assertThat(p.issuedBy()).isEqualTo(Keyring.DEFAULT_ID);
        assertThat(p.ts()).isEqualTo(TS_MILLIS);
        assertThat(p.signature()).hasSize(64);

        ControlCommand s = parse(records.get(1));
        assertThat(s.id()).isEqualTo(set.out().strip()).isNotEqualTo(p.id());
        assertThat(s.command()).isEqualTo("set");
        assertThat(s.args()).isEqualTo(Map.of("key", "max-open-positions", "value", "5"));
        assertThat(s.issuedBy()).isEqualTo("ops");

        ControlCommand t = parse(records.get(2));
        assertThat(t.id()).isEqualTo("tier-1");
        assertThat(t.account()).isEqualTo("*");
        assertThat(t.args()).isEqualTo(Map.of("tier", "conservative"));
    }

    @Test
    void theSameCommandGetsTheSameIdAndATamperedOneIsRejected() {
        String common = " --bootstrap=" + KAFKA.bootstrapServers() + " --topic=control-2"
                + " --secret-file=" + secretFile + " --ts=" + TS;
        CliTest.Result a = ctl(args("resume --account A2" + common));
        CliTest.Result b = ctl(args("resume --account A2" + common));
        CliTest.Result c = ctl(args("resume --account A1" + common));
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out()).isNotEqualTo(c.out());

        List<ConsumerRecord<String, String>> records =
                KAFKA.consume("control-2", 3, Duration.ofSeconds(30));
        assertThat(parse(records.get(0)).id()).isEqualTo(a.out().strip());
        ConsumerRecord<String, String> r = records.get(0);
        ConsumerRecord<String, String> tampered = new ConsumerRecord<>(r.topic(), r.partition(),
                r.offset(), r.key(), r.value().replace("\"A2\"", "\"A1\""));
        ParseContext ctx = new ParseContext(Set.of("A1", "A2"), Set.of("SPY"),
                SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofDays(1).toMillis());
        Parsed<ControlCommand> p = new ControlParser(ctx).parse(new RawRecord("control", "0/0",
                Long.MIN_VALUE, tampered.value()));
        assertThat(p.value()).isNull();
    }

    @Test
    void refusesAnUnknownCommandOrBadArgumentsClearlyBeforePublishing() {
        String common = " --bootstrap=localhost:1 --secret-file=" + secretFile;
        CliTest.Result r = ctl(args("halt --account A1" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown control command 'halt' (expected pause, resume, "
                + "set-tier TIER, set KEY VALUE or reconcile --accept)");

        r = ctl(args("reconcile --account A1" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("reconcile needs --accept");
        r = ctl(args("pause --accept --account A1" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--accept goes with reconcile only");

        r = ctl(args("set max-positions 5 --account A1" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("set: unknown rule key 'max-positions'");

        r = ctl(args("set indicators.rsi.period 10 --account A1" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("set: 'indicators.rsi.period' is job-scoped (R-SIG-2: one"
                + " value for every account): set it in the configuration file and restart");

        r = ctl(args("set daily-loss-pct 3 --account A1" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("daily-loss-pct: must be a fraction in [0, 1]");

        r = ctl(args("set-tier reckless --account A1" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("set-tier: unknown tier 'reckless'");

        r = ctl(args("pause now --account A1" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("pause takes no arguments");

        r = ctl(args("pause --account A9 --config=" + config + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--account: no account 'A9'");

        r = ctl(args("pause --account A1 --ts=yesterday" + common));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--ts: expected ISO-8601");

        r = ctl("pause");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--account");
    }

    private static String[] args(String line) {
        return line.trim().split(" +");
    }
}
