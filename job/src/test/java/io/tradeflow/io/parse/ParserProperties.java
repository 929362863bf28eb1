package io.tradeflow.io.parse;

import io.tradeflow.io.RawRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsers never throw, whatever the payload. */
class ParserProperties {
    private static List<InputParser<?>> parsers() {
        ParseContext ctx = Fixtures.CTX;
        return List.of(
                new BarParser(ctx, BarParser.Format.JSON),
                new BarParser(ctx, BarParser.Format.CSV),
                new BarParser(ctx, BarParser.Format.NINJATRADER, "SPY"),
                new BarParser(ctx, BarParser.Format.DAILY),
                new RecommendationParser(ctx),
                new RecommendationParser(ctx, RecordFormat.CSV),
                new VixParser(ctx),
                new VixParser(ctx, RecordFormat.CSV),
                new CalendarParser(ctx),
                new CalendarParser(ctx, RecordFormat.CSV),
                new ControlParser(ctx),
                new FillParser(ctx));
    }

    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> jsonish = Arbitraries.strings()
                .withChars("{}[]\":,0123456789.-eE tsickerpnvlua\\NIf")
                .ofMaxLength(80);
        Arbitrary<String> csvish = Arbitraries.strings()
                .withChars("0123456789,;.-\" :TZNa\r\n")
                .ofMaxLength(80);
        Arbitrary<String> mutated = Arbitraries.of(
                "{\"ticker\":\"SPY\",\"ts\":1,\"open\":1,\"high\":1,\"low\":1,\"close\":1,"
                        + "\"volume\":1}",
                "20110103 090100;126.35;126.39;126.35;126.39;1579",
                "2013-02-08,15.07,15.12,14.63,14.75,8407500,AAL",
                "{\"ts\":1,\"value\":2}", "{\"date\":\"2024-01-01\",\"kind\":\"cpi\"}")
                .flatMap(s -> Arbitraries.integers().between(0, s.length())
                        .flatMap(cut -> Arbitraries.strings().ofMaxLength(3)
                                .map(ins -> s.substring(0, cut) + ins + s.substring(cut))));
        return Arbitraries.oneOf(any, jsonish, csvish, mutated);
    }

    @Property(tries = 400)
    void neverThrowAndAlwaysGiveAReason(@ForAll("payloads") String payload,
            @ForAll boolean fromKafka) {
        RawRecord raw = fromKafka
                ? new RawRecord("topic", "0/1", Fixtures.REF, payload)
                : RawRecord.ofLine("file.csv", 2, payload);
        for (InputParser<?> parser : parsers()) {
            Parsed<?> p = parser.parse(raw);
            assertThat(p.isOk() || p.isBad() || p.isSkip()).isTrue();
            if (p.isBad()) {
                assertThat(p.deadLetter().reason()).isNotBlank();
                assertThat(p.deadLetter().payload()).isEqualTo(payload);
                assertThat(p.deadLetter().id()).hasSize(32);
            }
        }
    }
}
