package io.tradeflow.job.edges;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.market.BarRun;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The types of the two streams that carry nearly every record of a replay: bars from the sources
 * to the ticker stage, and account inputs from the routers to the account engine. Flink's record
 * serializer reads and writes each field reflectively (a fifth of a BATCH backtest's time went
 * there, twice per record: into the sort and out of it); these write the fields directly.
 */
public final class EdgeTypes {
    private EdgeTypes() {}

    public static final TypeInformation<Bar> BAR =
            new EdgeType<>(Bar.class, "Bar (edge)", c -> new BarSerializer());

    public static final TypeInformation<BarRun> BAR_RUN =
            new EdgeType<>(BarRun.class, "BarRun (edge)", c -> new BarRunSerializer());

    public static final TypeInformation<AccountInput> ACCOUNT_INPUT =
            new EdgeType<>(AccountInput.class, "AccountInput (edge)",
                    c -> new AccountInputSerializer(
                            TypeInformation.of(AccountInput.class).createSerializer(c)));
}
