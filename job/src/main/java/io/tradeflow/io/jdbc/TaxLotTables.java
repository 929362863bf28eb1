package io.tradeflow.io.jdbc;

import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.tax.Execution;
import io.tradeflow.rules.tax.Lot;
import io.tradeflow.rules.tax.TaxLots;
import io.tradeflow.rules.tax.WashSale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fills {@code tax_lots} and {@code wash_sales} (R-TAX-1, R-TAX-2) from a run's {@code fills}: the
 * executions in time order (a buy's amount the dollars paid, commission included; a sell's the
 * dollars received, commission deducted), lotted by {@link TaxLots}, the same class the {@code
 * tax-lots} command runs on a file. The tables are derived from the fills: a run's rows are
 * replaced whole, in one transaction, so running it again (after more fills) is safe. An
 * account's ticker that was ever sold short is left out (short sales are not lotted) and named.
 */
public final class TaxLotTables {
    private TaxLotTables() {}

    /**
     * The executions of a run and the account/ticker pairs left out.
     *
     * @param shorted {@code account ticker} pairs whose position went below zero
     */
    public record Executions(List<Execution> executions, Set<String> shorted) {}

    /** Reads a run's fills as executions, in time order. */
    public static Executions read(JdbcSettings s, String runId) throws SQLException {
        List<Execution> all = new ArrayList<>();
        String sql = "SELECT account, ticker, ts, side, quantity, price, commission FROM fills "
                + "WHERE run_id = ? ORDER BY ts, execution_id";
        try (Connection c = s.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Execution.Side side = Execution.Side.parse(rs.getString("side"));
                    long qty = rs.getLong("quantity");
                    BigDecimal gross = BigDecimal.valueOf(rs.getDouble("price"))
                            .multiply(BigDecimal.valueOf(qty));
                    BigDecimal commission = BigDecimal.valueOf(rs.getDouble("commission"));
                    BigDecimal amount = (side == Execution.Side.BUY ? gross.add(commission)
                            : gross.subtract(commission)).setScale(2, RoundingMode.HALF_EVEN);
                    LocalDate date = MarketTime.date(rs.getTimestamp("ts").getTime());
                    all.add(new Execution(rs.getString("account"), rs.getString("ticker"), date,
                            side, qty, amount));
                }
            }
        }
        Map<String, Long> held = new HashMap<>();
        Set<String> shorted = new TreeSet<>();
        for (Execution e : all) {
            String k = e.account() + " " + e.ticker();
            long q = held.merge(k, e.side() == Execution.Side.BUY ? e.quantity() : -e.quantity(),
                    Long::sum);
            if (q < 0) {
                shorted.add(k);
            }
        }
        List<Execution> lotted = all.stream()
                .filter(e -> !shorted.contains(e.account() + " " + e.ticker())).toList();
        return new Executions(lotted, shorted);
    }

    /** Replaces the run's rows of {@code tax_lots} and {@code wash_sales} with {@code r}. */
    public static void write(JdbcSettings s, String runId, TaxLots.Result r) throws SQLException {
        try (Connection c = s.connect()) {
            c.setAutoCommit(false);
            try {
                for (String table : List.of("tax_lots", "wash_sales")) {
                    try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table
                            + " WHERE run_id = ?")) {
                        del.setString(1, runId);
                        del.executeUpdate();
                    }
                }
                insertLots(c, runId, r.lots());
                insertWashSales(c, runId, r.washSales());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void insertLots(Connection c, String runId, List<Lot> lots)
            throws SQLException {
        String sql = "INSERT INTO tax_lots (run_id, id, account, ticker, quantity, buy_date, "
                + "adjusted_buy_date, basis, adjusted_basis, sell_date, proceeds, gain, "
                + "wash_sale_disallowed, replacement_of) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Lot l : lots) {
                ps.setString(1, runId);
                ps.setString(2, l.lotId());
                ps.setString(3, l.account());
                ps.setString(4, l.ticker());
                ps.setLong(5, l.quantity());
                ps.setDate(6, Date.valueOf(l.buyDate()));
                ps.setDate(7, Date.valueOf(l.adjustedBuyDate()));
                ps.setBigDecimal(8, l.basis());
                ps.setBigDecimal(9, l.adjustedBasis());
                ps.setDate(10, l.sellDate() == null ? null : Date.valueOf(l.sellDate()));
                ps.setBigDecimal(11, l.proceeds());
                ps.setBigDecimal(12, l.gain());
                ps.setBigDecimal(13, l.washSaleDisallowed());
                ps.setString(14, l.replacementOf());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertWashSales(Connection c, String runId, List<WashSale> sales)
            throws SQLException {
        String sql = "INSERT INTO wash_sales (run_id, id, account, ticker, sold_lot_id, "
                + "replacement_lot_id, sale_date, replacement_buy_date, shares, disallowed_loss, "
                + "adjusted_buy_date) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (WashSale w : sales) {
                ps.setString(1, runId);
                ps.setString(2, w.soldLotId() + ">" + w.replacementLotId());
                ps.setString(3, w.account());
                ps.setString(4, w.ticker());
                ps.setString(5, w.soldLotId());
                ps.setString(6, w.replacementLotId());
                ps.setDate(7, Date.valueOf(w.saleDate()));
                ps.setDate(8, Date.valueOf(w.replacementBuyDate()));
                ps.setLong(9, w.shares());
                ps.setBigDecimal(10, w.disallowedLoss());
                ps.setDate(11, Date.valueOf(w.adjustedBuyDate()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
