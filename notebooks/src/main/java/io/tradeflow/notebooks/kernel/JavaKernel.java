package io.tradeflow.notebooks.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Evaluates notebook cells in JShell: the Jupyter kernel behind kernelspec {@code java} and the
 * engine of the headless {@code NotebookRunner}, so both run a cell the same way.
 *
 * <p>It provides what notebooks may use under IJava and JJava as well: IJava's default imports,
 * {@code display(...)}, {@code render(...)} and {@code printf(...)} (JJava's
 * {@code BaseNotebookStatics}), and the {@code %maven} and {@code %classpath} magics.
 */
public final class JavaKernel extends BaseKernel {

    public static final String NAME = "Java (Tradeflow)";
    public static final String VERSION = "0.1";

    private final JShellSession session;
    private final Dependencies dependencies;
    private volatile Consumer<DisplayData> displaySink;

    private JavaKernel(Builder b, Dependencies.Mode mode, Path workingDirectory) {
        super(
                b.name0(),
                b.version0(),
                new LanguageInfo("Java", Runtime.version().toString(), "text/x-java-source",
                        ".jshell", "java", "java", null),
                List.of(),
                b.history0(),
                b.io0(),
                b.comm0(),
                b.renderer0(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", b.transpiler0()),
                b.magics0(),
                false,
                b.styler0());
        Text.registerAll(renderer);
        Image.registerAll(renderer);
        this.session = new JShellSession();
        this.dependencies = new Dependencies(mode, workingDirectory, session::addToClasspath);
    }

    /**
     * Creates the kernel, makes it the notebook kernel of this JVM and evaluates the prelude.
     *
     * @param mode what {@code %maven} does with an artifact missing from the class path
     * @param workingDirectory what relative {@code %classpath} paths resolve against
     */
    public static JavaKernel start(Dependencies.Mode mode, Path workingDirectory) {
        JavaKernel kernel = new JavaKernel(new Builder(), mode, workingDirectory);
        kernel.onStartup();
        for (String i : JShellSession.DEFAULT_IMPORTS) {
            kernel.session.eval("import " + i + ";");
        }
        kernel.session.eval("import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");
        return kernel;
    }

    /** Sends {@code display(...)} output to {@code sink} instead of a Jupyter connection. */
    public void captureDisplays(Consumer<DisplayData> sink) {
        this.displaySink = sink;
    }

    @Override
    public void display(DisplayData data) {
        Consumer<DisplayData> sink = displaySink;
        if (sink != null) {
            sink.accept(data);
        } else {
            super.display(data);
        }
    }

    /** Runs a cell's magics and code in order; returns the value of a trailing expression. */
    @Override
    public Object evalRaw(String cell) {
        return run(cell).orElse(null);
    }

    public Optional<Object> run(String cell) {
        Optional<Object> last = Optional.empty();
        for (CellSource.Part part : CellSource.parts(cell)) {
            if (part.isMagic()) {
                dependencies.lineMagic(part.magic(), part.args());
                last = Optional.empty();
            } else {
                last = session.eval(part.code());
            }
        }
        return last;
    }

    /** Renders a value the way the kernel shows a cell's result. */
    public DisplayData render(Object value) {
        return value instanceof DisplayData ? (DisplayData) value : renderer.render(value);
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellFailure) {
            CellFailure f = (CellFailure) e;
            return f.traceback().isEmpty() ? List.of(f.getMessage()) : f.traceback();
        }
        return super.formatError(e);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> options = session.complete(code, at, anchor);
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        switch (session.completeness(code)) {
            case DEFINITELY_INCOMPLETE:
            case CONSIDERED_INCOMPLETE:
                return "";
            case UNKNOWN:
                return IS_COMPLETE_BAD;
            default:
                return IS_COMPLETE_YES;
        }
    }

    @Override
    public void onShutdown(boolean restarting) {
        super.onShutdown(restarting);
        session.close();
    }

    private static final class Builder extends BaseKernelBuilder<Builder, JavaKernel> {
        Builder() {
            name(NAME);
            version(VERSION);
        }

        @Override
        public JavaKernel build() {
            throw new UnsupportedOperationException("use JavaKernel.start");
        }

        // the builder's factories are protected: these hand them to the kernel's constructor
        String name0() {
            return buildName();
        }

        String version0() {
            return buildVersion();
        }

        HistoryManager history0() {
            return buildHistoryManager();
        }

        JupyterIO io0() {
            return buildJupyterIO(buildJupyterIOEncoding());
        }

        CommManager comm0() {
            return buildCommManager();
        }

        Renderer renderer0() {
            return buildRenderer();
        }

        MagicTranspiler transpiler0() {
            return buildMagicTranspiler();
        }

        MagicsRegistry magics0() {
            return buildMagicsRegistry();
        }

        StringStyler styler0() {
            return buildErrorStyler();
        }
    }
}
