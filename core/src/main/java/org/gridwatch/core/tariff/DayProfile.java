package org.gridwatch.core.tariff;

import java.util.ArrayList;
import java.util.List;

/**
 * The periods of one whole day, as a planner writes them: segments such as 08:00–11:00 PEAK. A
 * profile is valid when its segments cover 00:00–24:00 exactly once and fall on slot boundaries.
 *
 * @param name how the tariff file calls this day, for error messages
 * @param segments in any order
 */
public record DayProfile(String name, List<Segment> segments) {

    public static final int MINUTES_PER_DAY = 24 * 60;

    /** From {@code fromMinute} (inclusive) to {@code toMinute} (exclusive) of the day. */
    public record Segment(int fromMinute, int toMinute, TariffPeriod period) {
        public String hours() {
            return clock(fromMinute) + "-" + clock(toMinute);
        }
    }

    public DayProfile {
        segments = List.copyOf(segments);
    }

    /** Everything that stops this day being compiled with slots of {@code slotMinutes}. */
    public List<String> problems(int slotMinutes) {
        List<String> problems = new ArrayList<>();
        Segment[] owner = new Segment[MINUTES_PER_DAY];
        for (Segment s : segments) {
            if (s.fromMinute() < 0
                    || s.toMinute() > MINUTES_PER_DAY
                    || s.fromMinute() >= s.toMinute()) {
                problems.add("segment " + s.hours() + " is not a span within 00:00-24:00");
                continue;
            }
            if (s.fromMinute() % slotMinutes != 0 || s.toMinute() % slotMinutes != 0) {
                problems.add(
                        "segment "
                                + s.hours()
                                + " does not fall on "
                                + slotMinutes
                                + "-minute boundaries");
            }
            for (int m = s.fromMinute(); m < s.toMinute(); m++) {
                if (owner[m] != null) {
                    problems.add(
                            "hours overlap: "
                                    + owner[m].hours()
                                    + " and "
                                    + s.hours()
                                    + " both cover "
                                    + clock(m));
                    break;
                }
                owner[m] = s;
            }
        }
        int m = 0;
        while (m < MINUTES_PER_DAY) {
            if (owner[m] != null) {
                m++;
                continue;
            }
            int start = m;
            while (m < MINUTES_PER_DAY && owner[m] == null) {
                m++;
            }
            problems.add("hours missing: nothing covers " + clock(start) + "-" + clock(m));
        }
        return problems;
    }

    /** The period of every slot of the day; call only when {@link #problems} is empty. */
    byte[] toSlots(int slotMinutes) {
        byte[] slots = new byte[MINUTES_PER_DAY / slotMinutes];
        for (Segment s : segments) {
            for (int m = s.fromMinute(); m < s.toMinute(); m += slotMinutes) {
                slots[m / slotMinutes] = (byte) s.period().ordinal();
            }
        }
        return slots;
    }

    static String clock(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }
}
