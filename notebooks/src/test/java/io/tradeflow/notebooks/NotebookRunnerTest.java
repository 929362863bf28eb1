package io.tradeflow.notebooks;

import io.tradeflow.notebooks.runner.NotebookRunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The headless runner fails a notebook on its first failing cell, and on a cell that hangs. */
class NotebookRunnerTest {

    private static final Path FIXTURES =
            NotebookProcess.MODULE.resolve("src/test/resources/fixtures");
    private static final Path OUT = NotebookProcess.MODULE.resolve("target/executed-fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void failsWithTheCellNumberAndTheErrorAndKeepsEarlierOutputs() throws Exception {
        NotebookProcess.Result r = NotebookProcess.run(FIXTURES.resolve("failing.ipynb"), OUT,
                "--cell-timeout", "120");

        assertThat(r.exitCode()).as(r.log()).isEqualTo(NotebookRunner.CELL_FAILED);
        assertThat(r.log())
                .contains("cell [3] (code cell 3 of 4) failed")
                .contains("java.lang.IllegalStateException: deliberate failure: balance -5")
                .doesNotContain("cell [4]");

        List<JsonNode> cells = codeCells(r.executed());
        assertThat(cells.get(0).get("outputs").get(0).get("data").get("text/html").toString())
                .contains("<th>n</th>");
        assertThat(cells.get(0).get("outputs").toString())
                .contains("backend org.dflib.jjava.jupyter.kernel.BaseNotebookStatics");
        assertThat(cells.get(1).get("outputs").get(0).get("data").get("image/png").asText())
                .startsWith("iVBORw0KGgo");
        JsonNode error = cells.get(2).get("outputs").get(0);
        assertThat(error.get("output_type").asText()).isEqualTo("error");
        assertThat(error.get("ename").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("evalue").asText()).isEqualTo("deliberate failure: balance -5");
        assertThat(cells.get(3).get("outputs")).isEmpty();
        assertThat(cells.get(3).get("execution_count").isNull()).isTrue();
    }

    @Test
    void stopsACellThatRunsPastTheTimeout() throws Exception {
        NotebookProcess.Result r = NotebookProcess.run(FIXTURES.resolve("slow.ipynb"), OUT,
                "--cell-timeout", "2");

        assertThat(r.exitCode()).as(r.log()).isEqualTo(NotebookRunner.TIMED_OUT);
        assertThat(r.log()).contains("cell [2] (code cell 2 of 2) timed out after 2 s");
        JsonNode error = codeCells(r.executed()).get(1).get("outputs").get(0);
        assertThat(error.get("ename").asText()).isEqualTo("CellTimeoutError");
    }

    private static List<JsonNode> codeCells(Path notebook) throws Exception {
        List<JsonNode> cells = new ArrayList<>();
        for (JsonNode c : JSON.readTree(notebook.toFile()).get("cells")) {
            if (c.get("cell_type").asText().equals("code")) {
                cells.add(c);
            }
        }
        return cells;
    }
}
