package org.gridwatch.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Severity;

/**
 * The inspectors' worklist: the latest version of every alert id seen, with the ts of its first
 * version, ranked by priority (score × value at risk) descending, then alert id. Closed alerts
 * leave the list.
 */
final class AlertBoard {

    /** One alert: its latest version and when it was first seen. */
    record Entry(AlertRow latest, long sinceMillis) {}

    /** Which alerts to list: empty sets and a null severity let everything through. */
    record Filter(Set<AlertType> types, Severity minSeverity, Set<String> areas, int top) {
        static final Filter ALL = new Filter(Set.of(), null, Set.of(), 0);

        boolean admits(AlertRow row) {
            return (types.isEmpty() || types.contains(row.type()))
                    && (minSeverity == null || row.severity().compareTo(minSeverity) >= 0)
                    && (areas.isEmpty() || areas.contains(row.areaId()));
        }
    }

    static final Comparator<Entry> RANKED =
            Comparator.comparingDouble((Entry e) -> -e.latest().priority())
                    .thenComparing(e -> e.latest().alertId());

    private final Map<String, Entry> alerts = new HashMap<>();

    /**
     * Takes one version: it replaces the alert's latest unless older (by ts) than it. Returns
     * whether the list may have changed.
     */
    boolean add(AlertRow row) {
        Entry kept = alerts.get(row.alertId());
        if (kept == null) {
            alerts.put(row.alertId(), new Entry(row, row.tsMillis()));
            return true;
        }
        long since = Math.min(kept.sinceMillis(), row.tsMillis());
        if (row.tsMillis() < kept.latest().tsMillis()) {
            alerts.put(row.alertId(), new Entry(kept.latest(), since));
            return false;
        }
        alerts.put(row.alertId(), new Entry(row, since));
        return true;
    }

    /** The open alerts the filter admits, ranked, at most {@code top} of them (0: all). */
    List<Entry> ranked(Filter filter) {
        List<Entry> list = new ArrayList<>();
        for (Entry e : alerts.values()) {
            if (e.latest().status() != AlertStatus.CLOSED && filter.admits(e.latest())) {
                list.add(e);
            }
        }
        list.sort(RANKED);
        return filter.top() > 0 && list.size() > filter.top()
                ? list.subList(0, filter.top())
                : list;
    }

    /** Alert ids seen, closed ones included. */
    int size() {
        return alerts.size();
    }
}
