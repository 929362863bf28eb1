package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema(String name) throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/schemas/" + name)) {
            assertThat(in).as("schemas/%s on the classpath", name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static List<String> required(String name) throws IOException {
        List<String> fields = new ArrayList<>();
        schema(name).get("required").forEach(n -> fields.add(n.asText()));
        return fields;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bars", "recommendations", "vix", "calendar", "control", "fills",
            "broker-positions", "orders", "dead-letters", "option-quotes"})
    void isADraft202012ObjectSchema(String topic) throws IOException {
        JsonNode s = schema(topic + ".schema.json");
        assertThat(s.path("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(s.path("title").asText()).isNotBlank();
        assertThat(s.path("type").asText()).isEqualTo("object");
        assertThat(s.path("required").isArray()).isTrue();
        assertThat(s.path("required")).isNotEmpty();
        // every required field is described
        s.get("required").forEach(f -> assertThat(s.path("properties").has(f.asText()))
                .as("%s: property %s", topic, f.asText()).isTrue());
    }

    @Test
    void requiredFieldsMatchTheParsers() throws IOException {
        Map<String, List<String>> parsers = Map.of(
                "bars", BarParser.REQUIRED_FIELDS,
                "recommendations", RecommendationParser.REQUIRED_FIELDS,
                "vix", VixParser.REQUIRED_FIELDS,
                "calendar", CalendarParser.REQUIRED_FIELDS,
                "control", ControlParser.REQUIRED_FIELDS,
                "fills", FillParser.REQUIRED_FIELDS,
                "broker-positions", BrokerPositionsParser.REQUIRED_FIELDS,
                "option-quotes", OptionQuoteParser.REQUIRED_FIELDS);
        for (Map.Entry<String, List<String>> e : parsers.entrySet()) {
            assertThat(required(e.getKey() + ".schema.json")).as(e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void brokerPositionFieldsMatchTheParser() throws IOException {
        List<String> fields = new ArrayList<>();
        schema("broker-positions.schema.json").at("/properties/positions/items/required")
                .forEach(n -> fields.add(n.asText()));
        assertThat(fields).containsExactlyElementsOf(BrokerPositionsParser.POSITION_FIELDS);
    }

    @Test
    void enumsMatchTheParsers() throws IOException {
        List<String> kinds = new ArrayList<>();
        schema("calendar.schema.json").at("/properties/kind/enum")
                .forEach(n -> kinds.add(n.asText()));
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(CalendarParser.KINDS);
        List<String> commands = new ArrayList<>();
        schema("control.schema.json").at("/properties/command/enum")
                .forEach(n -> commands.add(n.asText()));
        assertThat(commands).containsExactlyInAnyOrderElementsOf(ControlParser.COMMANDS);
    }

    @Test
    void documentsTheSignature() throws IOException {
        String description = schema("recommendations.schema.json").path("description").asText();
        assertThat(description).contains("HMAC-SHA256", "without its signature field",
                "RFC 8785", "UTF-8",
                "TRADEFLOW_WEBHOOK_SECRET");
        assertThat(schema("control.schema.json").at("/properties/signature/description").asText())
                .contains("HMAC-SHA256", "TRADEFLOW_CONTROL_SECRET");
    }

    @Test
    void describesOrdersAndDeadLetters() throws IOException {
        assertThat(schema("orders.schema.json").path("properties").properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("client_order_id", "account", "decision_id", "position_id",
                        "ticker", "side", "type", "quantity", "limit_price", "ts", "status",
                        "reason", "instrument");
        assertThat(required("dead-letters.schema.json"))
                .containsExactly("id", "source", "position", "reason", "detail", "payload");
    }
}
