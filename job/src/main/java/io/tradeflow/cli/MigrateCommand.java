package io.tradeflow.cli;

import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Applies the PostgreSQL migrations (idempotent). */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the PostgreSQL schema migrations; safe to repeat.")
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    Options.Config config = new Options.Config();

    @Mixin
    Options.Jdbc jdbc = new Options.Jdbc();

    @Override
    public Integer call() {
        JdbcSettings s = jdbc.settings(config.file == null ? null : config.load());
        if (s == null) {
            throw new IllegalArgumentException("give --jdbc-url or a --config with jdbc.url");
        }
        int applied = Migrations.migrate(s);
        System.out.println("migrated " + s.url() + ": " + applied + " migration(s) applied");
        return 0;
    }
}
