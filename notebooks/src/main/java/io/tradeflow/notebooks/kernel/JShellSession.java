package io.tradeflow.notebooks.kernel;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates Java source in one in-process JShell, snippet by snippet, keeping the value of a
 * trailing expression as an object (not JShell's string) so that it can be rendered.
 *
 * <p>Code runs in this JVM (as in IJava and JJava), so it sees the JVM's class path and static
 * state such as the notebook kernel that {@code display(...)} talks to.
 */
public final class JShellSession implements AutoCloseable {

    /** The imports IJava starts with (JJava adds more): notebooks import anything else. */
    public static final List<String> DEFAULT_IMPORTS =
            List.of(
                    "java.util.*",
                    "java.io.*",
                    "java.math.*",
                    "java.net.*",
                    "java.util.concurrent.*",
                    "java.util.prefs.*",
                    "java.util.regex.*");

    // set by the execution control, read right after the snippet returns (same thread)
    private static volatile Object lastValue;

    private final JShell shell;

    public JShellSession() {
        this.shell =
                JShell.builder()
                        .executionEngine(new CapturingProvider(), Map.of())
                        .compilerOptions("-proc:none")
                        .build();
    }

    /** Adds a jar or directory to both the compiler's and the class loader's path. */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /**
     * Evaluates every snippet of {@code code} in order and returns the value of the last one if
     * it is an expression with a value; throws at the first snippet that fails.
     */
    public Optional<Object> eval(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        Optional<Object> last = Optional.empty();
        while (remaining != null && !remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return last;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    throw new CellFailure(
                            "IncompleteSourceException",
                            "incomplete input",
                            List.of(remaining.strip()));
                default:
                    String source = info.source() != null ? info.source() : remaining;
                    remaining = info.source() != null ? info.remaining() : "";
                    last = evalSnippet(source);
            }
        }
        return last;
    }

    /** Whether {@code code} is a complete unit of input (for the Jupyter is_complete request). */
    public SourceCodeAnalysis.Completeness completeness(String code) {
        return shell.sourceCodeAnalysis().analyzeCompletion(code).completeness();
    }

    /** Completion candidates at {@code cursor}; {@code anchor[0]} receives where they start. */
    public List<String> complete(String code, int cursor, int[] anchor) {
        return shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
    }

    private Optional<Object> evalSnippet(String source) {
        lastValue = null;
        Optional<Object> value = Optional.empty();
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) {
                continue;
            }
            if (event.exception() != null
                    || event.status() == Snippet.Status.REJECTED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                throw failure(event);
            }
            Snippet snippet = event.snippet();
            boolean expression =
                    snippet.kind() == Snippet.Kind.EXPRESSION
                            || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            if (expression && event.value() != null && lastValue != null) {
                value = Optional.of(lastValue);
            }
        }
        lastValue = null;
        return value;
    }

    private CellFailure failure(SnippetEvent event) {
        Snippet snippet = event.snippet();
        if (event.exception() instanceof EvalException) {
            EvalException e = (EvalException) event.exception();
            List<String> traceback = new ArrayList<>();
            traceback.add(e.getExceptionClassName() + ": " + e.getMessage());
            for (StackTraceElement frame : e.getStackTrace()) {
                String c = frame.getClassName();
                if (c.startsWith("jdk.") || c.startsWith("java.lang.reflect")
                        || c.startsWith("io.tradeflow.notebooks.kernel.")) {
                    continue;
                }
                traceback.add("\tat " + frame);
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                traceback.add("Caused by: " + cause);
            }
            return new CellFailure(e.getExceptionClassName(), e.getMessage(), traceback);
        }
        if (event.exception() instanceof UnresolvedReferenceException) {
            DeclarationSnippet s = ((UnresolvedReferenceException) event.exception()).getSnippet();
            List<String> missing = shell.unresolvedDependencies(s).collect(Collectors.toList());
            return new CellFailure(
                    "UnresolvedReferenceException",
                    "unresolved: " + missing,
                    List.of(s.source().strip(), "unresolved: " + missing));
        }
        if (event.exception() != null) {
            Throwable t = event.exception();
            return new CellFailure(t.getClass().getName(), t.getMessage(), List.of(t.toString()));
        }
        List<String> traceback = new ArrayList<>();
        traceback.add(snippet.source().strip());
        shell.diagnostics(snippet)
                .forEach(d -> traceback.add(
                        (d.isError() ? "error: " : "warning: ") + d.getMessage(Locale.ROOT)));
        if (snippet instanceof DeclarationSnippet) {
            List<String> missing =
                    shell.unresolvedDependencies((DeclarationSnippet) snippet)
                            .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                traceback.add("unresolved: " + missing);
            }
        }
        String first = traceback.size() > 1 ? traceback.get(1) : "compilation failed";
        return new CellFailure("CompilationException", first, traceback);
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Runs snippets in this JVM and remembers the raw value each one returns. */
    private static final class CapturingControl extends DirectExecutionControl {
        @Override
        protected String invoke(Method doit) throws Exception {
            Object result = doit.invoke(null);
            lastValue = result;
            return valueString(result);
        }
    }

    private static final class CapturingProvider implements ExecutionControlProvider {
        @Override
        public String name() {
            return "tradeflow-direct";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new CapturingControl();
        }
    }
}
