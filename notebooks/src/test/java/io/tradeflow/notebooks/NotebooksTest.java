package io.tradeflow.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Executes every {@code notebooks/*.ipynb} headlessly, each in a JVM of its own, and fails on the
 * first failing cell; executed copies and logs go to {@code target/executed/}. A notebook whose
 * metadata has {@code "tradeflow": {"skip": "why"}} is reported as skipped, with the reason;
 * {@code -Dnotebooks=GLOB} selects notebooks by file name.
 */
class NotebooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsAndChecksItself() throws IOException {
        // -Dnotebooks=GLOB runs only the notebooks whose file name matches (e.g. '02-*')
        String glob = System.getProperty("notebooks", "*").strip();
        PathMatcher selected = FileSystems.getDefault().getPathMatcher(
                "glob:" + (glob.isEmpty() ? "*" : glob));
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NotebookProcess.MODULE)) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb"))
                    .filter(f -> selected.matches(f.getFileName())).sorted()
                    .collect(Collectors.toList());
        }
        assertThat(notebooks).as("notebooks matching '%s' in %s", glob, NotebookProcess.MODULE)
                .isNotEmpty();
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(
                nb.getFileName().toString(), nb.toUri(), () -> runs(nb)));
    }

    private static void runs(Path notebook) throws Exception {
        JsonNode root = JSON.readTree(notebook.toFile());
        assertThat(selfChecks(root))
                .as("%s needs a code cell tagged self-check that throws when the result is wrong",
                        notebook.getFileName())
                .isTrue();
        String skip = root.path("metadata").path("tradeflow").path("skip").asText("");
        Assumptions.assumeTrue(skip.isEmpty(), () -> notebook.getFileName() + " skipped: " + skip);

        NotebookProcess.Result r = NotebookProcess.run(notebook, NotebookProcess.EXECUTED,
                "--cell-timeout", String.valueOf(NotebookProcess.cellTimeoutSeconds()));
        System.out.printf("[notebooks] %s: exit %d in %.1f s -> %s%n", notebook.getFileName(),
                r.exitCode(), r.millis() / 1000.0, r.executed());
        assertThat(r.exitCode()).as("%s failed:%n%s", notebook.getFileName(), r.log()).isZero();
        assertThat(JSON.readTree(r.executed().toFile()).findValuesAsText("output_type"))
                .as("outputs of %s", r.executed()).doesNotContain("error");
    }

    private static boolean selfChecks(JsonNode notebook) {
        for (JsonNode cell : notebook.path("cells")) {
            if ("code".equals(cell.path("cell_type").asText())) {
                for (JsonNode tag : cell.path("metadata").path("tags")) {
                    if (tag.asText().equals("self-check")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
