package org.gridwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A replay's readings stamped in another offset than the utility's zone at the same instant: the
 * job cuts days, months and time-of-use periods in {@code --zone}, so meters stamped +11:00
 * replayed in Asia/Shanghai have their days cut at 03:00 of their own clock. Not an error (a
 * head-end may stamp in UTC), so said once, before the job starts, when none of the first readings
 * agrees.
 */
final class ReadingZoneCheck {
    /** Readings looked at. */
    static final int LOOKED_AT = 1000;

    private static final Pattern TS = Pattern.compile("\"ts\"\\s*:\\s*\"([^\"]+)\"");

    private ReadingZoneCheck() {}

    /** The warning for {@code readings.jsonl}, or empty when some reading agrees with the zone. */
    static Optional<String> of(Path readingsFile, ZoneId zone) throws IOException {
        TreeMap<String, Integer> offsets = new TreeMap<>();
        int agreeing = 0;
        int stamped = 0;
        try (BufferedReader lines = Files.newBufferedReader(readingsFile, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine();
                    line != null && stamped < LOOKED_AT;
                    line = lines.readLine()) {
                Matcher m = TS.matcher(line);
                if (!m.find()) {
                    continue;
                }
                OffsetDateTime ts;
                try {
                    ts = OffsetDateTime.parse(m.group(1));
                } catch (DateTimeException e) {
                    continue; // the replay rejects it with its reason
                }
                stamped++;
                if (zone.getRules().getOffset(ts.toInstant()).equals(ts.getOffset())) {
                    agreeing++;
                } else {
                    offsets.merge(ts.getOffset().getId(), 1, Integer::sum);
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            return Optional.empty(); // not text this check can read; the replay says what it is
        }
        if (stamped == 0 || agreeing > 0) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        "the first %,d readings of %s are stamped %s, not in %s's offset: days,"
                                + " months and time-of-use periods are cut on %s's clock; give"
                                + " --zone if they should be the meters' own",
                        stamped,
                        readingsFile.getFileName(),
                        String.join(" and ", offsets.keySet()),
                        zone.getId(),
                        zone.getId()));
    }
}
