package org.gridwatch.core.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The real households of the SGSC trial (test resource households/, see its README): each one's
 * year as 365 days × 48 half hours of kWh, NaN where no reading came. A reading off the half hour
 * goes to the half hour it falls in; a second reading of the same half hour replaces the first.
 */
public final class Households {
    public static final int YEAR = 2013;
    public static final int DAYS = 365;
    public static final int SLOTS = 48;

    public final List<String> ids = new ArrayList<>();
    public final List<double[][]> years = new ArrayList<>();

    public static Households load() {
        Households h = new Households();
        Map<String, double[][]> byId = new LinkedHashMap<>();
        try (InputStream in =
                        Households.class.getResourceAsStream(
                                "/households/sgsc-35-households-2013.csv.gz");
                BufferedReader r =
                        new BufferedReader(
                                new InputStreamReader(
                                        new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                LocalDateTime t = LocalDateTime.parse(f[1]);
                if (t.getYear() != YEAR) {
                    continue;
                }
                double[][] year =
                        byId.computeIfAbsent(
                                f[0],
                                id -> {
                                    double[][] y = new double[DAYS][SLOTS];
                                    for (double[] d : y) {
                                        Arrays.fill(d, Double.NaN);
                                    }
                                    return y;
                                });
                int day = t.getDayOfYear() - 1;
                int slot = t.getHour() * 2 + t.getMinute() / 30;
                if (day < DAYS) {
                    year[day][slot] = Double.parseDouble(f[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byId.forEach(
                (id, year) -> {
                    h.ids.add(id);
                    h.years.add(year);
                });
        return h;
    }

    static LocalDate date(int dayOfYear0) {
        return LocalDate.ofYearDay(YEAR, dayOfYear0 + 1);
    }
}
