package io.tradeflow.rules.indicators;


import io.tradeflow.event.Bar;

import io.tradeflow.testing.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Finds and reads the reference files of {@code ../shared/data}; absent files skip the test. */
final class ReferenceData {
    private static final DateTimeFormatter SPY_TS = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss");

    private ReferenceData() {}

    static Path dir() {
        return SharedData.dir();
    }

    static Path file(String name) {
        return SharedData.file(name);
    }

    /** One row of an {@code Input,Expected} file; {@code expectedText} is empty in warm-up. */
    record Row(double input, String expectedText) {
        Double expected() {
            return expectedText.isEmpty() ? null : Double.valueOf(expectedText);
        }

        /** Returns the number of decimals printed in the expected value. */
        int decimals() {
            int dot = expectedText.indexOf('.');
            return dot < 0 ? 0 : expectedText.length() - dot - 1;
        }
    }

    static List<Row> inputExpected(String name) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file(name))) {
            if (line.isBlank() || line.startsWith("Input")) {
                continue;
            }
            String[] f = line.split(",", -1);
            rows.add(new Row(Double.parseDouble(f[0].strip()), f.length > 1 ? f[1].strip() : ""));
        }
        return rows;
    }

    /** Reads the SPY minute bars: {@code YYYYMMDD HHMMSS;o;h;l;c;v}, UTC bar end times. */
    static List<Bar> spyMinutes() throws IOException {
        List<Bar> bars = new ArrayList<>();
        for (String line : Files.readAllLines(file("spy-minute-2011-01.csv"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(";");
            long ts = LocalDateTime.parse(f[0], SPY_TS).toInstant(ZoneOffset.UTC).toEpochMilli();
            bars.add(new Bar("SPY", ts, Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5])));
        }
        return bars;
    }
}
