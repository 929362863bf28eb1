package io.tradeflow.backtest;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.metrics.EquityPoint;
import io.tradeflow.rules.metrics.Metrics;
import io.tradeflow.rules.metrics.TradeRecord;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Turns a backtest's records into Tablesaw tables; the one place that knows Tablesaw. */
public final class BacktestTables {
    /** The metric columns of {@code metrics()} and of a sweep, in order. */
    public static final List<String> METRIC_COLUMNS = List.of("start_value", "end_value",
            "total_return", "cagr", "sharpe", "sortino", "max_drawdown", "current_drawdown",
            "trade_count", "wins", "losses", "win_rate", "average_win", "average_loss",
            "profit_factor", "realized_pnl", "exposure", "trading_days");

    private BacktestTables() {}

    static Table decisions(String runId, List<Decision> ds) {
        Builder t = new Builder("decisions").str("id").str("run_id").str("account")
                .str("recommendation_id").str("ticker").time("ts").lng("ts_ms").str("action")
                .str("decision").str("reason").lng("quantity").dbl("limit_price")
                .dbl("stop_price").dbl("target_price").str("tier").str("trace")
                .str("instrument");
        for (Decision d : ds) {
            t.row(d.id(), runId, d.account(), d.recommendationId(), d.ticker(), time(d.ts()),
                    d.ts(), d.action(), d.decision(), d.reason(), d.quantity(), d.limitPrice(),
                    d.stopPrice(), d.targetPrice(), d.tier(), d.trace(), d.instrument());
        }
        return t.table();
    }

    static Table orders(String runId, List<Order> os) {
        Builder t = new Builder("orders").str("client_order_id").str("run_id").str("account")
                .str("decision_id").str("position_id").str("ticker").str("side").str("type")
                .lng("quantity").dbl("limit_price").time("ts").lng("ts_ms").str("status")
                .str("reason").time("updated_ts").lng("updated_ts_ms").str("instrument");
        for (Order o : os) {
            t.row(o.clientOrderId(), runId, o.account(), o.decisionId(), o.positionId(),
                    o.ticker(), o.side(), o.type(), o.quantity(), o.limitPrice(), time(o.ts()),
                    o.ts(), o.status(), o.reason(), time(o.updatedTs()), o.updatedTs(),
                    o.instrument());
        }
        return t.table();
    }

    static Table fills(String runId, List<Fill> fs) {
        Builder t = new Builder("fills").str("client_order_id").str("run_id")
                .str("execution_id").str("account").str("ticker").str("side").lng("quantity")
                .dbl("price").dbl("commission").time("ts").lng("ts_ms").lng("late_ms")
                .str("instrument").bool("modelled");
        for (Fill f : fs) {
            t.row(f.clientOrderId(), runId, f.executionId(), f.account(), f.ticker(), f.side(),
                    f.quantity(), f.price(), f.commission(), time(f.ts()), f.ts(), f.lateMs(),
                    f.instrument(), f.modelled());
        }
        return t.table();
    }

    static Table positions(String runId, List<PositionEvent> ps) {
        Builder t = new Builder("positions").str("position_id").str("run_id").str("account")
                .str("ticker").str("side").lng("quantity").dbl("entry_price").dbl("stop_price")
                .dbl("target_price").str("status").time("opened_ts").time("ts").lng("ts_ms")
                .dbl("exit_price").dbl("realized_pnl").str("reason").str("instrument")
                .bool("modelled");
        for (PositionEvent p : ps) {
            t.row(p.positionId(), runId, p.account(), p.ticker(), p.side(), p.quantity(),
                    p.entryPrice(), p.stopPrice(), p.targetPrice(), p.status(),
                    time(p.openedTs()), time(p.ts()), p.ts(), p.exitPrice(),
                    p.realizedPnl() == null ? null : p.realizedPnl().doubleValue(), p.reason(),
                    p.instrument(), p.modelled());
        }
        return t.table();
    }

    static Table deadLetters(String runId, List<DeadLetter> dl) {
        Builder t = new Builder("dead_letters").str("source").str("position").str("reason")
                .str("detail").str("payload").str("id").str("run_id");
        for (DeadLetter d : dl) {
            t.row(d.source(), d.position(), d.reason(), d.detail(), d.payload(), d.id(), runId);
        }
        return t.table();
    }

    /** Returns the trades; {@code micro} holds the position ids of micro trades (R-MICRO-1). */
    static Table trades(List<TradeRecord> trades, Set<String> micro) {
        Builder t = new Builder("trades").str("account").str("position_id").str("ticker")
                .str("side").lng("quantity").time("entry_ts").dbl("entry_price").time("exit_ts")
                .dbl("exit_price").dbl("realized_pnl").dbl("return_pct").dbl("holding_minutes")
                .str("reason").bool("micro").str("instrument").bool("modelled");
        for (TradeRecord r : trades) {
            t.row(r.account(), r.positionId(), r.ticker(), r.side(), r.quantity(),
                    time(r.entryTs()), r.entryPrice(), time(r.exitTs()), r.exitPrice(),
                    r.pnl(), r.returnPct(), (r.exitTs() - r.entryTs()) / 60_000.0, r.reason(),
                    micro.contains(r.positionId()), r.instrument(), r.modelled());
        }
        return t.table();
    }

