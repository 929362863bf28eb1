-- Tax lots (PostgreSQL 15+): FIFO lots and wash sales (R-TAX-1, R-TAX-2), as
-- io.tradeflow.rules.tax.TaxLots computes them and `tradeflow tax-lots` writes them to
-- tax_lots.csv. Same conventions as V1: run_id in the primary key, deterministic row ids upserted
-- with ON CONFLICT (run_id, id) DO UPDATE, written_at for when the job last wrote the row. Dates
-- are trade dates (date, not timestamptz); money is dollars with cents, as booked.

-- one lot, or one part of a lot that a partial sale or a partial wash-sale replacement split;
-- id = lot id (L<n> for the n-th buy of the run, L<n>.<k> for a part split off it). The sale
-- columns are null while the lot is open. gain is the recognized gain (negative: the deductible
-- loss): proceeds - adjusted_basis + wash_sale_disallowed.
CREATE TABLE tax_lots (
    run_id               text           NOT NULL,
    id                   text           NOT NULL,
    account              text           NOT NULL,
    ticker               text           NOT NULL,
    quantity             bigint         NOT NULL CHECK (quantity > 0),
    buy_date             date           NOT NULL,
    adjusted_buy_date    date           NOT NULL CHECK (adjusted_buy_date <= buy_date),
    basis                numeric(18, 2) NOT NULL,
    adjusted_basis       numeric(18, 2) NOT NULL CHECK (adjusted_basis >= basis),
    sell_date            date,
    proceeds             numeric(18, 2),
    gain                 numeric(18, 2),
    wash_sale_disallowed numeric(18, 2),
    replacement_of       text,
    written_at           timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id),
    CHECK ((sell_date IS NULL AND proceeds IS NULL AND gain IS NULL
            AND wash_sale_disallowed IS NULL)
        OR (sell_date IS NOT NULL AND proceeds IS NOT NULL AND gain IS NOT NULL
            AND wash_sale_disallowed >= 0))
);
CREATE INDEX tax_lots_account_ticker ON tax_lots (run_id, account, ticker, buy_date);
CREATE INDEX tax_lots_account_sell_date ON tax_lots (run_id, account, sell_date);

-- one wash sale: the loss of a sold lot disallowed pro rata by the shares of one replacement lot
-- bought within 30 days before or after the sale; id = sold_lot_id || '>' || replacement_lot_id
CREATE TABLE wash_sales (
    run_id               text           NOT NULL,
    id                   text           NOT NULL,
    account              text           NOT NULL,
    ticker               text           NOT NULL,
    sold_lot_id          text           NOT NULL,
    replacement_lot_id   text           NOT NULL,
    sale_date            date           NOT NULL,
    replacement_buy_date date           NOT NULL
        CHECK (abs(replacement_buy_date - sale_date) <= 30),
    shares               bigint         NOT NULL CHECK (shares > 0),
    disallowed_loss      numeric(18, 2) NOT NULL CHECK (disallowed_loss >= 0),
    adjusted_buy_date    date           NOT NULL,
    written_at           timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX wash_sales_sold_lot ON wash_sales (run_id, sold_lot_id);

-- realized gains per account and calendar year of the sale, split by holding period: long term
-- when sold more than one year after the adjusted buy date (IRS Publication 550)
CREATE VIEW realized_gains_yearly AS
SELECT run_id,
       account,
       extract(year FROM sell_date)::int AS year,
       coalesce(sum(gain) FILTER (WHERE sell_date <= adjusted_buy_date + interval '1 year'), 0)
           AS short_term,
       coalesce(sum(gain) FILTER (WHERE sell_date > adjusted_buy_date + interval '1 year'), 0)
           AS long_term
FROM tax_lots
WHERE sell_date IS NOT NULL
GROUP BY run_id, account, extract(year FROM sell_date)::int;

-- the job writes (upserts: insert + update, never delete); analysts (notebooks) only read.
GRANT SELECT, INSERT, UPDATE ON tax_lots, wash_sales TO tradeflow_writer;
GRANT SELECT ON tax_lots, wash_sales, realized_gains_yearly TO tradeflow_writer, tradeflow_analyst;
