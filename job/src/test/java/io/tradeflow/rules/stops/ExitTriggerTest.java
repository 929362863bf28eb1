package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Examples of R-STOP-3: a bar at or beyond the stop or the target closes the position. */
@DisplayName("R-STOP-3 stop and target exits")
class ExitTriggerTest {
    // long: stop 95, target 110; short: stop 105, target 90
    private static final double LONG_STOP = 95.0;
    private static final double LONG_TARGET = 110.0;
    private static final double SHORT_STOP = 105.0;
    private static final double SHORT_TARGET = 90.0;

    private static String lng(double low, double high) {
        return ExitTrigger.crossed(true, LONG_STOP, LONG_TARGET, low, high);
    }

    private static String sht(double low, double high) {
        return ExitTrigger.crossed(false, SHORT_STOP, SHORT_TARGET, low, high);
    }

    @Test
    void exitsALongWhoseLowEqualsTheStop() {
        assertThat(lng(95.00, 99)).isEqualTo("stop");
    }

    @Test
    void exitsALongWhoseLowIsBelowTheStop() {
        assertThat(lng(90.00, 99)).isEqualTo(ExitTrigger.STOP);
    }

    @Test
    void holdsALongWhoseLowIsOneCentAboveTheStop() {
        assertThat(lng(95.01, 109.99)).isNull();
    }

    @Test
    void exitsALongWhoseHighEqualsTheTarget() {
        assertThat(lng(100, 110.00)).isEqualTo("target");
    }

    @Test
    void holdsALongWhoseHighIsOneCentBelowTheTarget() {
        assertThat(lng(100, 109.99)).isNull();
    }

    @Test
    void takesTheStopWhenALongBarTouchesBoth() {
        assertThat(lng(95.00, 110.00)).isEqualTo(ExitTrigger.STOP);
        assertThat(lng(80, 130)).isEqualTo(ExitTrigger.STOP);
    }

    @Test
    void exitsAShortWhoseHighEqualsTheStop() {
        assertThat(sht(100, 105.00)).isEqualTo(ExitTrigger.STOP);
    }

    @Test
    void holdsAShortWhoseHighIsOneCentBelowTheStop() {
        assertThat(sht(90.01, 104.99)).isNull();
    }

    @Test
    void exitsAShortWhoseLowEqualsTheTarget() {
        assertThat(sht(90.00, 100)).isEqualTo(ExitTrigger.TARGET);
    }

    @Test
    void holdsAShortWhoseLowIsOneCentAboveTheTarget() {
        assertThat(sht(90.01, 100)).isNull();
    }

    @Test
    void takesTheStopWhenAShortBarTouchesBoth() {
        assertThat(sht(90.00, 105.00)).isEqualTo(ExitTrigger.STOP);
    }

    @Test
    void ignoresTheOtherSidesLevels() {
        // a long is not stopped by a high above its stop price, nor a short by a low below it
        assertThat(ExitTrigger.crossed(true, 95, 110, 96, 105)).isNull();
        assertThat(ExitTrigger.crossed(false, 105, 90, 91, 104)).isNull();
    }
}
