package io.tradeflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@link JsonText} writes what Jackson writes from a tree of the same values: decision traces
 * stay byte-identical to those the engine built with {@code ObjectNode}s.
 */
class JsonTextProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 500)
    void sameTextAsJackson(@ForAll("texts") String text, @ForAll("doubles") double d,
            @ForAll("decimals") BigDecimal decimal, @ForAll long n,
            @ForAll("texts") String anyName) throws Exception {
        String name = "k" + anyName; // unlike "text" and "none", which a tree would replace
        ObjectNode tree = JSON.createObjectNode();
        ObjectNode inner = tree.putObject("inner");
        inner.put("text", text);
        inner.put(name, d);
        inner.putNull("none");
        tree.put("decimal", decimal);
        tree.put("n", n);
        tree.put("boxed", d);
        tree.put("flag", n % 2 == 0);
        tree.putArray("list").add(n).add(-n);
        tree.putArray("objects").addObject().put("text", text);

        JsonText ours = new JsonText(new StringBuilder()).startObject();
        ours.object("inner").put("text", text).put(name, d).putNull("none").end()
                .put("decimal", decimal).put("n", n).put("boxed", (Double) d)
                .put("flag", n % 2 == 0);
        ours.array("list").add(n).add(-n).endArray();
        ours.array("objects").startObject().put("text", text).end().endArray();
        ours.end();

        assertThat(ours.toString()).isEqualTo(JSON.writeValueAsString(tree));
        assertThat(JsonText.quote(text)).isEqualTo(JSON.writeValueAsString(text));
    }

    @Example
    void namesBeyondTheKeptOnesAreWrittenAlike() throws Exception {
        // field names are kept quoted up to a bound (names from data: a reconciliation's tickers)
        ObjectNode tree = JSON.createObjectNode();
        JsonText ours = new JsonText(new StringBuilder()).startObject();
        for (int i = 0; i < 5000; i++) {
            String name = "T\"" + i;
            tree.put(name, i);
            ours.put(name, (long) i);
        }
        assertThat(ours.end().toString()).isEqualTo(JSON.writeValueAsString(tree));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('\u0000', '\uD7FF')
                        .ofMaxLength(40),
                Arbitraries.of("\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u007f",
                        "\u2028", "é", "€", "𝄞", "a").list().ofMaxSize(12)
                        .map(l -> String.join("", l)));
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        -0.0, 0.0, 1e-7, 1e21, 123456789.123, Double.MIN_VALUE,
                        Double.MAX_VALUE));
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.oneOf(Arbitraries.bigDecimals().ofScale(4),
                Arbitraries.of(List.of(new BigDecimal("100000.0000"), new BigDecimal("0.00"),
                        new BigDecimal("1E+3"), new BigDecimal("-12.3400"), BigDecimal.ZERO)));
    }
}
