package org.gridwatch.core.event;

/**
 * What the customer's off-peak offer is worth to it, a year (docs/whatif.md, "The offer each
 * customer gets").
 *
 * @param tariffId the off-peak tariff offered; "" when the customer's tariff has no variant
 * @param savingCnyPerYear today's yearly bill less the variant's, at the customer's usual load (its
 *     load profile); negative when the variant would cost more
 * @param savingWithShiftCnyPerYear the same once the customer shifts load between hours as the
 *     class's default substitution elasticity says, its daily energy kept
 */
public record OffpeakOffer(
        String tariffId, double savingCnyPerYear, double savingWithShiftCnyPerYear) {

    /** No variant to offer. */
    public static final OffpeakOffer NONE = new OffpeakOffer("", Double.NaN, Double.NaN);

    public boolean exists() {
        return !tariffId.isEmpty();
    }

    /** Worth offering: the customer pays less on it, at today's load or after shifting. */
    public boolean worthOffering() {
        return exists() && (savingCnyPerYear > 0 || savingWithShiftCnyPerYear > 0);
    }
}
