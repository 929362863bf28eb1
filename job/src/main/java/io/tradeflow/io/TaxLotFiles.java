package io.tradeflow.io;

import io.tradeflow.rules.tax.Execution;
import io.tradeflow.rules.tax.Lot;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads executions from and writes tax lots to CSV files (R-TAX-1, R-TAX-2): dates ISO
 * {@code YYYY-MM-DD}, money in dollars with cents, empty cells for what an open lot lacks.
 */
public final class TaxLotFiles {
    public static final String EXECUTIONS_HEADER = "account,ticker,date,side,quantity,amount";
    public static final String LOTS_HEADER = "lot_id,account,ticker,quantity,buy_date,"
            + "adjusted_buy_date,basis,adjusted_basis,sell_date,proceeds,gain,"
            + "wash_sale_disallowed,replacement_of";
    public static final String LOTS_FILE = "tax_lots.csv";

    private TaxLotFiles() {}

    /** Holds the executions of a file, each with the line it was read from. */
    public record Executions(List<Execution> executions, List<Long> lines) {}

    /**
     * Returns the executions of a file with the header {@value #EXECUTIONS_HEADER}.
     *
     * @throws IllegalArgumentException naming the line and the reason for a malformed line
     */
    public static Executions read(Path file) throws IOException {
        List<Execution> out = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (PlainCsv.Row row : PlainCsv.read(file, EXECUTIONS_HEADER)) {
            out.add(execution(row));
            lines.add(row.line());
        }
        return new Executions(out, lines);
    }

    private static Execution execution(PlainCsv.Row row) {
        String account = row.cell(0);
        String ticker = row.cell(1);
        if (account.isEmpty() || ticker.isEmpty()) {
            throw row.error("account and ticker must not be empty");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(row.cell(2));
        } catch (DateTimeParseException e) {
            throw row.error("date '" + row.cell(2) + "' is not a date YYYY-MM-DD");
        }
        Execution.Side side;
        try {
            side = Execution.Side.parse(row.cell(3));
        } catch (IllegalArgumentException e) {
            throw row.error(e.getMessage());
        }
        long quantity;
        try {
            quantity = Long.parseLong(row.cell(4));
        } catch (NumberFormatException e) {
            quantity = 0;
        }
        if (quantity <= 0) {
            throw row.error("quantity '" + row.cell(4) + "' is not a whole number > 0");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(row.cell(5));
        } catch (NumberFormatException e) {
            amount = BigDecimal.ONE.negate();
        }
        if (amount.signum() < 0) {
            throw row.error("amount '" + row.cell(5) + "' is not a number of dollars ≥ 0");
        }
        return new Execution(account, ticker, date, side, quantity, amount);
    }

    /** Writes the lots under the header {@value #LOTS_HEADER}, one row per lot part. */
    public static void write(Path file, List<Lot> lots) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(LOTS_HEADER + "\n");
            for (Lot l : lots) {
                w.write(String.join(",", l.lotId(), l.account(), l.ticker(),
                        Long.toString(l.quantity()), text(l.buyDate()),
                        text(l.adjustedBuyDate()), text(l.basis()), text(l.adjustedBasis()),
                        text(l.sellDate()), text(l.proceeds()), text(l.gain()),
                        text(l.washSaleDisallowed()), l.replacementOf() == null ? ""
                                : l.replacementOf()) + "\n");
            }
        }
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }
}
