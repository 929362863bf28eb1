package io.tradeflow.cli;

import io.tradeflow.io.PlainCsv;
import io.tradeflow.io.TaxLotFiles;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.io.jdbc.TaxLotTables;
import io.tradeflow.rules.tax.Lot;
import io.tradeflow.rules.tax.TaxLots;
import io.tradeflow.rules.tax.Term;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Writes the FIFO tax lots and wash sales (R-TAX-1, R-TAX-2) of a file of executions to {@code
 * tax_lots.csv}, or of a run's fills to the {@code tax_lots} and {@code wash_sales} tables.
 */
@Command(name = "tax-lots", mixinStandardHelpOptions = true,
        description = {"Compute FIFO tax lots with wash-sale adjustments (IRS Publication 550).",
            "  tax-lots --executions FILE --out DIR   a CSV of executions "
                    + "(account,ticker,date,side,quantity,amount) to DIR/tax_lots.csv, one row "
                    + "per lot or lot part",
            "  tax-lots --jdbc-url URL --run-id ID    a run's fills to the tax_lots and "
                    + "wash_sales tables (the run's rows replaced; run it again after more fills)"})
final class TaxLotsCommand implements Callable<Integer> {
    @Option(names = "--executions", paramLabel = "FILE",
            description = "CSV with the header account,ticker,date,side,quantity,amount: date "
                    + "YYYY-MM-DD, side buy|sell, amount the total dollars paid or received.")
    Path executions;

    @Option(names = "--out", paramLabel = "DIR") Path out;

    @Mixin
    Options.Jdbc jdbc = new Options.Jdbc();

    @Option(names = "--run-id", paramLabel = "ID", description = "With --jdbc-url: the run whose "
            + "fills are lotted (a live run's id, or a backtest's).")
    String runId;

    @Override
    public Integer call() throws Exception {
        JdbcSettings db = jdbc.settings(null);
        if (db != null || runId != null) {
            if (db == null || runId == null || executions != null || out != null) {
                throw new IllegalArgumentException("tax-lots takes either --executions FILE "
                        + "--out DIR, or --jdbc-url URL --run-id ID");
            }
            return fromFills(db);
        }
        if (executions == null || out == null) {
            throw new IllegalArgumentException("tax-lots needs --executions FILE --out DIR "
                    + "(or --jdbc-url URL --run-id ID)");
        }
        Options.requireFile(executions, "--executions");
        TaxLotFiles.Executions in = TaxLotFiles.read(executions);
        TaxLots.Result r;
        try {
            r = TaxLots.of(in.executions());
        } catch (TaxLots.OversoldException e) {
            throw PlainCsv.error(executions, in.lines().get(e.index()), e.getMessage());
        }
        Files.createDirectories(out);
        Path file = out.resolve(TaxLotFiles.LOTS_FILE);
        TaxLotFiles.write(file, r.lots());
        long open = r.lots().stream().filter(Lot::isOpen).count();
        System.out.printf("%d executions, %d lots (%d open) in %s; realized gain %s (short term "
                        + "%s, long term %s); %d wash sale(s) disallowing %s, %s still deferred "
                        + "in open lots%n", in.executions().size(), r.lots().size(), open, file,
                r.realizedGain().toPlainString(), r.realizedGain(Term.SHORT).toPlainString(),
                r.realizedGain(Term.LONG).toPlainString(), r.washSales().size(),
                r.disallowed().toPlainString(), r.deferred().toPlainString());
        return 0;
    }

    private int fromFills(JdbcSettings db) throws Exception {
        Migrations.migrate(db);
        TaxLotTables.Executions in = TaxLotTables.read(db, runId);
        TaxLots.Result r = TaxLots.of(in.executions());
        TaxLotTables.write(db, runId, r);
        System.out.printf("run %s: %d executions, %d lots, %d wash sale(s); realized gain %s "
                        + "(short term %s, long term %s)%s%n", runId, in.executions().size(),
                r.lots().size(), r.washSales().size(), r.realizedGain().toPlainString(),
                r.realizedGain(Term.SHORT).toPlainString(),
                r.realizedGain(Term.LONG).toPlainString(), in.shorted().isEmpty() ? ""
                        : "; left out, sold short (not lotted): " + in.shorted());
        return 0;
    }
}
