package io.tradeflow.rules.correlation;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Holds one ticker's last daily closes, oldest first, keyed by epoch day: the input of the return
 * correlation (R-SIZE-3).
 *
 * <p>Kept in Flink state as a POJO of two primitive arrays. Immutable: the constructor and the
 * array accessors copy; {@link #size()}, {@link #day(int)} and {@link #close(int)} read without
 * copying.
 *
 * @param epochDays {@link LocalDate#toEpochDay()} of each close, strictly increasing
 * @param closes the closes, as many as {@code epochDays}
 */
public record DailyCloses(int[] epochDays, double[] closes) implements Serializable {

    private static final DailyCloses EMPTY = new DailyCloses(new int[0], new double[0]);

    public DailyCloses {
        epochDays = epochDays == null ? new int[0] : epochDays.clone();
        closes = closes == null ? new double[0] : closes.clone();
        if (epochDays.length != closes.length) {
            throw new IllegalArgumentException("daily closes need one day per close: "
                    + epochDays.length + " days, " + closes.length + " closes");
        }
    }

    public static DailyCloses empty() {
        return EMPTY;
    }

    /**
     * Returns these closes with {@code close} on {@code day}: the same day as the last close
     * replaces it, a later day appends, an earlier day (late data) is ignored, and so is a close
     * that is not positive and finite. At most {@code maxDays + 1} closes are kept, which make
     * {@code maxDays} returns.
     */
    public DailyCloses with(LocalDate day, double close, int maxDays) {
        if (!(close > 0) || !Double.isFinite(close)) {
            return this;
        }
        int d = Math.toIntExact(day.toEpochDay());
        int n = closes.length;
        if (n > 0 && d == epochDays[n - 1]) {
            double[] c = closes.clone();
            c[n - 1] = close;
            return new DailyCloses(epochDays, c);
        }
        if (n > 0 && d < epochDays[n - 1]) {
            return this;
        }
        int keep = Math.max(0, Math.min(n, maxDays));
        int[] days = new int[keep + 1];
        double[] c = new double[keep + 1];
        System.arraycopy(epochDays, n - keep, days, 0, keep);
        System.arraycopy(closes, n - keep, c, 0, keep);
        days[keep] = d;
        c[keep] = close;
        return new DailyCloses(days, c);
    }

    @Override
    public int[] epochDays() {
        return epochDays.clone();
    }

    @Override
    public double[] closes() {
        return closes.clone();
    }

    /** Returns the number of closes. */
    public int size() {
        return closes.length;
    }

    /** Returns the epoch day of close {@code i}, oldest first. */
    public int day(int i) {
        return epochDays[i];
    }

    /** Returns close {@code i}, oldest first. */
    public double close(int i) {
        return closes[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailyCloses d && Arrays.equals(epochDays, d.epochDays)
                && Arrays.equals(closes, d.closes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(epochDays) + Arrays.hashCode(closes);
    }

    @Override
    public String toString() {
        int n = closes.length;
        return n == 0 ? "DailyCloses[]"
                : "DailyCloses[" + n + " closes, " + LocalDate.ofEpochDay(epochDays[0]) + ".."
                        + LocalDate.ofEpochDay(epochDays[n - 1]) + ", last " + closes[n - 1] + "]";
    }
}
