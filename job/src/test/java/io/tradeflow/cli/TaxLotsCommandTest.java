package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.TaxLotFiles;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code tradeflow tax-lots}: lots and wash sales as CSV (R-TAX-1, R-TAX-2), clear errors. */
class TaxLotsCommandTest {
    static final String HEADER = "account,ticker,date,side,quantity,amount\n";

    static Path file(String name, String text) throws Exception {
        return Files.writeString(Files.createDirectories(Path.of("target", "cli", "tax"))
                .resolve(name), text);
    }

    @Test
    void writesOneRowPerLotPartWithTheWashSaleOfPublication550() throws Exception {
        Path in = file("m.csv", HEADER + """
                a,M,2024-09-24,buy,100,5000
                a,M,2024-12-21,sell,100,4000
                a,M,2024-12-27,buy,75,3750
                a,SPY,2024-01-02,BUY,10,4700.50

                a,SPY,2024-03-04,sell,4,2000
                """);
        Path out = Path.of("target", "cli", "tax", "out");

        CliTest.Result r = CliTest.run("tax-lots", "--executions", in.toString(), "--out",
                out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("tax_lots.csv"))).containsExactly(
                TaxLotFiles.LOTS_HEADER,
                // lots are numbered by buy date
                "L1,a,SPY,6,2024-01-02,2024-01-02,2820.30,2820.30,,,,,",
                "L1.1,a,SPY,4,2024-01-02,2024-01-02,1880.20,1880.20,2024-03-04,2000.00,119.80,"
                        + "0.00,",
                "L2,a,M,100,2024-09-24,2024-09-24,5000.00,5000.00,2024-12-21,4000.00,-250.00,"
                        + "750.00,",
                "L3,a,M,75,2024-12-27,2024-09-30,3750.00,4500.00,,,,,L2");
        assertThat(r.out().strip()).doesNotContain("\n").contains("5 executions", "4 lots (2 open)",
                "realized gain -130.20", "1 wash sale(s) disallowing 750.00",
                "750.00 still deferred");
    }

    @Test
    void aMalformedLineIsAUsageErrorNamingTheLineAndTheReason() throws Exception {
        record Case(String line, String reason) {}
        for (Case c : List.of(
                new Case("a,X,2024-13-01,buy,1,10", "date '2024-13-01' is not a date YYYY-MM-DD"),
                new Case("a,X,2024-01-02,hold,1,10", "unknown side 'hold' (expected buy or sell)"),
                new Case("a,X,2024-01-02,buy,1.5,10", "quantity '1.5' is not a whole number > 0"),
                new Case("a,X,2024-01-02,buy,0,10", "quantity '0' is not a whole number > 0"),
                new Case("a,X,2024-01-02,buy,1,-3", "amount '-3' is not a number of dollars ≥ 0"),
                new Case("a,X,2024-01-02,buy,1", "expected 6 cells"),
                new Case("\"a\",X,2024-01-02,buy,1,10", "quoted cells are not supported"),
                new Case(",X,2024-01-02,buy,1,10", "account and ticker must not be empty"))) {
            Path in = file("bad.csv", HEADER + "a,X,2024-01-02,buy,1,10\n" + c.line() + "\n");

            CliTest.Result r = CliTest.run("tax-lots", "--executions", in.toString(), "--out",
                    "target/cli/tax/bad");

            assertThat(r.code()).as(c.line()).isEqualTo(2);
            assertThat(r.err()).as(c.line()).contains(in + " line 3: " + c.reason());
        }
    }

    @Test
    void sellingMoreThanHeldNamesTheLineOfTheSale() throws Exception {
        Path in = file("oversold.csv", HEADER + """
                a,X,2024-01-05,sell,5,60
                a,X,2024-01-02,buy,10,100
                a,X,2024-01-04,sell,6,70
                """);

        CliTest.Result r = CliTest.run("tax-lots", "--executions", in.toString(), "--out",
                "target/cli/tax/oversold");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(in + " line 2: sale of 5 X on 2024-01-05 exceeds the 4 held "
                + "in account a");
    }

    @Test
    void anotherHeaderOrAMissingFileIsAUsageError() throws Exception {
        Path in = file("header.csv", "account,ticker,date,side,qty,amount\n");

        assertThat(CliTest.run("tax-lots", "--executions", in.toString(), "--out", "target/x")
                .err()).contains("line 1: expected the header '" + HEADER.strip() + "'");
        CliTest.Result r = CliTest.run("tax-lots", "--executions", "no/such.csv", "--out", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--executions: no such file: no/such.csv");
    }
}
