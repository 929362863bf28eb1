package io.tradeflow.rules.sizing;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds sizing requests for the examples. The defaults size 40 shares: moderate at its minimum
 * confidence (4 % of a 100 000 pool = 4 000 at 100), a stop 2 below (80 of risk, 0.08 % heat),
 * swing rules, no holdings, sector, earnings date or confluence score.
 */
final class SizingRequests {
    double confidence = 0.65;
    TierParams tier = TierParams.MODERATE;
    RuleParams rules = RuleParams.SWING;
    double portfolio = 100_000;
    double pool = 100_000;
    double cash = 1_000_000;
    double price = 100;
    double stop = 98;
    String sector;
    final List<Holding> holdings = new ArrayList<>();
    final Map<String, Double> correlations = new HashMap<>();
    Integer earnings;
    Integer score;
    Double relVol;

    static SizingRequests request() {
        return new SizingRequests();
    }

    SizingRequests confidence(double c) {
        confidence = c;
        return this;
    }

    SizingRequests tier(TierParams t) {
        tier = t;
        return this;
    }

    SizingRequests rules(RuleParams r) {
        rules = r;
        return this;
    }

    SizingRequests portfolio(double value, double activePool) {
        portfolio = value;
        pool = activePool;
        return this;
    }

    SizingRequests cash(double c) {
        cash = c;
        return this;
    }

    SizingRequests price(double p, double s) {
        price = p;
        stop = s;
        return this;
    }

    SizingRequests sector(String s) {
        sector = s;
        return this;
    }

    /** Adds a holding with a stop at its entry (no heat) and no known correlation. */
    SizingRequests hold(String ticker, String sector, double value) {
        holdings.add(new Holding(ticker, sector, value, 100, 100));
        return this;
    }

    SizingRequests hold(String ticker, String sector, double value, double correlation) {
        correlations.put(ticker, correlation);
        return hold(ticker, sector, value);
    }

    SizingRequests hold(Holding h) {
        holdings.add(h);
        return this;
    }

    SizingRequests earnings(Integer tradingDays) {
        earnings = tradingDays;
        return this;
    }

    SizingRequests confluence(Integer s, Double rv) {
        score = s;
        relVol = rv;
        return this;
    }

    SizingRequest build() {
        return new SizingRequest(confidence, tier, rules, portfolio, pool, cash, price, stop,
                "CAND", sector, List.copyOf(holdings), Map.copyOf(correlations), earnings, score,
                relVol);
    }

    Sizing size() {
        return PositionSizer.size(build());
    }

    static SizingStep step(Sizing s, String name) {
        return s.steps().stream().filter(x -> x.step().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no step " + name + " in " + s.steps()));
    }

    static List<String> stepNames(Sizing s) {
        return s.steps().stream().map(SizingStep::step).toList();
    }
}
