package org.gridwatch.core.value;

import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;

/**
 * Customers and their 12-month revenue per segment × credit grade, kept up to date as customers
 * move, for the fleet dashboards. Flink state: public no-arg constructor and public fields.
 */
public final class SegmentTally {

    private static final int GRADES = CreditGrade.values().length;
    public static final int CELLS = Segment.values().length * GRADES;

    public long[] customers = new long[CELLS];
    public long[] revenueFen = new long[CELLS];

    public SegmentTally() {}

    public static int cell(Segment segment, CreditGrade grade) {
        return segment.ordinal() * GRADES + grade.ordinal();
    }

    public static Segment segmentOf(int cell) {
        return Segment.values()[cell / GRADES];
    }

    public static CreditGrade gradeOf(int cell) {
        return CreditGrade.values()[cell % GRADES];
    }

    public void add(Segment segment, CreditGrade grade, long revenue12Fen) {
        add(cell(segment, grade), revenue12Fen);
    }

    public void remove(Segment segment, CreditGrade grade, long revenue12Fen) {
        remove(cell(segment, grade), revenue12Fen);
    }

    /** Counts a customer in {@code cell} ({@link #cell}). */
    public void add(int cell, long revenue12Fen) {
        customers[cell]++;
        revenueFen[cell] += revenue12Fen;
    }

    /** Takes a customer out of {@code cell}. */
    public void remove(int cell, long revenue12Fen) {
        customers[cell]--;
        revenueFen[cell] -= revenue12Fen;
    }

    /** A copy of this tally. */
    public SegmentTally copy() {
        SegmentTally copy = new SegmentTally();
        copy.addAll(this);
        return copy;
    }

    /** What this tally has more than {@code other}, cell by cell. */
    public SegmentTally minus(SegmentTally other) {
        SegmentTally difference = copy();
        for (int c = 0; c < CELLS; c++) {
            difference.customers[c] -= other.customers[c];
            difference.revenueFen[c] -= other.revenueFen[c];
        }
        return difference;
    }

    /** Adds another tally's counts, e.g. an area's to the fleet's. */
    public void addAll(SegmentTally other) {
        for (int c = 0; c < CELLS; c++) {
            customers[c] += other.customers[c];
            revenueFen[c] += other.revenueFen[c];
        }
    }

    public long customers(Segment segment) {
        long sum = 0;
        for (CreditGrade grade : CreditGrade.values()) {
            sum += customers[cell(segment, grade)];
        }
        return sum;
    }

    public long customers(CreditGrade grade) {
        long sum = 0;
        for (Segment segment : Segment.values()) {
            sum += customers[cell(segment, grade)];
        }
        return sum;
    }
}