    /**
     * Returns one row per account with its micro trades' count, wins and realized P&amp;L, kept
     * apart from the standard trades (R-MICRO-1).
     */
    static Table microMetrics(String runId, List<String> accounts, List<TradeRecord> trades,
            Set<String> micro) {
        Builder t = new Builder("micro_metrics").str("run_id").str("account")
                .integer("micro_trades").integer("micro_wins").dbl("micro_realized_pnl")
                .integer("standard_trades").dbl("standard_realized_pnl");
        for (String account : accounts) {
            int n = 0;
            int wins = 0;
            double pnl = 0;
            int standard = 0;
            double standardPnl = 0;
            for (TradeRecord r : trades) {
                if (!r.account().equals(account)) {
                    continue;
                }
                if (micro.contains(r.positionId())) {
                    n++;
                    wins += r.pnl() > 0 ? 1 : 0;
                    pnl += r.pnl();
                } else {
                    standard++;
                    standardPnl += r.pnl();
                }
            }
            t.row(runId, account, n, wins, pnl, standard, standardPnl);
        }
        return t.table();
    }

    static Table equityCurve(Map<String, List<EquityPoint>> curves) {
        Builder t = new Builder("equity_curve").str("account").time("ts").lng("ts_ms")
                .dbl("equity").dbl("cash").integer("open_positions").dbl("drawdown");
        curves.forEach((account, curve) -> {
            double peak = Double.NEGATIVE_INFINITY;
            for (EquityPoint p : curve) {
                peak = Math.max(peak, p.value());
                t.row(account, time(p.ts()), p.ts(), p.value(), p.cash(), p.openPositions(),
                        peak > 0 ? (peak - p.value()) / peak : 0.0);
            }
        });
        return t.table();
    }

    static Table metrics(String runId, Map<String, Metrics> metrics) {
        Builder t = metricColumns(new Builder("metrics").str("run_id").str("account"));
        metrics.forEach((account, m) -> {
            List<Object> row = new ArrayList<>(List.of(runId, account));
            row.addAll(values(m));
            t.row(row.toArray());
        });
        return t.table();
    }

    static Table sweep(Map<String, List<?>> grid, List<Map<String, Object>> combinations,
            List<BacktestResult> results) {
        Builder t = new Builder("sweep").str("run_id");
        for (Map.Entry<String, List<?>> e : grid.entrySet()) {
            boolean numeric = e.getValue().stream().allMatch(v -> v instanceof Number);
            if (numeric) {
                t.dbl(e.getKey());
            } else {
                t.str(e.getKey());
            }
        }
        metricColumns(t.str("account"));
        for (int i = 0; i < results.size(); i++) {
            BacktestResult r = results.get(i);
            for (Map.Entry<String, Metrics> e : r.accountMetrics().entrySet()) {
                List<Object> row = new ArrayList<>();
                row.add(r.runId());
                for (String key : grid.keySet()) {
                    Object v = combinations.get(i).get(key);
                    row.add(v instanceof Number n ? (Object) n.doubleValue() : String.valueOf(v));
                }
                row.add(e.getKey());
                row.addAll(values(e.getValue()));
                t.row(row.toArray());
            }
        }
        return t.table();
    }

    private static Builder metricColumns(Builder t) {
        for (String c : METRIC_COLUMNS) {
            if (c.equals("trade_count") || c.equals("wins") || c.equals("losses")
                    || c.equals("trading_days")) {
                t.integer(c);
            } else {
                t.dbl(c);
            }
        }
        return t;
    }

    private static List<Object> values(Metrics m) {
        return List.of(m.startValue(), m.endValue(), m.totalReturn(), m.cagr(), m.sharpe(),
                m.sortino(), m.maxDrawdown(), m.currentDrawdown(), m.tradeCount(), m.wins(),
                m.losses(), m.winRate(), m.averageWin(), m.averageLoss(), m.profitFactor(),
                m.realizedPnl(), m.exposure(), m.tradingDays());
    }

    private static LocalDateTime time(long ts) {
        return MarketTime.at(ts).toLocalDateTime();
    }

    /** Builds a table row by row; a {@code null} cell is a missing value. */
    private static final class Builder {
        private final String name;
        private final List<Column<?>> columns = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        private Builder column(Column<?> c) {
            columns.add(c);
            return this;
        }

        Builder str(String c) {
            return column(StringColumn.create(c));
        }

        Builder lng(String c) {
            return column(LongColumn.create(c));
        }

        Builder integer(String c) {
            return column(IntColumn.create(c));
        }

        Builder bool(String c) {
            return column(BooleanColumn.create(c));
        }

        Builder dbl(String c) {
            return column(DoubleColumn.create(c));
        }

        Builder time(String c) {
            return column(DateTimeColumn.create(c));
        }

        void row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException(name + ": " + cells.length + " cells for "
                        + columns.size() + " columns");
            }
            for (int i = 0; i < cells.length; i++) {
                Column<?> c = columns.get(i);
                Object v = cells[i];
                if (v == null) {
                    c.appendMissing();
                } else if (c instanceof StringColumn s) {
                    s.append(v.toString());
                } else if (c instanceof LongColumn l) {
                    l.append(((Number) v).longValue());
                } else if (c instanceof IntColumn n) {
                    n.append(((Number) v).intValue());
                } else if (c instanceof DoubleColumn d) {
                    d.append(((Number) v).doubleValue());
                } else if (c instanceof BooleanColumn b) {
                    b.append((Boolean) v);
                } else {
                    ((DateTimeColumn) c).append((LocalDateTime) v);
                }
            }
        }

        Table table() {
            return Table.create(name, columns);
        }
    }
}
