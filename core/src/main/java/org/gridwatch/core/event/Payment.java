package org.gridwatch.core.event;

/**
 * A payment (topic {@code payments}). A negative amount is a reversal (a bounced payment). A
 * paymentId seen twice is one payment.
 *
 * @param amountFen the amount in fen (分, 0.01 CNY)
 */
public record Payment(
        String paymentId,
        String customerId,
        long tsMillis,
        long amountFen,
        PaymentChannel channel) {}
