package org.gridwatch.core.whatif;

import java.util.Arrays;

/**
 * The sums of one scenario over a group of customers (all, a class, a segment): what its rows and
 * charts are made of. Tallies of the same scenario and group add up ({@link #merge}), so each task
 * tallies its own customers and one step adds the tasks' tallies: the work grows with parallelism,
 * and no task holds the fleet's signatures.
 *
 * <p>Flink records: public no-arg constructor, public fields, arrays only.
 */
public final class ScenarioTally {

    public static final String ALL = "ALL";

    public String scenario;

    /** {@code ALL}, {@code class}, or {@code segment}. */
    public String groupKind;

    /** {@code ALL}, a class name, or a segment name ({@code UNKNOWN} when none was given). */
    public String group;

    public long customers;
    public long inScenario;
    public long optedIn;
    public long kwhBeforeMicro;
    public long kwhAfterMicro;
    public long peakBeforeMicroKwh;
    public long peakAfterMicroKwh;
    public long movedMicroKwh;
    public long revenueBeforeFen;
    public long billsAfterFen;
    public long incentiveFen;
    public long paysMore;

    /** Every customer's bill change in fen, the first {@link #customers} entries. */
    public long[] billChangesFen = new long[16];

    /** Energy by {@link MonthLoad} slot over the history, before and after. */
    public long[] curveBeforeMicroKwh = new long[MonthLoad.SLOTS];

    public long[] curveAfterMicroKwh = new long[MonthLoad.SLOTS];

    /** The months seen (yyyyMM, ascending) and the days of each any customer was read on. */
    public int[] yearMonths = new int[0];

    public int[] dayBits = new int[0];

    public ScenarioTally() {}

    public static ScenarioTally of(String scenario, String groupKind, String group) {
        ScenarioTally tally = new ScenarioTally();
        tally.scenario = scenario;
        tally.groupKind = groupKind;
        tally.group = group;
        return tally;
    }

    /** The key tallies are added up by. */
    public String key() {
        return scenario + '\u0000' + groupKind + '\u0000' + group;
    }

    /** Adds one customer, whose months before are {@code before}. */
    public void add(CustomerOutcome outcome, MonthLoad[] before) {
        customers++;
        inScenario += outcome.inScenario() ? 1 : 0;
        optedIn += outcome.optedIn() ? 1 : 0;
        kwhBeforeMicro += outcome.kwhBeforeMicro();
        kwhAfterMicro += outcome.kwhAfterMicro();
        peakBeforeMicroKwh += outcome.peakBeforeMicroKwh();
        peakAfterMicroKwh += outcome.peakAfterMicroKwh();
        movedMicroKwh += outcome.movedMicroKwh();
        revenueBeforeFen += outcome.beforeFen();
        billsAfterFen += outcome.afterFen();
        incentiveFen += outcome.incentiveFen();
        long change = outcome.billChangeFen();
        paysMore += change > 0 ? 1 : 0;
        if (customers > billChangesFen.length) {
            billChangesFen = Arrays.copyOf(billChangesFen, billChangesFen.length * 2);
        }
        billChangesFen[(int) customers - 1] = change;
        for (MonthLoad m : before) {
            addDays(m.yearMonth, m.dayBits);
            for (int s = 0; s < MonthLoad.SLOTS; s++) {
                curveBeforeMicroKwh[s] += m.microKwh[s];
            }
        }
        for (MonthLoad m : outcome.after()) {
            for (int s = 0; s < MonthLoad.SLOTS; s++) {
                curveAfterMicroKwh[s] += m.slotWithEvents(s);
            }
        }
    }

    /** This tally plus another of the same scenario and group. */
    public ScenarioTally merge(ScenarioTally other) {
        if (!key().equals(other.key())) {
            throw new IllegalArgumentException(
                    "tallies of different groups: " + key() + " and " + other.key());
        }
        ScenarioTally sum = of(scenario, groupKind, group);
        sum.customers = customers + other.customers;
        sum.inScenario = inScenario + other.inScenario;
        sum.optedIn = optedIn + other.optedIn;
        sum.kwhBeforeMicro = kwhBeforeMicro + other.kwhBeforeMicro;
        sum.kwhAfterMicro = kwhAfterMicro + other.kwhAfterMicro;
        sum.peakBeforeMicroKwh = peakBeforeMicroKwh + other.peakBeforeMicroKwh;
        sum.peakAfterMicroKwh = peakAfterMicroKwh + other.peakAfterMicroKwh;
        sum.movedMicroKwh = movedMicroKwh + other.movedMicroKwh;
        sum.revenueBeforeFen = revenueBeforeFen + other.revenueBeforeFen;
        sum.billsAfterFen = billsAfterFen + other.billsAfterFen;
        sum.incentiveFen = incentiveFen + other.incentiveFen;
        sum.paysMore = paysMore + other.paysMore;
        sum.billChangesFen = new long[(int) sum.customers];
        System.arraycopy(billChangesFen, 0, sum.billChangesFen, 0, (int) customers);
        System.arraycopy(
                other.billChangesFen,
                0,
                sum.billChangesFen,
                (int) customers,
                (int) other.customers);
        for (int s = 0; s < MonthLoad.SLOTS; s++) {
            sum.curveBeforeMicroKwh[s] = curveBeforeMicroKwh[s] + other.curveBeforeMicroKwh[s];
            sum.curveAfterMicroKwh[s] = curveAfterMicroKwh[s] + other.curveAfterMicroKwh[s];
        }
        sum.yearMonths = yearMonths.clone();
        sum.dayBits = dayBits.clone();
        for (int i = 0; i < other.yearMonths.length; i++) {
            sum.addDays(other.yearMonths[i], other.dayBits[i]);
        }
        return sum;
    }

    /** The bill changes, sorted, in fen. */
    public long[] sortedChangesFen() {
        long[] sorted = Arrays.copyOf(billChangesFen, (int) customers);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Revenue after: the bills less the incentive paid, fen. */
    public long revenueAfterFen() {
        return billsAfterFen - incentiveFen;
    }

    private void addDays(int yearMonth, int bits) {
        int i = Arrays.binarySearch(yearMonths, yearMonth);
        if (i >= 0) {
            dayBits[i] |= bits;
            return;
        }
        int at = -i - 1;
        int[] months = new int[yearMonths.length + 1];
        int[] days = new int[dayBits.length + 1];
        System.arraycopy(yearMonths, 0, months, 0, at);
        System.arraycopy(dayBits, 0, days, 0, at);
        months[at] = yearMonth;
        days[at] = bits;
        System.arraycopy(yearMonths, at, months, at + 1, yearMonths.length - at);
        System.arraycopy(dayBits, at, days, at + 1, dayBits.length - at);
        yearMonths = months;
        dayBits = days;
    }
}
