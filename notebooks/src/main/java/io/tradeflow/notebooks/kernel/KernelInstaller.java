package io.tradeflow.notebooks.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the kernelspec that lets Jupyter (and {@code jupyter nbconvert --execute}) run notebooks
 * with {@link KernelMain}: {@code <kernels>/<name>/kernel.json}, and with {@code --copy} the
 * class path's jars under {@code <kernels>/<name>/lib} so that the kernel survives a
 * {@code mvn clean}.
 */
public final class KernelInstaller {

    static final String USAGE = String.join("\n",
            "usage: install [--user | --prefix DIR | --kernels-dir DIR] [--name java]",
            "               [--display-name NAME] --classpath CP | --classpath-file FILE [--copy]",
            "  --user            into the user's Jupyter data dir (default):",
            "                    $JUPYTER_DATA_DIR/kernels or ~/.local/share/jupyter/kernels",
            "  --prefix DIR      into DIR/share/jupyter/kernels (e.g. a virtualenv, /usr/local)",
            "  --kernels-dir DIR into DIR (a directory on JUPYTER_PATH + /kernels)",
            "  --copy            copy the jars next to kernel.json (else refer to them in place)");

    private KernelInstaller() {}

    static int main(String[] args) throws IOException {
        Path kernels = userKernelsDir();
        String name = "java";
        String displayName = JavaKernel.NAME;
        String classpath = null;
        boolean copy = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--user":
                    kernels = userKernelsDir();
                    break;
                case "--prefix":
                    kernels = Path.of(args[++i], "share", "jupyter", "kernels");
                    break;
                case "--kernels-dir":
                    kernels = Path.of(args[++i]);
                    break;
                case "--name":
                    name = args[++i];
                    break;
                case "--display-name":
                    displayName = args[++i];
                    break;
                case "--classpath":
                    classpath = args[++i];
                    break;
                case "--classpath-file":
                    classpath = Files.readString(Path.of(args[++i])).strip();
                    break;
                case "--copy":
                    copy = true;
                    break;
                default:
                    System.err.println(USAGE);
                    return args[i].equals("--help") ? 0 : 2;
            }
        }
        if (classpath == null) {
            System.err.println(USAGE);
            return 2;
        }
        Path dir = install(kernels.resolve(name), displayName, classpath, copy, List.of());
        System.out.println("Installed kernelspec " + name + " (" + displayName + ") in " + dir);
        return 0;
    }

    /**
     * Writes the kernelspec into {@code dir} and returns it.
     *
     * @param jvmOptions extra options for the kernel's JVM
     */
    public static Path install(Path dir, String displayName, String classpath, boolean copy,
            List<String> jvmOptions) throws IOException {
        Files.createDirectories(dir);
        List<String> entries = List.of(classpath.split(File.pathSeparator));
        String kernelClasspath = classpath;
        if (copy) {
            Path lib = dir.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (var old = Files.list(lib)) {
                    for (Path f : (Iterable<Path>) old::iterator) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(lib);
            List<String> copied = new ArrayList<>();
            for (String e : entries) {
                Path from = Path.of(e);
                if (e.isBlank() || !Files.isRegularFile(from)) {
                    throw new IOException("not a jar, cannot copy: " + e
                            + " (package the notebooks module first)");
                }
                Path to = lib.resolve(from.getFileName());
                if (Files.exists(to)) {
                    // same file name from two coordinates: keep both, the first one wins
                    to = lib.resolve(copied.size() + "-" + from.getFileName());
                }
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                copied.add(to.toAbsolutePath().toString());
            }
            kernelClasspath = String.join(File.pathSeparator, copied);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-XX:+UseParallelGC",
                // as bin/tradeflow: Flink's serializers reflect into these packages
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            // as bin/tradeflow on 25+: Flink's RPC and LZ4 use sun.misc.Unsafe and native code
            argv.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow"));
        }
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", kernelClasspath, KernelMain.class.getName(),
                "{connection_file}"));
        spec.put("argv", argv);
        spec.put("display_name", displayName);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("kernel.json").toFile(), spec);
        return dir;
    }

    static Path userKernelsDir() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "kernels");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jupyter").resolve("kernels");
    }
}
