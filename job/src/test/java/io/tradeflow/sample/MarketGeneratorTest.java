package io.tradeflow.sample;

import static io.tradeflow.sample.MarketGenerator.NEW_YORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.event.Bar;
import io.tradeflow.event.VixQuote;
import io.tradeflow.io.Signatures;
import io.tradeflow.sample.MarketGenerator.Generated;
import io.tradeflow.sample.MarketGenerator.Spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

class MarketGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SECRET = "demo-webhook-secret".getBytes(StandardCharsets.UTF_8);
    private static final LocalDate FRI_EST = LocalDate.of(2025, 3, 7);
    private static final LocalDate MON_EDT = LocalDate.of(2025, 3, 10);

    /** Mar 5 to Mar 11 2025: crosses the switch to daylight saving time on Sunday Mar 9. */
    private static final Spec SPEC = Spec.demo(42L, SECRET);
    private static final Generated DATA = MarketGenerator.generate(SPEC);

    @Test
    void sameSeedGivesIdenticalOutput() {
        Generated again = MarketGenerator.generate(Spec.demo(42L, SECRET));

        assertThat(again).isEqualTo(DATA);
    }

    @Test
    void differentSeedGivesDifferentOutput() {
        Generated other = MarketGenerator.generate(Spec.demo(43L, SECRET));

        assertThat(other.bars()).isNotEqualTo(DATA.bars());
        assertThat(other.vix()).isNotEqualTo(DATA.vix());
        assertThat(other.recommendationJsonLines()).isNotEqualTo(DATA.recommendationJsonLines());
    }

    @Test
    void tradingDaysSkipWeekendsAndHolidays() {
        LocalDate goodFriday = LocalDate.of(2025, 4, 18);

        assertThat(MarketGenerator.tradingDays(LocalDate.of(2025, 4, 16), 4, Set.of(goodFriday)))
                .containsExactly(LocalDate.of(2025, 4, 16), LocalDate.of(2025, 4, 17),
                        LocalDate.of(2025, 4, 21), LocalDate.of(2025, 4, 22));
        assertThat(SPEC.days()).containsExactly(LocalDate.of(2025, 3, 5),
                LocalDate.of(2025, 3, 6), FRI_EST, MON_EDT, LocalDate.of(2025, 3, 11));
    }

    @Test
    void everyBarIsValid() {
        assertThat(DATA.bars()).allSatisfy(b -> {
            assertThat(b.low()).isPositive();
            assertThat(b.low()).isLessThanOrEqualTo(Math.min(b.open(), b.close()));
            assertThat(Math.max(b.open(), b.close())).isLessThanOrEqualTo(b.high());
            assertThat(b.volume()).isPositive();
            for (double p : new double[] {b.open(), b.high(), b.low(), b.close()}) {
                assertThat(p * 100).isCloseTo(Math.rint(p * 100), within(1e-6));
            }
        });
    }

    @Test
    void barsAreSortedByTsThenTicker() {
        List<Bar> sorted = new ArrayList<>(DATA.bars());
        sorted.sort((a, b) -> a.ts() != b.ts()
                ? Long.compare(a.ts(), b.ts()) : a.ticker().compareTo(b.ticker()));

        assertThat(DATA.bars()).isEqualTo(sorted);
    }

    @Test
    void eachTickerHas390RegularSessionBarsPerDay() {
        Map<String, List<Bar>> byTickerDay = DATA.bars().stream().collect(Collectors.groupingBy(
                b -> b.ticker() + "/" + day(b.ts())));

        assertThat(byTickerDay).hasSize(SPEC.tickers().size() * SPEC.days().size());
        byTickerDay.values().forEach(bars -> {
            assertThat(bars).hasSize(390);
            assertThat(localTime(bars.get(0).ts())).isEqualTo(LocalTime.of(9, 31));
            assertThat(localTime(bars.get(389).ts())).isEqualTo(LocalTime.of(16, 0));
            for (int i = 1; i < bars.size(); i++) {
                assertThat(bars.get(i).ts() - bars.get(i - 1).ts()).isEqualTo(60_000);
                // within a session each bar opens at the previous close
                assertThat(bars.get(i).open()).isEqualTo(bars.get(i - 1).close());
            }
        });
    }

    @Test
    void sessionFollowsNewYorkDaylightSavingTime() {
        assertThat(firstBarTs(FRI_EST)).isEqualTo(Instant.parse("2025-03-07T14:31:00Z"));
        assertThat(firstBarTs(MON_EDT)).isEqualTo(Instant.parse("2025-03-10T13:31:00Z"));
        assertThat(DATA.vix().stream().filter(q -> day(q.ts()).equals(MON_EDT)).findFirst()
                        .orElseThrow().ts())
                .isEqualTo(Instant.parse("2025-03-10T13:35:00Z").toEpochMilli());
    }

    @Test
    void overnightGapsAreSmallExceptTheOneScriptedGap() {
        var h = DATA.highlights();
        int bigGaps = 0;
        for (String ticker : SPEC.tickers()) {
            List<Bar> bars = DATA.bars().stream().filter(b -> b.ticker().equals(ticker)).toList();
            for (int i = 390; i < bars.size(); i += 390) {
                double gap = bars.get(i).open() / bars.get(i - 1).close() - 1;
                if (ticker.equals(h.gapTicker()) && day(bars.get(i).ts()).equals(h.gapDay())) {
                    assertThat(Math.abs(gap)).isBetween(0.0195, 0.0305);
                    bigGaps++;
                } else {
                    assertThat(Math.abs(gap)).isLessThan(0.0085);
                }
            }
        }
        assertThat(bigGaps).isOne();
    }

    @Test
    void intradayVolatilityAndVolumeAreUShaped() {
        double[] absMove = new double[390];
        double[] volume = new double[390];
        for (Bar b : DATA.bars()) {
            int i = (int) ((b.ts() - MarketGenerator.epochMillis(day(b.ts()), LocalTime.of(9, 31)))
                    / 60_000);
            absMove[i] += Math.abs(Math.log(b.close() / b.open()));
            volume[i] += b.volume();
        }
        assertThat(mean(absMove, 0, 30)).isGreaterThan(1.5 * mean(absMove, 150, 240));
        assertThat(mean(absMove, 360, 390)).isGreaterThan(1.2 * mean(absMove, 150, 240));
        assertThat(mean(volume, 0, 30)).isGreaterThan(2 * mean(volume, 150, 240));
        assertThat(mean(volume, 360, 390)).isGreaterThan(1.5 * mean(volume, 150, 240));
    }

    @Test
    void vixCrossesTwentyEightExactlyOnceAndFallsBack() {
        List<VixQuote> vix = DATA.vix();
        assertThat(vix).hasSize(78 * SPEC.days().size());
        assertThat(vix.get(0).value()).isLessThan(28.0);
        List<Integer> ups = new ArrayList<>();
        List<Integer> downs = new ArrayList<>();
        for (int i = 1; i < vix.size(); i++) {
            boolean before = vix.get(i - 1).value() >= 28.0;
            boolean now = vix.get(i).value() >= 28.0;
            if (!before && now) {
                ups.add(i);
            } else if (before && !now) {
                downs.add(i);
            }
        }
        assertThat(ups).hasSize(1);
        assertThat(downs).hasSize(1);
        assertThat(downs.get(0)).isGreaterThan(ups.get(0));
        assertThat(day(vix.get(ups.get(0)).ts())).isEqualTo(day(vix.get(downs.get(0)).ts()));
        assertThat(vix.get(ups.get(0)).ts()).isEqualTo(DATA.highlights().vixAboveFrom());
        assertThat(vix.get(downs.get(0)).ts()).isEqualTo(DATA.highlights().vixAboveUntil());
        double mean = vix.stream().mapToDouble(VixQuote::value).average().orElseThrow();
        assertThat(mean).isBetween(15.0, 21.0);
        assertThat(vix).allSatisfy(q ->
                assertThat(localTime(q.ts()).getMinute() % 5).isZero());
    }

    @Test
    void duplicatesMatchTheDuplicateFraction() throws Exception {
        int originals = SPEC.recommendationsPerDay() * SPEC.days().size();
        int expectedDups = (int) Math.round(originals * SPEC.duplicateFraction());
        List<String> lines = DATA.recommendationJsonLines();

        assertThat(lines).hasSize(originals + expectedDups);
        Map<String, List<Integer>> byId = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            byId.computeIfAbsent(JSON.readTree(lines.get(i)).get("id").asText(),
                    k -> new ArrayList<>()).add(i);
        }
        assertThat(byId).hasSize(originals);
        List<List<Integer>> dups = byId.values().stream().filter(l -> l.size() > 1).toList();
        assertThat(dups).hasSize(expectedDups).allSatisfy(idx -> {
            assertThat(idx).hasSize(2);
            assertThat(lines.get(idx.get(1))).isEqualTo(lines.get(idx.get(0)));
            long delay = DATA.recommendationEmittedAt().get(idx.get(1))
                    - DATA.recommendationEmittedAt().get(idx.get(0));
            assertThat(delay).isBetween(5_000L, 90_000L);
        });
    }

    @Test
    void duplicateCountRoundsTheFraction() {
        Spec spec = new Spec(7L, List.of("AAPL"), List.of(200.0),
                List.of(LocalDate.of(2025, 6, 2)), 7, 0.25, List.of(), SECRET);

        // 7 * 0.25 = 1.75 -> 2 duplicates
        assertThat(MarketGenerator.generate(spec).recommendationJsonLines()).hasSize(9);
    }

    @Test
    void everyRecommendationVerifiesWithTheWebhookSecret() throws Exception {
        for (String line : DATA.recommendationJsonLines()) {
            ObjectNode rec = (ObjectNode) JSON.readTree(line);
            assertThat(Signatures.verify(SECRET, rec)).as(line).isTrue();
            assertThat(Signatures.verify("other".getBytes(StandardCharsets.UTF_8), rec)).isFalse();
            rec.put("price", rec.get("price").asDouble() + 0.01);
            assertThat(Signatures.verify(SECRET, rec)).isFalse();
        }
    }

    @Test
    void recommendationsLookRealistic() throws Exception {
        List<JsonNode> recs = new ArrayList<>();
        for (String line : DATA.recommendationJsonLines()) {
            recs.add(JSON.readTree(line));
        }
        Set<String> ids = new HashSet<>();
        long prev = Long.MIN_VALUE;
        String prevId = "";
        int offMinute = 0;
        for (JsonNode r : recs) {
            ZonedDateTime at = OffsetDateTime.parse(r.get("generated_at").asText())
                    .atZoneSameInstant(NEW_YORK);
            long ts = at.toInstant().toEpochMilli();
            String id = r.get("id").asText();
            assertThat(ts > prev || (ts == prev && id.compareTo(prevId) >= 0)).isTrue();
            prev = ts;
            prevId = id;
            assertThat(id).startsWith("rec-" + at.toLocalDate() + "-");
            assertThat(at.toLocalTime()).isBetween(LocalTime.of(9, 35), LocalTime.of(15, 55));
            if (at.getSecond() != 0) {
                offMinute++;
            }
            assertThat(SPEC.tickers()).contains(r.get("ticker").asText());
            assertThat(r.get("action").asText()).isIn("buy", "sell", "hold");
            assertThat(r.get("confidence").asDouble()).isBetween(0.5, 1.0);
            assertThat(r.get("signal_type").asText()).isIn(MarketGenerator.SIGNAL_TYPES);
            assertThat(r.get("mode").asText())
                    .isIn("live_eligible", "paper_eligible", "research");
            if (r.has("account")) {
                assertThat(SPEC.accounts()).contains(r.get("account").asText());
            }
            boolean confluence = r.get("signal_type").asText().equals("confluence");
            assertThat(r.has("score")).isEqualTo(confluence);
            assertThat(r.has("max_score")).isEqualTo(confluence);
            if (confluence) {
                assertThat(r.get("score").asDouble())
                        .isBetween(4.0, r.get("max_score").asDouble());
            }
            Bar bar = barInProgress(r.get("ticker").asText(), ts);
            double price = r.get("price").asDouble();
            assertThat(price).isBetween(Math.min(bar.open(), bar.close()) - 0.055,
                    Math.max(bar.open(), bar.close()) + 0.055);
            ids.add(id);
        }
        assertThat(offMinute).isGreaterThan(recs.size() / 2);
        assertThat(recs.stream().filter(r -> !r.has("account")).count())
                .isGreaterThan(recs.size() / 2);
        assertThat(recs.stream().filter(r -> r.get("action").asText().equals("buy")).count())
                .isGreaterThan(recs.size() / 2);
        assertThat(ids).hasSize(SPEC.recommendationsPerDay() * SPEC.days().size());
    }

    @Test
    void mixOfActionsAndModesHasTheRequestedShape() throws Exception {
        Spec big = new Spec(11L, List.of("AAPL", "MSFT"), List.of(200.0, 400.0),
                MarketGenerator.tradingDays(LocalDate.of(2025, 1, 6), 10, Set.of()),
                400, 0.0, List.of("a", "b"), SECRET);
        List<JsonNode> recs = new ArrayList<>();
        for (String line : MarketGenerator.generate(big).recommendationJsonLines()) {
            recs.add(JSON.readTree(line));
        }
        double n = recs.size();
        assertThat(count(recs, "mode", "research") / n).isCloseTo(0.05, within(0.015));
        assertThat(count(recs, "action", "hold") / n).isCloseTo(0.03, within(0.012));
        assertThat(count(recs, "action", "sell") / n).isCloseTo(0.22, within(0.03));
        assertThat(recs.stream().filter(r -> r.has("account")).count() / n)
                .isCloseTo(0.15, within(0.03));
        for (String type : MarketGenerator.SIGNAL_TYPES) {
            assertThat(count(recs, "signal_type", type) / n).isCloseTo(0.25, within(0.04));
        }
    }

    @Test
    void writesCsvAndJsonLines(@TempDir Path dir) throws Exception {
        DATA.writeBarsCsv(dir.resolve("out/bars.csv"));
        DATA.writeRecommendations(dir.resolve("recs.jsonl"));
        DATA.writeVixJson(dir.resolve("vix.jsonl"));

        List<String> csv = Files.readAllLines(dir.resolve("out/bars.csv"));
        assertThat(csv).hasSize(DATA.bars().size() + 1);
        assertThat(csv.get(0)).isEqualTo("ticker,ts,open,high,low,close,volume");
        Bar first = DATA.bars().get(0);
        assertThat(csv.get(1)).startsWith(first.ticker() + ",2025-03-05T09:31:00-05:00,")
                .matches("[A-Z]+,[^,]+(,\\d+\\.\\d{2}){4},\\d+");
        String[] cells = csv.get(1).split(",");
        assertThat(Double.parseDouble(cells[2])).isEqualTo(first.open());
        assertThat(Long.parseLong(cells[6])).isEqualTo(first.volume());
        assertThat(Files.readAllLines(dir.resolve("recs.jsonl")))
                .isEqualTo(DATA.recommendationJsonLines());
        List<String> vix = Files.readAllLines(dir.resolve("vix.jsonl"));
        assertThat(vix).hasSize(DATA.vix().size());
        JsonNode q = JSON.readTree(vix.get(0));
        assertThat(q.get("ts").asText()).isEqualTo("2025-03-05T09:35:00-05:00");
        assertThat(q.get("value").asDouble()).isEqualTo(DATA.vix().get(0).value());
    }

    @Test
    void kafkaJsonFormsCarryIsoTimesWithOffset() throws Exception {
        long ts = Instant.parse("2025-03-10T13:31:00Z").toEpochMilli();
        JsonNode bar = JSON.readTree(
                MarketGenerator.barJson(new Bar("AAPL", ts, 227.5, 228.0, 227.1, 227.9, 12345)));
        JsonNode vix = JSON.readTree(
                MarketGenerator.vixJson(new VixQuote(ts + 240_000, 18.25)));

        assertThat(bar.get("ticker").asText()).isEqualTo("AAPL");
        assertThat(bar.get("ts").asText()).isEqualTo("2025-03-10T09:31:00-04:00");
        assertThat(bar.get("open").asDouble()).isEqualTo(227.5);
        assertThat(bar.get("high").asDouble()).isEqualTo(228.0);
        assertThat(bar.get("low").asDouble()).isEqualTo(227.1);
        assertThat(bar.get("close").asDouble()).isEqualTo(227.9);
        assertThat(bar.get("volume").asLong()).isEqualTo(12345);
        assertThat(vix.get("ts").asText()).isEqualTo("2025-03-10T09:35:00-04:00");
        assertThat(vix.get("value").asDouble()).isEqualTo(18.25);
    }

    // ---------------------------------------------------------------- helpers

    private static Bar barInProgress(String ticker, long ts) {
        // the bar whose (start, end] holds ts
        long end = ts + 59_999 - Math.floorMod(ts + 59_999, 60_000);
        return DATA.bars().stream()
                .filter(b -> b.ticker().equals(ticker) && b.ts() == end)
                .findFirst()
                .orElseThrow();
    }

    private static long count(List<JsonNode> recs, String field, String value) {
        return recs.stream().filter(r -> r.get(field).asText().equals(value)).count();
    }

    private static double mean(double[] xs, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += xs[i];
        }
        return s / (to - from);
    }

    private static Instant firstBarTs(LocalDate day) {
        return Instant.ofEpochMilli(DATA.bars().stream()
                .filter(b -> day(b.ts()).equals(day))
                .mapToLong(Bar::ts)
                .min()
                .orElseThrow());
    }

    private static LocalDate day(long ts) {
        return Instant.ofEpochMilli(ts).atZone(NEW_YORK).toLocalDate();
    }

    private static LocalTime localTime(long ts) {
        return Instant.ofEpochMilli(ts).atZone(NEW_YORK).toLocalTime();
    }
}
