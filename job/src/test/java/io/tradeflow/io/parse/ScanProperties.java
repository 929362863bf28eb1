package io.tradeflow.io.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written scanners accept exactly what the expressions and formatters they replace do. */
class ScanProperties {
    static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,6})?");
    static final Pattern EPOCH = Pattern.compile("-?\\d{1,19}");
    static final DateTimeFormatter NINJA =
            DateTimeFormatter.ofPattern("uuuuMMdd HHmmss").withResolverStyle(ResolverStyle.STRICT);

    @Property(tries = 5_000)
    void decimalIsTheExpression(@ForAll("numberish") String s) {
        assertThat(Scan.isDecimal(s)).as(s).isEqualTo(DECIMAL.matcher(s).matches());
    }

    /** The simple form reads the value parseDouble reads, bit for bit, or says it is not. */
    @Property(tries = 20_000)
    void simpleDecimalIsParseDouble(@ForAll("decimals") String s) {
        double simple = Scan.simpleDecimal(s);
        long digits = s.chars().filter(Character::isDigit).count();
        if (digits <= 15 && Scan.isDecimal(s) && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
            assertThat(simple).as(s).isNotNaN();
        }
        if (!Double.isNaN(simple)) {
            assertThat(Scan.isDecimal(s)).as(s).isTrue();
            assertThat(Double.doubleToRawLongBits(simple)).as(s)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
    }

    @Property(tries = 5_000)
    void simpleDecimalAcceptsNoOtherText(@ForAll("numberish") String s) {
        double simple = Scan.simpleDecimal(s);
        if (!Double.isNaN(simple)) {
            assertThat(DECIMAL.matcher(s).matches()).as(s).isTrue();
            assertThat(Double.doubleToRawLongBits(simple)).as(s)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
    }

    @Property(tries = 5_000)
    void epochIsTheExpression(@ForAll("digitish") String s) {
        assertThat(Scan.isEpoch(s)).as(s).isEqualTo(EPOCH.matcher(s).matches());
    }

    @Property(tries = 5_000)
    void isoIsOffsetDateTime(@ForAll("isoish") String s) {
        assertSame(s, () -> Times.iso(s, "ts"),
                () -> OffsetDateTime.parse(s).toInstant().toEpochMilli());
    }

    /** A time read in place within a line is the time read from the field alone. */
    @Property(tries = 5_000)
    void isoInPlaceIsIsoAlone(@ForAll("isoish") String s, @ForAll("noise") String before,
            @ForAll("noise") String after) {
        String line = before + s + after;
        assertThat(Scan.isoMillis(line, before.length(), before.length() + s.length())).as(line)
                .isEqualTo(Scan.isoMillis(s));
    }

    /** A decimal read in place within a line is the decimal read from the field alone. */
    @Property(tries = 5_000)
    void decimalInPlaceIsDecimalAlone(@ForAll("decimals") String s, @ForAll("noise") String before,
            @ForAll("noise") String after) {
        String line = before + s + after;
        assertThat(Double.doubleToRawLongBits(Scan.simpleDecimal(line, before.length(),
                before.length() + s.length()))).as(line)
                .isEqualTo(Double.doubleToRawLongBits(Scan.simpleDecimal(s)));
    }

    @Property(tries = 10_000)
    void epochDayIsLocalDates(@ForAll("dates") LocalDate date) {
        assertThat(Scan.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
                .as(date.toString()).isEqualTo(date.toEpochDay());
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(0, 1, 1).toEpochDay(),
                LocalDate.of(9999, 12, 31).toEpochDay()).map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("0123456789-:T,Z.").ofMaxLength(4);
    }

    @Property(tries = 5_000)
    void ninjaIsTheFormatter(@ForAll("ninjaish") String s) {
        assertSame(s, () -> Times.ninjaUtc(s),
                () -> LocalDateTime.parse(s, NINJA).toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    /** Both give the same value, or both reject. */
    static void assertSame(String s, LongSupplier actual, LongSupplier expected) {
        Long want;
        try {
            want = expected.getAsLong();
        } catch (RuntimeException e) {
            want = null;
        }
        if (want == null) {
            org.assertj.core.api.Assertions.assertThatThrownBy(actual::getAsLong).as(s)
                    .isInstanceOf(Reject.class);
        } else {
            assertThat(actual.getAsLong()).as(s).isEqualTo(want);
        }
    }

    @Provide
    Arbitrary<String> numberish() {
        return Arbitraries.strings().withChars("0123456789+-.eE x").ofMaxLength(12);
    }

    /** Signed decimals of 0-18 digits on either side of an optional point, prices among them. */
    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
        Arbitrary<String> whole = Arbitraries.strings().numeric().ofMaxLength(18);
        Arbitrary<String> point = Arbitraries.of("", ".", ".");
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMaxLength(18);
        Arbitrary<String> price = Arbitraries.doubles().between(0.0001, 100_000).ofScale(4)
                .map(d -> String.format(java.util.Locale.ROOT, "%.4f", d));
        return Arbitraries.oneOf(Combinators.combine(sign, whole, point, fraction)
                .as((a, b, c, d) -> a + b + c + d), price);
    }

    @Provide
    Arbitrary<String> digitish() {
        return Arbitraries.strings().withChars("0123456789-+").ofMaxLength(22);
    }

    /** Mostly well-formed fields, some out of range, odd offsets, and now and then noise. */
    @Provide
    Arbitrary<String> isoish() {
        Arbitrary<String> offset = Arbitraries.oneOf(Arbitraries.of("Z", "z", "", "+18:00",
                        "-18:00", "+05", "+05:30:00"),
                Combinators.combine(Arbitraries.of("+", "-"), two(0, 19), two(0, 61))
                        .as((sign, h, m) -> sign + h + ":" + m));
        Arbitrary<String> stamp = Combinators.combine(
                Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y)),
                two(0, 13), two(0, 32), two(0, 25), two(0, 61), two(0, 61), offset)
                .as((y, mo, d, h, mi, sec, off) ->
                        y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + sec + off);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, stamp),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("0123456789-T:Z+")
                        .ofMinLength(19).ofMaxLength(26)));
    }

    @Provide
    Arbitrary<String> ninjaish() {
        Arbitrary<String> stamp = Combinators.combine(
                Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y)),
                two(0, 13), two(0, 32), two(0, 25), two(0, 61), two(0, 61))
                .as((y, mo, d, h, mi, sec) -> y + mo + d + " " + h + mi + sec);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, stamp),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("0123456789 -")
                        .ofMinLength(14).ofMaxLength(16)));
    }

    static Arbitrary<String> two(int min, int max) {
        return Arbitraries.integers().between(min, max).map(v -> String.format("%02d", v));
    }
}
