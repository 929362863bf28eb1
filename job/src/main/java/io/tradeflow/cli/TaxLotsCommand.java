package io.tradeflow.cli;

import io.tradeflow.io.PlainCsv;
import io.tradeflow.io.TaxLotFiles;
import io.tradeflow.rules.tax.Lot;
import io.tradeflow.rules.tax.TaxLots;
import io.tradeflow.rules.tax.Term;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Writes the FIFO tax lots and wash sales of a file of executions (R-TAX-1, R-TAX-2). */
@Command(name = "tax-lots", mixinStandardHelpOptions = true,
        description = "Compute FIFO tax lots with wash-sale adjustments (IRS Publication 550) from "
                + "a CSV of executions (account,ticker,date,side,quantity,amount) and write "
                + "DIR/tax_lots.csv, one row per lot or lot part.")
final class TaxLotsCommand implements Callable<Integer> {
    @Option(names = "--executions", required = true, paramLabel = "FILE",
            description = "CSV with the header account,ticker,date,side,quantity,amount: date "
                    + "YYYY-MM-DD, side buy|sell, amount the total dollars paid or received.")
    Path executions;

    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws Exception {
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
}
