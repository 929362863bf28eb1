package io.tradeflow.rules.tax;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Holds one tax lot, or one part of a lot after a partial sale or a partial wash-sale
 * replacement split it (R-TAX-1, R-TAX-2). Money is in dollars at scale {@link
 * TaxLots#MONEY_SCALE}; the sale fields are {@code null} while the lot is open.
 *
 * @param lotId {@code L<n>} for the n-th buy, {@code L<n>.<k>} for the k-th part split off it
 * @param buyDate the date the shares were bought
 * @param adjustedBuyDate the buy date moved back by the holding period of the lot whose wash sale
 *     this lot replaces; the buy date otherwise
 * @param basis what the shares cost
 * @param adjustedBasis the basis plus the disallowed loss this lot carries as a replacement
 * @param proceeds what the shares were sold for
 * @param gain the recognized gain (negative: the deductible loss): proceeds − adjusted basis +
 *     the disallowed loss, as Form 8949 reports it
 * @param washSaleDisallowed the part of this lot's loss a wash sale disallowed (0 when none)
 * @param replacementOf the id of the sold lot whose disallowed loss this lot carries, or null
 */
public record Lot(
        String lotId,
        String account,
        String ticker,
        long quantity,
        LocalDate buyDate,
        LocalDate adjustedBuyDate,
        BigDecimal basis,
        BigDecimal adjustedBasis,
        LocalDate sellDate,
        BigDecimal proceeds,
        BigDecimal gain,
        BigDecimal washSaleDisallowed,
        String replacementOf) {

    /** Returns whether the shares are still held. */
    public boolean isOpen() {
        return sellDate == null;
    }

    /** Returns the holding period of a closed lot (null while open). */
    public Term term() {
        return isOpen() ? null : Term.of(adjustedBuyDate, sellDate);
    }
}
