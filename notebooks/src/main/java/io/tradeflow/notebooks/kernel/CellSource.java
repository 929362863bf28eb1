package io.tradeflow.notebooks.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a cell into Java code and {@code %magic} lines, in order. */
public final class CellSource {

    /** One part of a cell: either code or a line magic with its arguments. */
    public record Part(String code, String magic, List<String> args) {
        static Part code(String code) {
            return new Part(code, null, List.of());
        }

        public boolean isMagic() {
            return magic != null;
        }
    }

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%([A-Za-z][\\w-]*)\\s*(.*)$");

    private CellSource() {}

    public static List<Part> parts(String source) {
        if (source.stripLeading().startsWith("%%")) {
            String header = source.stripLeading().lines().findFirst().orElse("");
            throw new CellFailure(
                    "UndefinedMagicException",
                    header + ": cell magics are not supported (use %maven and %classpath)",
                    List.of(header));
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            Matcher m = LINE_MAGIC.matcher(line);
            if (m.matches()) {
                if (!code.toString().isBlank()) {
                    parts.add(Part.code(code.toString()));
                }
                code.setLength(0);
                String args = m.group(2).strip();
                parts.add(new Part(null, m.group(1),
                        args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+"))));
            } else {
                // keep line numbers of the code as they are in the cell
                code.append(line).append('\n');
            }
        }
        if (!code.toString().isBlank()) {
            parts.add(Part.code(code.toString()));
        }
        return parts;
    }
}
