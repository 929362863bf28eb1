package io.tradeflow.notebooks.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Implements the {@code %maven} and {@code %classpath} magics against the class path this JVM was
 * started with, so that a notebook names its dependencies exactly as under IJava or JJava.
 *
 * <p>{@code %maven g:a:v} is satisfied when {@code a-v.jar} is on the class path or when the
 * artifact is one of the project's own modules this class path was built from. Otherwise, in
 * {@link Mode#VERIFY} (the headless runner, offline and reproducible) it fails and names the
 * artifact to add to {@code notebooks/pom.xml}; in {@link Mode#RESOLVE} (the interactive kernel)
 * it fetches the artifact and its dependencies with {@code mvn}.
 */
public final class Dependencies {

    /** What {@code %maven} does with an artifact that is not on the class path. */
    public enum Mode {
        VERIFY,
        RESOLVE
    }

    static final String BUILT_FROM = "/io/tradeflow/notebooks/built-from.txt";

    private final Mode mode;
    private final Path workingDirectory;
    private final Consumer<String> addToClasspath;
    private final Set<String> classpath = new LinkedHashSet<>();
    private final Set<String> builtFrom;

    public Dependencies(Mode mode, Path workingDirectory, Consumer<String> addToClasspath) {
        this.mode = mode;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.addToClasspath = addToClasspath;
        this.classpath.addAll(
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        this.builtFrom = readBuiltFrom();
    }

    /** Runs a line magic; only the magics IJava and JJava share are known. */
    public void lineMagic(String name, List<String> args) {
        switch (name) {
            case "maven":
                maven(args);
                break;
            case "classpath":
            case "jars":
                for (String pattern : args) {
                    for (Path p : glob(pattern)) {
                        add(p.toString());
                    }
                }
                break;
            default:
                throw new CellFailure(
                        "UndefinedMagicException",
                        "%" + name + " is not supported: notebooks use only %maven and %classpath",
                        List.of("%" + name + " " + String.join(" ", args)));
        }
    }

    void maven(List<String> coordinates) {
        List<String> missing = new ArrayList<>();
        for (String c : coordinates) {
            if (!present(c)) {
                missing.add(c);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (mode == Mode.VERIFY) {
            throw new CellFailure(
                    "MissingDependencyException",
                    "not on the notebook class path: " + missing
                            + " (declare it in notebooks/pom.xml, or fix the version)",
                    List.of("%maven " + String.join(" ", missing)));
        }
        resolve(missing);
    }

    boolean present(String coordinate) {
        String[] p = coordinate.split(":");
        if (p.length < 3 || p.length > 5) {
            throw new CellFailure(
                    "MagicArgsParseException",
                    "expected groupId:artifactId[:type[:classifier]]:version, got " + coordinate,
                    List.of(coordinate));
        }
        String artifact = p[1];
        String version = p[p.length - 1];
        if (builtFrom.contains(p[0] + ":" + artifact + ":" + version)) {
            return true;
        }
        String jar = artifact + "-" + version + (p.length == 5 ? "-" + p[3] : "") + ".jar";
        return classpath.stream().anyMatch(e -> e.endsWith(File.separator + jar) || e.equals(jar));
    }

    private void resolve(List<String> missing) {
        try {
            Path dir = Files.createTempDirectory("tradeflow-maven");
            StringBuilder deps = new StringBuilder();
            for (String c : missing) {
                String[] p = c.split(":");
                deps.append("<dependency><groupId>").append(p[0]).append("</groupId>")
                        .append("<artifactId>").append(p[1]).append("</artifactId>")
                        .append("<version>").append(p[p.length - 1]).append("</version>");
                if (p.length >= 4) {
                    deps.append("<type>").append(p[2]).append("</type>");
                }
                if (p.length == 5) {
                    deps.append("<classifier>").append(p[3]).append("</classifier>");
                }
                deps.append("</dependency>");
            }
            Files.writeString(
                    dir.resolve("pom.xml"),
                    "<project><modelVersion>4.0.0</modelVersion><groupId>notebook</groupId>"
                            + "<artifactId>magic</artifactId><version>1</version><dependencies>"
                            + deps + "</dependencies></project>");
            Path log = dir.resolve("mvn.log");
            Process mvn = new ProcessBuilder(
                            "mvn", "-B", "-q", "-f", dir.resolve("pom.xml").toString(),
                            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
                                    + ":copy-dependencies",
                            "-DincludeScope=runtime", "-DoutputDirectory=" + dir.resolve("lib"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (mvn.waitFor() != 0) {
                throw new CellFailure(
                        "MavenResolutionException",
                        "mvn could not resolve " + missing + ": see " + log,
                        List.of(Files.readString(log)));
            }
            Set<String> have = classpath.stream()
                    .map(e -> Path.of(e).getFileName())
                    .filter(f -> f != null)
                    .map(Path::toString)
                    .collect(Collectors.toSet());
            try (Stream<Path> jars = Files.list(dir.resolve("lib"))) {
                for (Path jar : jars.sorted().collect(Collectors.toList())) {
                    if (!have.contains(jar.getFileName().toString())) {
                        add(jar.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellFailure("InterruptedException", "interrupted", List.of());
        }
    }

    private void add(String path) {
        addToClasspath.accept(path);
        classpath.add(path);
    }

    private List<Path> glob(String pattern) {
        if (!pattern.contains("*") && !pattern.contains("?")) {
            Path p = workingDirectory.resolve(pattern).normalize();
            if (!Files.exists(p)) {
                throw new CellFailure("FileNotFoundException", p.toString(), List.of(p.toString()));
            }
            return List.of(p);
        }
        int wildcard = pattern.length();
        for (char w : new char[] {'*', '?'}) {
            int i = pattern.indexOf(w);
            if (i >= 0) {
                wildcard = Math.min(wildcard, i);
            }
        }
        int cut = pattern.lastIndexOf('/', wildcard);
        Path dir = workingDirectory.resolve(cut < 0 ? "." : pattern.substring(0, cut)).normalize();
        PathMatcher matcher = FileSystems.getDefault()
                .getPathMatcher("glob:" + (cut < 0 ? pattern : pattern.substring(cut + 1)));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> matcher.matches(f.getFileName())).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new CellFailure("IOException", e.toString(), List.of(e.toString()));
        }
    }

    private static Set<String> readBuiltFrom() {
        try (InputStream in = Dependencies.class.getResourceAsStream(BUILT_FROM)) {
            if (in == null) {
                return Set.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
