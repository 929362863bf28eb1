package io.tradeflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the generated sections of the project's README, between {@code <!-- name -->} marks. */
public final class Readme {
    private Readme() {}

    /** Returns the text between {@code <!-- name -->} and {@code <!-- /name -->}. */
    public static String section(String name) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String begin = "<!-- " + name + " -->\n";
        int from = readme.indexOf(begin);
        int to = readme.indexOf("<!-- /" + name + " -->");
        assertThat(from).as("README marks the section " + name).isNotNegative();
        assertThat(to).as("README ends the section " + name).isGreaterThan(from);
        return readme.substring(from + begin.length(), to);
    }
}
