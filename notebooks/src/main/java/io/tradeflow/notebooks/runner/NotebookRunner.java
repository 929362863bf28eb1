package io.tradeflow.notebooks.runner;

import io.tradeflow.notebooks.kernel.CellFailure;
import io.tradeflow.notebooks.kernel.Dependencies;
import io.tradeflow.notebooks.kernel.JavaKernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes a notebook's code cells headlessly, in order, in one {@link JavaKernel} in this JVM,
 * and writes the notebook with its outputs (streams, displays, results, the error) to a copy.
 *
 * <pre>
 * NotebookRunner [--cell-timeout SECONDS] [--maven verify|resolve] [--allow-errors] IN [OUT]
 * </pre>
 *
 * <p>Run it with the notebook's directory as the working directory (as Jupyter does). Exit code
 * 0: every cell ran; 1: a cell failed (the run stops there, unless the cell is tagged
 * {@code raises-exception}); 2: bad usage or notebook; 3: a cell ran past the timeout. Progress
 * and the failing cell's number and error go to standard error.
 */
public final class NotebookRunner {

    public static final int OK = 0;
    public static final int CELL_FAILED = 1;
    public static final int USAGE = 2;
    public static final int TIMED_OUT = 3;

    private final PrintStream log;
    private final long cellTimeoutMillis;
    private final boolean allowErrors;
    private final Dependencies.Mode mavenMode;

