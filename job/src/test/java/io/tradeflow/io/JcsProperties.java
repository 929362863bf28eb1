package io.tradeflow.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@link Jcs} is idempotent, its text reads back as the same tree, and every number it writes
 * reads back as the same double.
 */
class JcsProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Numbers are equal when they stand for the same double, as RFC 8785 reads them. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.doubleValue(), b.doubleValue()) : (a.equals(b) ? 0 : 1);

    @Property(tries = 300)
    void canonicalTextIsIdempotentAndReadsBackAsTheSameTree(@ForAll("trees") JsonNode tree)
            throws Exception {
        String canonical = Jcs.canonical(tree);
        JsonNode back = JSON.readTree(canonical);
        assertThat(Jcs.canonical(back)).isEqualTo(canonical);
        assertThat(back.equals(SAME_VALUE, normalized(tree))).as(canonical).isTrue();
    }

    @Property(tries = 2000)
    void numbersReadBackAsTheSameDouble(@ForAll double v) {
        String text = Jcs.number(v);
        assertThat(Double.parseDouble(text)).isEqualTo(v == 0 ? 0.0 : v);
        assertThat(text).doesNotContain("E").doesNotEndWith(".0");
    }

    /** Turns -0 into 0, which canonical text writes as "0". */
    private static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), normalized(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(n -> out.add(normalized(n)));
            return out;
        }
        return node.isNumber() && node.doubleValue() == 0 ? NODES.numberNode(0) : node;
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.doubles().ofScale(6).map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(1e-7, 1e21, 1e-27, 5e-324, -0.0, 333333333.33333329, 4.5)
                        .map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.longs().between(-(1L << 53), 1L << 53)
                        .map(n -> (JsonNode) NODES.numberNode(n)),
                texts().map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false),
                        NODES.nullNode()));
        Arbitrary<JsonNode> inner = Arbitraries.oneOf(leaf, objects(leaf), arrays(leaf));
        return objects(Arbitraries.oneOf(leaf, objects(inner), arrays(inner)));
    }

    private static Arbitrary<JsonNode> objects(Arbitrary<JsonNode> values) {
        return Arbitraries.maps(texts(), values).ofMaxSize(6).map(JcsProperties::object);
    }

    private static Arbitrary<JsonNode> arrays(Arbitrary<JsonNode> values) {
        return values.list().ofMaxSize(5).map(JcsProperties::array);
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode o = NODES.objectNode();
        fields.forEach(o::set);
        return o;
    }

    private static JsonNode array(List<JsonNode> items) {
        ArrayNode a = NODES.arrayNode();
        items.forEach(a::add);
        return a;
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('\u0000', '\uD7FF')
                        .ofMaxLength(12),
                Arbitraries.of("\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u007f",
                        "\u2028", "é", "€", "𝄞", "\ufb33", "a").list().ofMaxSize(6)
                        .map(l -> String.join("", l)));
    }
}
