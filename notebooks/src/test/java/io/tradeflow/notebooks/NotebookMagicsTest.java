package io.tradeflow.notebooks;

import io.tradeflow.notebooks.kernel.CellFailure;
import io.tradeflow.notebooks.kernel.CellSource;
import io.tradeflow.notebooks.kernel.Dependencies;
import io.tradeflow.notebooks.kernel.JShellSession;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cells split into code and magics; %maven and %classpath; JShell values and errors. */
class NotebookMagicsTest {

    private final List<String> added = new ArrayList<>();
    private final Dependencies verify =
            new Dependencies(Dependencies.Mode.VERIFY, Path.of(""), added::add);

    @Test
    void splitsACellIntoMagicsAndCodeInOrder() {
        List<CellSource.Part> parts = CellSource.parts(
                "%maven a:b:1 c:d:2\nint x = 1;\n  %classpath lib/*.jar\nx + 1");

        assertThat(parts).hasSize(4);
        assertThat(parts.get(0).magic()).isEqualTo("maven");
        assertThat(parts.get(0).args()).containsExactly("a:b:1", "c:d:2");
        assertThat(parts.get(1).code()).isEqualTo("int x = 1;\n");
        assertThat(parts.get(2).magic()).isEqualTo("classpath");
        assertThat(parts.get(3).code()).isEqualTo("x + 1\n");
    }

    @Test
    void rejectsCellMagics() {
        assertThatThrownBy(() -> CellSource.parts("%%loadFromPOM\n<project/>"))
                .isInstanceOf(CellFailure.class)
                .hasMessageContaining("cell magics are not supported");
    }

    @Test
    void mavenAcceptsArtifactsOnTheClassPathAndTheProjectsOwn() {
        verify.lineMagic("maven", List.of("tech.tablesaw:tablesaw-core:0.44.4",
                "org.knowm.xchart:xchart:4.0.3", "io.tradeflow:tradeflow-job:0.1.0-SNAPSHOT"));

        assertThat(added).isEmpty();
    }

    @Test
    void mavenNamesAMissingOrMisversionedArtifactInVerifyMode() {
        assertThatThrownBy(() -> verify.lineMagic("maven",
                        List.of("tech.tablesaw:tablesaw-core:0.43.1")))
                .isInstanceOf(CellFailure.class)
                .hasMessageContaining("not on the notebook class path: "
                        + "[tech.tablesaw:tablesaw-core:0.43.1]")
                .hasMessageContaining("notebooks/pom.xml");
    }

    @Test
    void classpathAddsExistingPathsAndRejectsOthers() {
        verify.lineMagic("classpath", List.of("target/class*"));
        assertThat(added).anyMatch(p -> p.endsWith("target/classes"));

        assertThatThrownBy(() -> verify.lineMagic("classpath", List.of("no/such.jar")))
                .isInstanceOf(CellFailure.class)
                .hasMessageContaining("no/such.jar");
    }

    @Test
    void onlyMavenAndClasspathMagicsAreKnown() {
        assertThatThrownBy(() -> verify.lineMagic("time", List.of()))
                .isInstanceOf(CellFailure.class)
                .hasMessageContaining("notebooks use only %maven and %classpath");
    }

    @Test
    void keepsTheValueOfATrailingExpressionAndReportsCompileErrors() {
        try (JShellSession session = new JShellSession()) {
            assertThat(session.eval("int x = 20;\njava.util.List.of(x, x + 1)"))
                    .contains(List.of(20, 21));
            assertThat(session.eval("int y = 1;")).isEmpty();

            assertThatThrownBy(() -> session.eval("int z = \"text\";"))
                    .isInstanceOfSatisfying(CellFailure.class, f -> {
                        assertThat(f.ename()).isEqualTo("CompilationException");
                        assertThat(f.evalue()).contains("incompatible types");
                    });
            assertThatThrownBy(() -> session.eval("throw new ArithmeticException(\"boom\");"))
                    .isInstanceOfSatisfying(CellFailure.class, f -> {
                        assertThat(f.ename()).isEqualTo("java.lang.ArithmeticException");
                        assertThat(f.evalue()).isEqualTo("boom");
                    });
        }
    }
}
