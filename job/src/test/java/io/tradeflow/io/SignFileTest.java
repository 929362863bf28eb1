package io.tradeflow.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.Recommendation;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.io.parse.RecommendationParser;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignFileTest {
    private static final byte[] SECRET = "file-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void signsEveryObjectAndSkipsBlankLines() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.write(in, List.of(
                "{\"id\":\"r1\",\"ticker\":\"SPY\",\"action\":\"buy\",\"confidence\":0.9,"
                        + "\"signal_type\":\"x\",\"mode\":\"paper_eligible\","
                        + "\"generated_at\":1700000000000}",
                "",
                "  {\"id\":\"r2\",\"ticker\":\"SPY\",\"action\":\"sell\",\"confidence\":0.1,"
                        + "\"signal_type\":\"x\",\"mode\":\"paper_eligible\","
                        + "\"generated_at\":1700000000001,\"signature\":\"stale\"}"));
        assertThat(SignFile.sign(in, out, Keyring.single(SECRET))).isEqualTo(2);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        RecommendationParser parser =
                new RecommendationParser(new ParseContext(null, null, SECRET));
        for (int i = 0; i < lines.size(); i++) {
            assertThat(Signatures.verify(SECRET, (ObjectNode) json.readTree(lines.get(i))))
                    .isTrue();
            Parsed<Recommendation> p = parser.parse(RawRecord.ofLine("out", i + 1, lines.get(i)));
            assertThat(p.isOk()).as("%s", p).isTrue();
        }
    }

    @Test
    void namesTheLineThatIsNotAnObject() throws Exception {
        Path in = dir.resolve("bad.jsonl");
        Files.write(in, List.of("{\"a\":1}", "", "[1,2]"));
        assertThatThrownBy(() -> SignFile.sign(in, dir.resolve("o"), Keyring.single(SECRET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
        Files.write(in, List.of("{\"a\":1", "{}"));
        assertThatThrownBy(() -> SignFile.sign(in, dir.resolve("o"), Keyring.single(SECRET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    }

    @Test
    void rawRecordIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RawRecord.class);
    }
}
