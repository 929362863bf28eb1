package io.tradeflow.io.notify;

import io.tradeflow.io.config.NotifySection;
import io.tradeflow.io.notify.ScheduledNotifications.ClosedTrade;
import io.tradeflow.io.notify.ScheduledNotifications.Day;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Writes the text of large-trade alerts, daily summaries and weekly digests (R-NOTE-1). */
final class DigestText {
    private DigestText() {}

    static String largeTrade(ClosedTrade t, NotifySection s) {
        return String.format(Locale.US, "%s %s %d closed with realized P&L %s (entry %s, exit"
                        + " %s); alert threshold %s.", t.ticker(), t.side(), t.quantity(),
                signed(t.realizedPnl()), money(t.entryPrice()),
                t.exitPrice() == null ? "n/a" : money(t.exitPrice()),
                money(s.largeTradePnl().doubleValue()));
    }

    static String daily(Day d) {
        StringBuilder sb = new StringBuilder();
        sb.append("Daily summary ").append(d.day()).append(", account ").append(d.account())
                .append('\n');
        sb.append("Portfolio value ").append(money(d.portfolioValue())).append(" (day ")
                .append(signed(d.dailyPnl()));
        if (d.dailyReturn() != null) {
            sb.append(", ").append(signedPct(d.dailyReturn()));
        }
        sb.append(")\n");
        sb.append("Trades closed today: ").append(trades(d.trades(), d.wins(), d.losses(),
                d.tradePnl())).append('\n');
        sb.append("Realized P&L to date ").append(signed(d.realizedPnl())).append('\n');
        sb.append("Drawdown ").append(pct(d.drawdown())).append(" (max ")
                .append(pct(d.maxDrawdown())).append(")\n");
        sb.append("Sharpe (last 30 daily returns) ").append(sharpe(d.sharpe30d())).append('\n');
        sb.append("Tier ").append(d.tier()).append(", ").append(d.openPositions())
                .append(" open positions, ").append(d.openBreakers())
                .append(" open circuit breakers");
        return sb.toString();
    }

    /** @param days the week's days of one account, in order */
    static String weekly(String week, List<Day> days) {
        Day first = days.get(0);
        Day last = days.get(days.size() - 1);
        double start = first.portfolioValue() - first.dailyPnl();
        double change = last.portfolioValue() - start;
        int trades = days.stream().mapToInt(Day::trades).sum();
        int wins = days.stream().mapToInt(Day::wins).sum();
        int losses = days.stream().mapToInt(Day::losses).sum();
        BigDecimal pnl = days.stream().map(Day::tradePnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        Day best = days.stream().max(Comparator.comparingDouble(Day::dailyPnl)).orElseThrow();
        Day worst = days.stream().min(Comparator.comparingDouble(Day::dailyPnl)).orElseThrow();
        double maxDrawdown = days.stream().mapToDouble(Day::maxDrawdown).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append("Weekly digest ").append(week).append(" (").append(first.day()).append(" to ")
                .append(last.day()).append(", ").append(days.size())
                .append(days.size() == 1 ? " session" : " sessions").append("), account ")
                .append(last.account()).append('\n');
        sb.append("Portfolio value ").append(money(start)).append(" -> ")
                .append(money(last.portfolioValue())).append(" (").append(signed(change));
        if (start > 0) {
            sb.append(", ").append(signedPct(change / start));
        }
        sb.append(")\n");
        sb.append("Trades closed: ").append(trades(trades, wins, losses, pnl)).append('\n');
        sb.append("Best day ").append(best.day()).append(' ').append(signed(best.dailyPnl()))
                .append(", worst day ").append(worst.day()).append(' ')
                .append(signed(worst.dailyPnl())).append('\n');
        sb.append("Max drawdown ").append(pct(maxDrawdown)).append(", Sharpe (last 30 daily"
                + " returns) ").append(sharpe(last.sharpe30d())).append(" at the week's end\n");
        sb.append("Tier ").append(last.tier()).append(", ").append(last.openPositions())
                .append(" open positions at the week's end");
        return sb.toString();
    }

    private static String trades(int trades, int wins, int losses, BigDecimal pnl) {
        return trades == 0 ? "none" : String.format(Locale.US, "%d (%d won, %d lost), P&L %s",
                trades, wins, losses, signed(pnl));
    }

    static String money(double v) {
        return String.format(Locale.US, "%,.2f", v);
    }

    static String signed(double v) {
        return String.format(Locale.US, "%+,.2f", v);
    }

    static String signed(BigDecimal v) {
        return v == null ? "n/a" : String.format(Locale.US, "%+,.2f", v);
    }

    static String pct(double fraction) {
        return String.format(Locale.US, "%.2f %%", fraction * 100);
    }

    static String signedPct(double fraction) {
        return String.format(Locale.US, "%+.2f %%", fraction * 100);
    }

    private static String sharpe(Double s) {
        return s == null ? "n/a (fewer than two returns)" : String.format(Locale.US, "%.2f", s);
    }
}
