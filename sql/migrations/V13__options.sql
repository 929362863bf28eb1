-- Option contracts (issue 15, R-OPT-3, R-OPT-4): an options account's decisions, orders, fills,
-- positions and backtest trades name the contract they trade by its OCC symbol (e.g.
-- 'SPY   250312C00561000'); ticker stays the underlying, quantity counts contracts and prices
-- are premiums per share (a contract is 100 shares). Null for shares, so every existing row and
-- the equity path are unchanged. A fill priced by the Black-Scholes model instead of a quote
-- (backtests without option quotes, R-OPT-4) is marked modelled, as is a position or trade with
-- such a fill.
ALTER TABLE trading_decisions ADD COLUMN instrument text;
ALTER TABLE orders ADD COLUMN instrument text;
ALTER TABLE fills ADD COLUMN instrument text;
ALTER TABLE fills ADD COLUMN modelled boolean NOT NULL DEFAULT false;
ALTER TABLE positions ADD COLUMN instrument text;
ALTER TABLE positions ADD COLUMN modelled boolean NOT NULL DEFAULT false;
ALTER TABLE backtest_trades ADD COLUMN instrument text;
ALTER TABLE backtest_trades ADD COLUMN modelled boolean NOT NULL DEFAULT false;

-- an OCC symbol: root padded to 6, yyMMdd, C or P, strike in thousandths on 8 digits
ALTER TABLE orders ADD CONSTRAINT orders_instrument_occ
    CHECK (instrument IS NULL OR instrument ~ '^[A-Z0-9 ]{6}[0-9]{6}[CP][0-9]{8}$');
ALTER TABLE fills ADD CONSTRAINT fills_instrument_occ
    CHECK (instrument IS NULL OR instrument ~ '^[A-Z0-9 ]{6}[0-9]{6}[CP][0-9]{8}$');
ALTER TABLE positions ADD CONSTRAINT positions_instrument_occ
    CHECK (instrument IS NULL OR instrument ~ '^[A-Z0-9 ]{6}[0-9]{6}[CP][0-9]{8}$');
-- a modelled fill is an option fill
ALTER TABLE fills ADD CONSTRAINT fills_modelled_option
    CHECK (NOT modelled OR instrument IS NOT NULL);

-- an option position on the premium stop alone has no target (R-OPT-3): its level rows say none
ALTER TABLE position_stop_levels ALTER COLUMN target DROP NOT NULL;