    NotebookRunner(PrintStream log, long cellTimeoutMillis, boolean allowErrors,
            Dependencies.Mode mavenMode) {
        this.log = log;
        this.cellTimeoutMillis = cellTimeoutMillis;
        this.allowErrors = allowErrors;
        this.mavenMode = mavenMode;
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        long timeout = 0;
        boolean allowErrors = false;
        Dependencies.Mode maven = Dependencies.Mode.VERIFY;
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--cell-timeout":
                        timeout = Long.parseLong(args[++i]) * 1000;
                        break;
                    case "--maven":
                        maven = Dependencies.Mode.valueOf(args[++i].toUpperCase());
                        break;
                    case "--allow-errors":
                        allowErrors = true;
                        break;
                    default:
                        files.add(args[i]);
                }
            }
        } catch (RuntimeException e) {
            files.clear();
        }
        if (files.isEmpty() || files.size() > 2) {
            System.err.println("usage: NotebookRunner [--cell-timeout SECONDS] "
                    + "[--maven verify|resolve] [--allow-errors] IN.ipynb [OUT.ipynb]");
            System.exit(USAGE);
        }
        Path in = Path.of(files.get(0));
        Path out = Path.of(files.size() > 1 ? files.get(1) : files.get(0));
        PrintStream err = System.err;
        System.exit(new NotebookRunner(err, timeout, allowErrors, maven).run(in, out));
    }

    int run(Path in, Path out) throws IOException {
        long t0 = System.nanoTime();
        String name = in.getFileName().toString();
        Notebook notebook;
        try {
            notebook = Notebook.read(in);
        } catch (IOException | RuntimeException e) {
            log.printf("[notebook] %s: cannot read: %s%n", name, e);
            return USAGE;
        }
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        JavaKernel kernel = JavaKernel.start(mavenMode, Path.of(""));
        log.printf("[notebook] %s: kernel ready in %d ms%n", name, millisSince(t0));

        int status = OK;
        int count = 0;
        List<ObjectNode> cells = notebook.codeCells();
        for (int index = 0; index < cells.size(); index++) {
            ObjectNode cell = cells.get(index);
            String source = Notebook.text(cell.get("source"));
            Outputs outputs = new Outputs(notebook.clearOutputs(cell));
            if (source.isBlank()) {
                cell.putNull("execution_count");
                continue;
            }
            count++;
            cell.put("execution_count", count);
            String where = String.format("cell [%d] (code cell %d of %d)", count, index + 1,
                    cells.size());
            Watchdog watchdog = new Watchdog(where, notebook, out, outputs);
            long c0 = System.nanoTime();
            CellFailure failure = null;
            System.setOut(outputs.out);
            System.setErr(outputs.err);
            kernel.captureDisplays(outputs::display);
            try {
                watchdog.start();
                Optional<Object> value = kernel.run(source);
                if (value.isPresent()) {
                    outputs.result(kernel.render(value.get()), count);
                }
            } catch (CellFailure f) {
                failure = f;
            } catch (RuntimeException | LinkageError e) {
                failure = new CellFailure(e.getClass().getName(), String.valueOf(e.getMessage()),
                        List.of(e.toString()));
            } finally {
                watchdog.interrupt();
                kernel.captureDisplays(null);
                System.setOut(realOut);
                System.setErr(realErr);
                outputs.flush();
            }
            boolean expected = Notebook.tags(cell).contains("raises-exception");
            if (failure != null) {
                outputs.error(failure);
                log.printf("[notebook] %s: %s failed after %d ms:%n  %s%n", name, where,
                        millisSince(c0), String.join("\n  ", failure.traceback()));
                if (!expected && !allowErrors) {
                    status = CELL_FAILED;
                    break;
                }
            } else if (expected) {
                log.printf("[notebook] %s: %s is tagged raises-exception but did not fail%n",
                        name, where);
                status = CELL_FAILED;
                break;
            } else {
                log.printf("[notebook] %s: %s ok in %d ms%n", name, where, millisSince(c0));
            }
        }
        notebook.write(out);
        log.printf("[notebook] %s: %s, %d cells run in %d ms -> %s%n", name,
                status == OK ? "passed" : "FAILED", count, millisSince(t0), out);
        return status;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Ends the JVM (the runner runs one notebook per JVM) when a cell runs too long. */
    private final class Watchdog extends Thread {
        private final String where;
        private final Notebook notebook;
        private final Path out;
        private final Outputs outputs;

        Watchdog(String where, Notebook notebook, Path out, Outputs outputs) {
            super("notebook-cell-watchdog");
            setDaemon(true);
            this.where = where;
            this.notebook = notebook;
            this.out = out;
            this.outputs = outputs;
        }

        @Override
        public synchronized void start() {
            if (cellTimeoutMillis > 0) {
                super.start();
            }
        }

        @Override
        public void run() {
            try {
                Thread.sleep(cellTimeoutMillis);
            } catch (InterruptedException e) {
                return;
            }
            String message = where + " timed out after " + cellTimeoutMillis / 1000 + " s";
            log.printf("[notebook] %s%n", message);
            try {
                outputs.flush();
                outputs.error(new CellFailure("CellTimeoutError", message, List.of(message)));
                notebook.write(out);
            } catch (IOException | RuntimeException e) {
                log.printf("[notebook] could not write %s: %s%n", out, e);
            }
            Runtime.getRuntime().halt(TIMED_OUT);
        }
    }

    /** One cell's outputs, in the order they happen. */
    static final class Outputs {
        private final ArrayNode list;
        private final ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBuffer, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBuffer, true, StandardCharsets.UTF_8);

        Outputs(ArrayNode list) {
            this.list = list;
        }

        synchronized void flush() {
            out.flush();
            err.flush();
            stream("stdout", outBuffer);
            stream("stderr", errBuffer);
        }

        private void stream(String name, ByteArrayOutputStream buffer) {
            if (buffer.size() == 0) {
                return;
            }
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            JsonNode last = list.isEmpty() ? null : list.get(list.size() - 1);
            if (last != null && "stream".equals(last.path("output_type").asText())
                    && name.equals(last.path("name").asText())) {
                ((ObjectNode) last).set("text",
                        Notebook.lines(Notebook.text(last.get("text")) + text));
                return;
            }
            ObjectNode o = list.addObject();
            o.put("name", name);
            o.put("output_type", "stream");
            o.set("text", Notebook.lines(text));
        }

        synchronized void display(DisplayData data) {
            flush();
            ObjectNode o = list.addObject();
            o.set("data", Notebook.mimeBundle(data));
            o.set("metadata", Notebook.metadata(data));
            o.put("output_type", "display_data");
        }

        synchronized void result(DisplayData data, int count) {
            flush();
            ObjectNode o = list.addObject();
            o.set("data", Notebook.mimeBundle(data));
            o.put("execution_count", count);
            o.set("metadata", Notebook.metadata(data));
            o.put("output_type", "execute_result");
        }

        synchronized void error(CellFailure f) {
            ObjectNode o = list.addObject();
            o.put("ename", f.ename());
            o.put("evalue", f.evalue());
            o.put("output_type", "error");
            ArrayNode traceback = o.putArray("traceback");
            f.traceback().forEach(traceback::add);
        }
    }
}
