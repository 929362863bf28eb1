package io.tradeflow.rules.gates;

/**
 * Holds the outcome of one entry gate for the decision trace (R-REC-1): the rule id, whether the
 * entry may go on, and a sentence with the numbers that decided it.
 *
 * @param rule the rule id, e.g. {@code R-POS-1}; the {@code reason} of a skip it causes
 * @param pass {@code true} when the gate lets the entry through
 * @param detail a human sentence with the inputs and the limit
 */
public record GateResult(String rule, boolean pass, String detail) {

    public static GateResult pass(String rule, String detail) {
        return new GateResult(rule, true, detail);
    }

    public static GateResult fail(String rule, String detail) {
        return new GateResult(rule, false, detail);
    }

    public boolean failed() {
        return !pass;
    }
}
