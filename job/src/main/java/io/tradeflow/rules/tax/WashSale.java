package io.tradeflow.rules.tax;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Holds one wash sale (R-TAX-2): the loss of a sold lot disallowed, pro rata by shares, because
 * of the replacement shares of one lot bought within 30 days before or after the sale.
 *
 * @param soldLotId the lot sold at a loss
 * @param replacementLotId the lot whose basis and buy date carry the disallowed loss
 * @param shares replacement shares (all of the replacement lot's shares)
 * @param disallowedLoss the loss added to the replacement lot's basis, in dollars
 * @param adjustedBuyDate the replacement's buy date moved back by the sold lot's holding period
 */
public record WashSale(
        String soldLotId,
        String replacementLotId,
        String account,
        String ticker,
        LocalDate saleDate,
        LocalDate replacementBuyDate,
        long shares,
        BigDecimal disallowedLoss,
        LocalDate adjustedBuyDate) {}
