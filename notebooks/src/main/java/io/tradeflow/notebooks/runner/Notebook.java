package io.tradeflow.notebooks.runner;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an nbformat 4 notebook as a JSON tree and writes it back as Jupyter does. */
public final class Notebook {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Field DATA = field("data");
    private static final Field METADATA = field("metadata");

    private final ObjectNode root;

    private Notebook(ObjectNode root) {
        this.root = root;
    }

    public static Notebook read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!root.isObject() || root.path("nbformat").asInt() != 4
                || !root.path("cells").isArray()) {
            throw new IOException(file + " is not an nbformat 4 notebook");
        }
        return new Notebook((ObjectNode) root);
    }

    List<ObjectNode> codeCells() {
        List<ObjectNode> cells = new ArrayList<>();
        for (JsonNode c : root.get("cells")) {
            if ("code".equals(c.path("cell_type").asText())) {
                cells.add((ObjectNode) c);
            }
        }
        return cells;
    }

    ArrayNode clearOutputs(ObjectNode cell) {
        return cell.putArray("outputs");
    }

    synchronized void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // Jupyter's own layout (one-space indent, "key": value), so diffs stay small
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        Files.writeString(file, JSON.writer(printer).writeValueAsString(root) + "\n");
    }

    static Set<String> tags(JsonNode cell) {
        Set<String> tags = new HashSet<>();
        cell.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** A multi-line string of nbformat: a string or a list of lines. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder sb = new StringBuilder();
        node.forEach(line -> sb.append(line.asText()));
        return sb.toString();
    }

    static ArrayNode lines(String text) {
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    static ObjectNode mimeBundle(DisplayData data) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        get(DATA, data).forEach((mime, value) -> {
            if (value instanceof String && isText(mime)) {
                bundle.set(mime, lines((String) value));
            } else {
                bundle.set(mime, JSON.valueToTree(value));
            }
        });
        return bundle;
    }

    static ObjectNode metadata(DisplayData data) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        get(METADATA, data).forEach((k, v) -> metadata.set(k, JSON.valueToTree(v)));
        return metadata;
    }

    private static boolean isText(String mime) {
        // binary images are one base64 string in nbformat; text types are lists of lines
        return !mime.startsWith("image/") || mime.equals("image/svg+xml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(Field f, DisplayData data) {
        try {
            Map<String, Object> m = (Map<String, Object>) f.get(data);
            return m == null ? Map.of() : m;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(String name) {
        try {
            // DisplayData keeps its MIME bundle private; jjava-jupyter serializes it the same way
            Field f = DisplayData.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
