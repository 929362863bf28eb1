package io.tradeflow.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@link Jcs} writes what RFC 8785's published examples write. */
class JcsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text. */
    @ParameterizedTest
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void writesTheNumbersOfAppendixB(String bits, String expected) {
        double v = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThat(Jcs.number(v)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1e-7, 1e-7", "1.0, 1", "1e21, 1e+21", "4.50, 4.5", "2e-3, 0.002",
        "0.000000000000000000000000001, 1e-27", "1E30, 1e+30", "-0, 0", "123e-2, 1.23",
        "100, 100", "1e20, 100000000000000000000", "0.1, 0.1", "2.82879384806159E17,"
                + " 282879384806159000"})
    void writesNumbersAsEcmaScript(String text, String expected) {
        assertThat(Jcs.number(Double.parseDouble(text))).isEqualTo(expected);
    }

    @Test
    void rejectsNumbersJsonCannotCarry() {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> Jcs.number(v)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** RFC 8785 § 3.2.4: the sample input and its canonical form. */
    @Test
    void writesTheSampleOfSection324() throws Exception {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, "
                + "0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        assertThat(Jcs.canonical(JSON.readTree(input))).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,"
                        + "1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785 § 3.2.3: keys sorted by UTF-16 code units, not by code points. */
    @Test
    void sortsKeysByUtf16CodeUnits() throws Exception {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\","
                + "\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\","
                + "\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        assertThat(Jcs.canonical(JSON.readTree(input))).isEqualTo("{\"\\r\":\"Carriage Return\","
                + "\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesControlsMinimally() throws Exception {
        assertThat(Jcs.canonical(JSON.readTree("\"\\b\\t\\n\\f\\r\\u0001\\u001f\\u007f\u2028/\"")))
                .isEqualTo("\"\\b\\t\\n\\f\\r\\u0001\\u001f\u007f\u2028/\"");
    }

    @Test
    void rejectsALoneSurrogate() {
        assertThatThrownBy(() -> Jcs.canonical(JSON.getNodeFactory().textNode("a\ud800")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
