package io.tradeflow.notebooks;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.lang.reflect.Method;

/**
 * Shows images, charts, tables and HTML in whichever Java kernel runs the notebook: the project's
 * own (kernel and headless runner), JJava or IJava, found at run time; outside a kernel it prints
 * a one-line note. Its methods return nothing, so a cell ending in one shows no {@code Out[n]}.
 */
public final class Show {

    /** Rows shown by {@link #table(Table)}. */
    public static final int DEFAULT_ROWS = 20;

    private static volatile Method display;

    private Show() {}

    /** Shows an image as PNG. */
    public static void image(RenderedImage image) {
        display(image, "image/png");
    }

    /** Shows an XChart chart as a PNG of its own width and height. */
    public static void chart(Chart<?, ?> chart) {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        image(image);
    }

    /** Shows the first {@link #DEFAULT_ROWS} rows of a table as HTML. */
    public static void table(Table table) {
        table(table, DEFAULT_ROWS);
    }

    /** Shows the first {@code rows} rows of a table as HTML. */
    public static void table(Table table, int rows) {
        html(Html.table(table, rows));
    }

    public static void html(String html) {
        display(html, "text/html");
    }

    public static void markdown(String markdown) {
        display(markdown, "text/markdown");
    }

    /** The class whose {@code display(Object, String...)} is used, or {@code none}. */
    public static String backend() {
        Method m = backendMethod();
        return m == null ? "none" : m.getDeclaringClass().getName();
    }

    private static void display(Object o, String... mimeTypes) {
        Method m = backendMethod();
        if (m == null) {
            System.out.println("[no notebook kernel: " + String.join(",", mimeTypes) + "] "
                    + (o instanceof CharSequence ? o : o.getClass().getName()));
            return;
        }
        try {
            m.invoke(null, o, mimeTypes);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("display failed: " + cause, cause);
        }
    }

    private static Method backendMethod() {
        Method m = display;
        if (m == null) {
            m = jjava();
            if (m == null) {
                m = find("io.github.spencerpark.ijava.runtime.Display");
            }
            display = m;
        }
        return m;
    }

    /** JJava and this project's kernel: only when a kernel is running in this JVM. */
    private static Method jjava() {
        try {
            Class<?> kernel = load("org.dflib.jjava.jupyter.kernel.BaseKernel");
            if (kernel == null || kernel.getMethod("notebookKernel").invoke(null) == null) {
                return null;
            }
            return find("org.dflib.jjava.jupyter.kernel.BaseNotebookStatics");
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Method find(String className) {
        Class<?> c = load(className);
        try {
            return c == null ? null : c.getMethod("display", Object.class, String[].class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Class<?> load(String name) {
        for (ClassLoader loader : new ClassLoader[] {
                Thread.currentThread().getContextClassLoader(),
                Show.class.getClassLoader(),
                ClassLoader.getSystemClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                // try the next loader
            }
        }
        return null;
    }
}
