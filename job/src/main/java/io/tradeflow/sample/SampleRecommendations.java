package io.tradeflow.sample;

import static io.tradeflow.sample.MarketGenerator.BARS_PER_DAY;
import static io.tradeflow.sample.MarketGenerator.CONFLUENCE_MAX_SCORE;
import static io.tradeflow.sample.MarketGenerator.JSON;
import static io.tradeflow.sample.MarketGenerator.REC_FIRST_SECOND;
import static io.tradeflow.sample.MarketGenerator.REC_LAST_SECOND;
import static io.tradeflow.sample.MarketGenerator.SESSION_OPEN;
import static io.tradeflow.sample.MarketGenerator.SIGNAL_TYPES;
import static io.tradeflow.sample.MarketGenerator.cents;
import static io.tradeflow.sample.MarketGenerator.epochMillis;
import static io.tradeflow.sample.MarketGenerator.isoTime;
import static io.tradeflow.sample.MarketGenerator.round3;
import static io.tradeflow.sample.MarketGenerator.write;

import io.tradeflow.io.Signatures;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Draws the signed recommendations of a generated market (see {@link MarketGenerator}). */
final class SampleRecommendations {
    private SampleRecommendations() {}


    record Line(long generatedAt, String id, long emittedAt, String json) {}

    static List<Line> of(MarketGenerator.Spec spec, MarketGenerator.Prices prices) {
        Rng r = Rng.of(spec.seed(), "recommendations");
        int perDay = spec.recommendationsPerDay();
        int width = Math.max(3, Integer.toString(perDay).length());
        List<Line> originals = new ArrayList<>(perDay * spec.days().size());
        for (int d = 0; d < spec.days().size(); d++) {
            LocalDate day = spec.days().get(d);
            long open = epochMillis(day, SESSION_OPEN);
            TreeSet<Integer> seconds = new TreeSet<>();
            while (seconds.size() < perDay) {
                seconds.add(REC_FIRST_SECOND + r.nextInt(REC_LAST_SECOND - REC_FIRST_SECOND + 1));
            }
            int n = 0;
            for (int sec : seconds) {
                n++;
                String id = "rec-" + day + "-" + String.format(Locale.ROOT, "%0" + width + "d", n);
                long ts = open + 1000L * sec;
                ObjectNode rec = recommendation(spec, prices, r, d, sec, id, ts);
                String json = write(Signatures.signed(spec.webhookSecret(), rec));
                originals.add(new Line(ts, id, ts, json));
            }
        }
        List<Line> all = new ArrayList<>(originals);
        Rng dr = Rng.of(spec.seed(), "duplicates");
        int dups = (int) Math.round(originals.size() * spec.duplicateFraction());
        int[] order = new int[originals.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < dups; i++) {
            int j = i + dr.nextInt(order.length - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
            Line o = originals.get(order[i]);
            long delay = 1000L * (5 + dr.nextInt(86));
            all.add(new Line(o.generatedAt, o.id, o.generatedAt + delay, o.json));
        }
        all.sort(Comparator.comparingLong(Line::generatedAt)
                .thenComparing(Line::id)
                .thenComparingLong(Line::emittedAt));
        return all;
    }

    private static ObjectNode recommendation(
            MarketGenerator.Spec spec, MarketGenerator.Prices prices, Rng r, int d, int sec,
            String id, long ts) {
        int t = r.nextInt(spec.tickers().size());
        String account = null;
        if (!spec.accounts().isEmpty() && r.nextDouble() < 0.15) {
            account = spec.accounts().get(r.nextInt(spec.accounts().size()));
        }
        double a = r.nextDouble();
        String action = a < 0.03 ? "hold" : a < 0.25 ? "sell" : "buy";
        double confidence = round3(0.5 + 0.5 * r.nextDouble());
        String signalType = SIGNAL_TYPES.get(r.nextInt(SIGNAL_TYPES.size()));
        double m = r.nextDouble();
        String mode = m < 0.05 ? "research" : m < 0.62 ? "live_eligible" : "paper_eligible";
        // the minute bar in progress at this second, interpolated; at a bar's end its close
        int i = (sec - 1) / 60;
        double frac = (sec - 60.0 * i) / 60.0;
        int idx = d * BARS_PER_DAY + i;
        double open = prices.opens()[t][idx];
        double mid = open + (prices.closes()[t][idx] - open) * frac;
        int offsetCents = r.nextInt(11) - 5;
        double price = Math.max(0.01, cents(mid + offsetCents / 100.0));
        Double score = null;
        Double maxScore = null;
        if (signalType.equals("confluence")) {
            maxScore = CONFLUENCE_MAX_SCORE;
            score = (double) (4 + r.nextInt(3));
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        if (account != null) {
            n.put("account", account);
        }
        n.put("ticker", spec.tickers().get(t));
        n.put("action", action);
        n.put("confidence", confidence);
        n.put("signal_type", signalType);
        n.put("mode", mode);
        n.put("generated_at", isoTime(ts));
        n.put("price", price);
        if (score != null) {
            n.put("score", score);
            n.put("max_score", maxScore);
        }
        return n;
    }
}
