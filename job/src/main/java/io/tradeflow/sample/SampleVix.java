package io.tradeflow.sample;

import static io.tradeflow.sample.MarketGenerator.VIX_CAP_OUTSIDE_SPIKE;
import static io.tradeflow.sample.MarketGenerator.VIX_FLOOR_IN_SPIKE;
import static io.tradeflow.sample.MarketGenerator.VIX_MEAN;
import static io.tradeflow.sample.MarketGenerator.VIX_PER_DAY;
import static io.tradeflow.sample.MarketGenerator.VIX_RAMP_QUOTES;
import static io.tradeflow.sample.MarketGenerator.clamp;
import static io.tradeflow.sample.MarketGenerator.round2;
import static io.tradeflow.sample.MarketGenerator.vixTs;

import io.tradeflow.event.VixQuote;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Draws the VIX quotes of a generated market (see {@link MarketGenerator}). */
final class SampleVix {
    private SampleVix() {}

    /**
     * A mean-reverting series around 18, capped below the threshold except inside the one scripted
     * spike, where it is floored above it: exactly one crossing up and one back down.
     */
    static List<VixQuote> of(MarketGenerator.Spec spec, MarketGenerator.Script s) {
        Rng r = Rng.of(spec.seed(), "vix");
        List<VixQuote> out = new ArrayList<>(spec.days().size() * VIX_PER_DAY);
        double x = clamp(VIX_MEAN + r.nextGaussian(), 15.0, 21.0);
        for (int d = 0; d < spec.days().size(); d++) {
            LocalDate day = spec.days().get(d);
            if (d > 0) {
                x = clamp(x + 0.6 * r.nextGaussian(), 12.0, 24.0);
            }
            for (int k = 0; k < VIX_PER_DAY; k++) {
                double z = r.nextGaussian();
                boolean spikeDay = d == s.vixDay();
                int j = k - s.spikeStart();
                double value;
                if (spikeDay && j >= 0 && j < s.spikeLen()) {
                    double hump = StrictMath.sin(StrictMath.PI * (j + 0.5) / s.spikeLen());
                    x = Math.max(VIX_FLOOR_IN_SPIKE, 28.5 + 3.2 * hump + 0.25 * z);
                    value = round2(x);
                } else {
                    if (spikeDay && j >= -VIX_RAMP_QUOTES && j < 0) {
                        x = x + 0.45 * (26.8 - x) + 0.15 * z;
                    } else if (spikeDay && j == s.spikeLen()) {
                        x = 26.6 + 0.3 * z;
                    } else {
                        double theta = spikeDay && j > s.spikeLen() ? 0.06 : 0.03;
                        x = x + theta * (VIX_MEAN - x) + 0.16 * z;
                    }
                    x = clamp(x, 11.0, VIX_CAP_OUTSIDE_SPIKE);
                    value = round2(x);
                }
                out.add(new VixQuote(vixTs(day, k), value));
            }
        }
        return out;
    }
}
