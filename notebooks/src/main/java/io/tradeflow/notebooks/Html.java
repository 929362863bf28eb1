package io.tradeflow.notebooks;

import tech.tablesaw.api.Table;

/** Renders Tablesaw tables as plain HTML tables (no scripts, no styles from a CDN). */
final class Html {

    private Html() {}

    static String table(Table table, int rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("<table>\n<caption>").append(escape(table.name())).append(" (")
                .append(table.rowCount()).append(" rows)</caption>\n<thead><tr>");
        for (String column : table.columnNames()) {
            sb.append("<th>").append(escape(column)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(rows, table.rowCount());
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                sb.append("<td>").append(escape(table.getString(r, c))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        if (shown < table.rowCount()) {
            sb.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(table.rowCount() - shown).append(" more rows</td></tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
