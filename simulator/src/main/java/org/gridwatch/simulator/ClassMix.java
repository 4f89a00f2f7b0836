package org.gridwatch.simulator;

import java.util.EnumMap;
import java.util.Map;
import org.gridwatch.core.event.CustomerClass;

/**
 * The share of each tariff class among the simulated customers. Customers are dealt out by quota
 * (largest remainder), not drawn one by one, so a fleet of N customers has exactly the mix rounded
 * to whole customers, and every class with a share is present once N is at least the number of such
 * classes.
 */
public record ClassMix(Map<CustomerClass, Double> shares) {

    /**
     * A residential-heavy mix like a Chinese city district's low-voltage customers: by count,
     * households are the great majority (in State Grid's customer statistics, residential accounts
     * are over 85% of all accounts); shops, small workshops, farms, lighting and public
     * institutions make up the rest. Large industry is rare by count but dominant in energy.
     */
    public static final ClassMix RESIDENTIAL_HEAVY =
            new ClassMix(
                    Map.of(
                            CustomerClass.RESIDENTIAL, 0.80,
                            CustomerClass.COMMERCIAL, 0.08,
                            CustomerClass.GENERAL_INDUSTRY, 0.04,
                            CustomerClass.LARGE_INDUSTRY, 0.01,
                            CustomerClass.AGRICULTURE, 0.03,
                            CustomerClass.NON_RESIDENTIAL_LIGHTING, 0.02,
                            CustomerClass.NON_INDUSTRIAL, 0.02));

    public ClassMix {
        EnumMap<CustomerClass, Double> copy = new EnumMap<>(CustomerClass.class);
        double total = 0;
        for (CustomerClass c : CustomerClass.values()) {
            double share = shares.getOrDefault(c, 0.0);
            if (!(share >= 0)) {
                throw new IllegalArgumentException("share of " + c + " must be >= 0, got " + share);
            }
            copy.put(c, share);
            total += share;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("a class mix needs at least one positive share");
        }
        shares = java.util.Collections.unmodifiableMap(copy);
    }

    /** How many of {@code customers} belong to each class, indexed by {@link Enum#ordinal()}. */
    public int[] counts(int customers) {
        CustomerClass[] classes = CustomerClass.values();
        double total = 0;
        int present = 0;
        for (CustomerClass c : classes) {
            total += shares.get(c);
            present += shares.get(c) > 0 ? 1 : 0;
        }
        int[] counts = new int[classes.length];
        double[] remainder = new double[classes.length];
        int dealt = 0;
        boolean everyClassOnce = customers >= present;
        for (CustomerClass c : classes) {
            double exact = customers * shares.get(c) / total;
            int n = (int) Math.floor(exact);
            if (everyClassOnce && shares.get(c) > 0 && n == 0) {
                n = 1;
            }
            counts[c.ordinal()] = n;
            remainder[c.ordinal()] = exact - n;
            dealt += n;
        }
        // Hand out what is left (or take back what the minimum of one gave too much) by the
        // largest remainder, ties to the earlier class: deterministic and as close to the shares as
        // whole customers allow.
        while (dealt != customers) {
            int best = -1;
            for (int i = 0; i < classes.length; i++) {
                boolean eligible =
                        dealt < customers
                                ? shares.get(classes[i]) > 0
                                : counts[i]
                                        > (everyClassOnce && shares.get(classes[i]) > 0 ? 1 : 0);
                if (eligible
                        && (best < 0
                                || (dealt < customers
                                        ? remainder[i] > remainder[best]
                                        : remainder[i] < remainder[best]))) {
                    best = i;
                }
            }
            int step = dealt < customers ? 1 : -1;
            counts[best] += step;
            remainder[best] -= step;
            dealt += step;
        }
        return counts;
    }
}
