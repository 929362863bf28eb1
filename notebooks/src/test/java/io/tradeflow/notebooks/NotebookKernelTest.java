package io.tradeflow.notebooks;

import io.tradeflow.notebooks.kernel.KernelInstaller;
import io.tradeflow.notebooks.kernel.KernelMain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernelspec the installer writes, and Jupyter itself running notebooks on the project
 * kernel through {@code jupyter nbconvert --execute} (skipped where Jupyter is not installed).
 */
class NotebookKernelTest {

    private static final Path MODULE = NotebookProcess.MODULE;
    private static final Path JUPYTER = MODULE.resolve("target/jupyter");
    private static final Path OUT = MODULE.resolve("target/nbconvert");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesAKernelspecNamedJavaThatStartsTheKernelOnTheConnectionFile(@TempDir Path tmp)
            throws Exception {
        Path a = Files.writeString(tmp.resolve("a-1.jar"), "a");
        Path b = Files.writeString(tmp.resolve("b-2.jar"), "b");
        Path dir = KernelInstaller.install(tmp.resolve("kernels/java"), "Java (Tradeflow)",
                a + File.pathSeparator + b, true, List.of());

        JsonNode spec = JSON.readTree(dir.resolve("kernel.json").toFile());
        assertThat(spec.get("display_name").asText()).isEqualTo("Java (Tradeflow)");
        assertThat(spec.get("language").asText()).isEqualTo("java");
        List<String> argv = new ArrayList<>();
        spec.get("argv").forEach(x -> argv.add(x.asText()));
        assertThat(argv).endsWith(KernelMain.class.getName(), "{connection_file}");
        assertThat(argv.get(argv.indexOf("-cp") + 1)).isEqualTo(
                dir.resolve("lib/a-1.jar") + File.pathSeparator + dir.resolve("lib/b-2.jar"));
        assertThat(dir.resolve("lib/b-2.jar")).hasContent("b");
    }

    @Test
    void jupyterRunsTheSmokeNotebookOnTheProjectKernel() throws Exception {
        Path executed = nbconvert(MODULE.resolve("00-smoke.ipynb"), 0);

        JsonNode nb = JSON.readTree(executed.toFile());
        assertThat(nb.findValues("image/png")).hasSize(1);
        assertThat(nb.findValues("image/png").get(0).asText()).startsWith("iVBORw0KGgo");
        assertThat(nb.toString()).contains("smoke ok").doesNotContain("\"output_type\":\"error\"");
    }

    @Test
    void jupyterStopsAtTheFailingCell() throws Exception {
        nbconvert(MODULE.resolve("src/test/resources/fixtures/failing.ipynb"), 1);
    }

    /** Runs nbconvert on the project kernel; returns the executed copy. */
    private static Path nbconvert(Path notebook, int expectedExit) throws Exception {
        Path jupyter = onPath("jupyter");
        Assumptions.assumeTrue(jupyter != null && works(jupyter),
                "jupyter nbconvert is not installed: skipping (Debian: apt-get install "
                        + "jupyter-nbconvert python3-nbclient jupyter-client python3-nbformat)");
        KernelInstaller.install(JUPYTER.resolve("kernels/java"), "Java (Tradeflow)",
                NotebookProcess.classpath(), false, NotebookProcess.jvmOptions());
        Files.createDirectories(OUT);
        String name = notebook.getFileName().toString().replaceAll("\\.ipynb$", "");
        Path log = OUT.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(jupyter.toString(), "nbconvert",
                "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=java",
                "--ExecutePreprocessor.timeout=" + NotebookProcess.cellTimeoutSeconds(),
                "--ExecutePreprocessor.startup_timeout=120",
                "--output-dir", OUT.toString(), "--output", name,
                notebook.toString()))
                .directory(notebook.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("JUPYTER_PATH", JUPYTER.toString());
        env.put("JUPYTER_RUNTIME_DIR", JUPYTER.resolve("runtime").toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("nbconvert did not end within 10 minutes");
        }
        String output = Files.readString(log);
        System.out.printf("[nbconvert] %s: exit %d in %.1f s%n", notebook.getFileName(),
                p.exitValue(), (System.nanoTime() - t0) / 1e9);
        if (expectedExit == 0) {
            assertThat(p.exitValue()).as(output).isZero();
        } else {
            assertThat(p.exitValue()).as(output).isNotZero();
            assertThat(output).contains("deliberate failure: balance -5");
        }
        return OUT.resolve(name + ".ipynb");
    }

    private static boolean works(Path jupyter) throws Exception {
        Process p = new ProcessBuilder(jupyter.toString(), "nbconvert", "--version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
