package io.tradeflow.rules.options;

/**
 * Computes the standard normal distribution function from W. J. Cody's rational Chebyshev
 * approximation of erfc ("Rational Chebyshev approximations for the error function", Math. Comp.
 * 23 (1969) 631-638; Netlib SPECFUN {@code CALERF}), accurate to about 1e-16 relative in double
 * precision, in both tails.
 */
public final class StandardNormal {
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;
    /** Below XSMALL erf is its first term; above XBIG (of x / sqrt 2) the tail underflows. */
    private static final double XSMALL = 1.11e-16;
    private static final double XBIG = 26.543;
    private static final double THRESHOLD = 0.46875;

    // erf on |x| <= 0.46875
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02,
        3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02,
        1.28261652607737228e03, 2.84423683343917062e03};
    // erfc on 0.46875 < |x| <= 4
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00,
        6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
        1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
        2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02,
        5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
        4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
    // erfc on |x| > 4 (asymptotic in 1/x^2)
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1,
        1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
        1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00,
        5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3};

    private StandardNormal() {}

    /** Returns P(Z <= x) for a standard normal Z: 0 at -infinity, 1 at +infinity, NaN for NaN. */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double y = Math.abs(x) / SQRT2;
        if (y <= THRESHOLD) {
            return 0.5 + 0.5 * erfSmall(x / SQRT2);
        }
        // erfc(y) = e^{-y^2} R(y): e^{-y^2} = e^{-x^2/2} is taken from x itself, since y, rounded
        // after the division, would cost 2 y^2 ulps in the far tail; R(y) hardly feels it
        double tail = y >= XBIG ? 0.0 : 0.5 * scaledErfc(y) * gaussian(Math.abs(x));
        return x < 0 ? tail : 1.0 - tail;
    }

    /** Returns erf(x) for |x| <= 0.46875. */
    private static double erfSmall(double x) {
        double y = Math.abs(x);
        double ysq = y > XSMALL ? y * y : 0.0;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /** Returns erfc(y) e^{y^2} for 0.46875 < y. */
    private static double scaledErfc(double y) {
        if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            return (num + C[7]) / (den + D[7]);
        }
        double ysq = 1.0 / (y * y);
        double num = P[5] * ysq;
        double den = ysq;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * ysq;
            den = (den + Q[i]) * ysq;
        }
        return (ONE_OVER_SQRT_PI - ysq * (num + P[4]) / (den + Q[4])) / y;
    }

    /**
     * Returns e^{-a^2/2} with a^2 split, as Cody does for e^{-y^2}: a rounded down to sixteenths
     * squares exactly, and the small rest (a - head)(a + head) loses nothing to rounding.
     */
    private static double gaussian(double a) {
        double head = Math.floor(a * 16.0) / 16.0;
        double rest = (a - head) * (a + head);
        return Math.exp(-head * head / 2) * Math.exp(-rest / 2);
    }
}
