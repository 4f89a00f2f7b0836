package org.gridwatch.simulator;

import java.util.EnumMap;
import java.util.Map;
import org.gridwatch.core.event.CustomerClass;

/**
 * The load profiles of the seven tariff classes, for a city in central or eastern China: hot humid
 * summers cooled by air conditioners, cold winters heated partly by electricity (no district
 * heating south of the Huai river). Shapes are half-hourly relative loads from 00:00 (eight values
 * a line, four hours a line); they are normalised in {@link ClassProfile}, so only their
 * proportions matter. Prices are average CNY/kWh across periods and tiers, used only where there
 * are no readings to bill with the tariff: the opening bill and pre-paid balances.
 *
 * <p>These are typical shapes in the spirit of published Chinese load-research curves, not measured
 * data. The residential shape was compared with the average of 35 real households
 * (shared/data/sgsc-35-households-2013.csv.gz, Australian): both have a night trough near 45–55% of
 * the mean between 02:00 and 05:00 and an evening peak near 1.5–2× the mean around 20:00; the
 * Chinese shape has a midday cooking bump and a later, higher evening peak.
 */
public final class ClassProfiles {

    private ClassProfiles() {}

    private static final Map<CustomerClass, ClassProfile> PROFILES =
            new EnumMap<>(CustomerClass.class);

    public static ClassProfile of(CustomerClass c) {
        return PROFILES.get(c);
    }

    private static void add(ClassProfile p) {
        PROFILES.put(p.customerClass(), p);
    }

    static {
        // Households: a night trough (fridge, standby, water heater keeping warm), breakfast at
        // 07:00, a quiet day while people are at work, lunch cooking (rice cookers, induction
        // hobs), and the evening peak 19:00-21:30 when everybody is home with lights, TV, cooking
        // and, in summer, air conditioners. Weekends: later mornings and a fuller day. Seasonal:
        // cooling in July-August is the biggest effect, electric heating in December-February the
        // second. 6 kWh/day median is about 2,200 kWh a year, China's urban household average.
        double[] residentialWorkday = {
            0.80, 0.70, 0.60, 0.55, 0.50, 0.48, 0.46, 0.45,
            0.45, 0.46, 0.48, 0.55, 0.70, 0.90, 1.05, 1.05,
            0.90, 0.75, 0.70, 0.68, 0.70, 0.78, 0.95, 1.10,
            1.10, 0.95, 0.80, 0.72, 0.70, 0.70, 0.72, 0.75,
            0.80, 0.90, 1.05, 1.30, 1.55, 1.75, 1.90, 1.95,
            1.95, 1.90, 1.80, 1.65, 1.45, 1.25, 1.05, 0.90
        };
        double[] residentialWeekend = {
            0.85, 0.75, 0.65, 0.58, 0.52, 0.50, 0.48, 0.47,
            0.47, 0.47, 0.48, 0.52, 0.60, 0.70, 0.85, 1.00,
            1.10, 1.10, 1.05, 1.00, 1.00, 1.05, 1.15, 1.30,
            1.30, 1.15, 1.00, 0.95, 0.92, 0.92, 0.95, 0.98,
            1.02, 1.10, 1.20, 1.40, 1.60, 1.78, 1.90, 1.95,
            1.95, 1.90, 1.80, 1.65, 1.50, 1.30, 1.10, 0.95
        };
        add(
                new ClassProfile(
                        CustomerClass.RESIDENTIAL,
                        "residential-tiered",
                        6.0,
                        0.55,
                        residentialWorkday,
                        residentialWeekend,
                        1.08,
                        new double[] {
                            1.25, 1.15, 0.92, 0.82, 0.85, 1.00, 1.35, 1.38, 1.00, 0.82, 0.90, 1.15
                        },
                        0.20,
                        0.60, // single households are spiky: kettles, rice cookers, showers
                        1.0,
                        2,
                        new double[] {4, 6, 8, 10, 12, 16, 20},
                        0.56, // first tier about 0.50-0.55, a few percent of energy in tiers 2-3
                        0.35)); // 费控 smart meters are common among households

        // Shops and restaurants: refrigeration and security lighting overnight, opening from
        // 09:00, lunch and dinner peaks in restaurants, closing around 22:00. Open every day and
        // busier at weekends. Cooling drives a strong summer peak.
        double[] commercial = {
            0.30, 0.28, 0.26, 0.25, 0.25, 0.25, 0.25, 0.25,
            0.25, 0.25, 0.25, 0.26, 0.28, 0.32, 0.40, 0.55,
            0.80, 1.10, 1.40, 1.55, 1.65, 1.70, 1.80, 1.90,
            1.90, 1.85, 1.75, 1.70, 1.70, 1.70, 1.70, 1.70,
            1.72, 1.75, 1.80, 1.90, 1.95, 1.95, 1.90, 1.85,
            1.80, 1.70, 1.55, 1.30, 0.95, 0.65, 0.45, 0.35
        };
        add(
                new ClassProfile(
                        CustomerClass.COMMERCIAL,
                        "commercial-tou",
                        80.0,
                        0.8,
                        commercial,
                        commercial,
                        1.10,
                        new double[] {
                            1.05, 0.95, 0.90, 0.88, 0.95, 1.10, 1.30, 1.30, 1.10, 0.92, 0.90, 1.00
                        },
                        0.12,
                        0.25,
                        0.6,
                        2,
                        new double[] {10, 15, 20, 30, 50, 80, 100, 160, 200},
                        0.75,
                        0.10));

        // Small factories and workshops: one day shift 08:00-17:30 with a lunch break, little
        // overnight. Many work Saturdays, so a weekend day is about half a workday. February dips
        // for the Spring Festival shutdown (spread over the month, since its date moves).
        double[] generalIndustry = {
            0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25,
            0.25, 0.25, 0.25, 0.25, 0.25, 0.30, 0.45, 0.90,
            1.70, 1.85, 1.90, 1.90, 1.90, 1.90, 1.90, 1.85,
            1.20, 1.10, 1.70, 1.90, 1.90, 1.90, 1.90, 1.90,
            1.90, 1.85, 1.70, 1.10, 0.60, 0.45, 0.40, 0.40,
            0.38, 0.36, 0.35, 0.33, 0.30, 0.28, 0.27, 0.26
        };
        add(
                new ClassProfile(
                        CustomerClass.GENERAL_INDUSTRY,
                        "general-industry-tou",
                        400.0,
                        0.8,
                        generalIndustry,
                        generalIndustry,
                        0.55,
                        new double[] {
                            0.95, 0.75, 1.00, 1.02, 1.03, 1.05, 1.08, 1.08, 1.05, 0.98, 1.00, 1.02
                        },
                        0.15,
                        0.20,
                        0.1,
                        2,
                        new double[] {30, 50, 80, 100, 160, 200, 250, 315},
                        0.70,
                        0.0));

        // Large industry (315 kVA and above): continuous three-shift processes, nearly flat, with
        // load moved into the 23:00-07:00 valley where time-of-use prices are lowest. Each has its
        // own transformer (专变), so it is alone in its area. Weather barely matters.
        double[] largeIndustry = {
            1.10, 1.10, 1.10, 1.10, 1.10, 1.10, 1.10, 1.10,
            1.10, 1.10, 1.10, 1.08, 1.05, 1.00, 0.98, 0.96,
            0.93, 0.93, 0.93, 0.93, 0.93, 0.93, 0.93, 0.93,
            0.97, 0.97, 0.97, 0.97, 0.97, 0.97, 0.97, 0.97,
            0.95, 0.95, 0.92, 0.92, 0.92, 0.92, 0.92, 0.92,
            0.92, 0.92, 0.95, 0.98, 1.05, 1.08, 1.10, 1.10
        };
        add(
                new ClassProfile(
                        CustomerClass.LARGE_INDUSTRY,
                        "large-industry-two-part",
                        10_000.0,
                        0.6,
                        largeIndustry,
                        largeIndustry,
                        0.95,
                        new double[] {
                            1.00, 0.88, 1.00, 1.01, 1.01, 1.02, 1.03, 1.03, 1.02, 1.00, 1.00, 1.00
                        },
                        0.05,
                        0.08,
                        0.05,
                        0,
                        new double[] {
                            315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000
                        },
                        0.65, // energy about 0.6 plus the capacity charge spread over the kWh
                        0.0));

        // Farms: irrigation pumps and farm processing in daylight, no weekends. Strongly seasonal:
        // spring irrigation of winter wheat (March-May) and summer drought irrigation
        // (July-August);
        // little in winter. Dry spells (the weather anomaly) mean more pumping.
        double[] agriculture = {
            0.30, 0.30, 0.30, 0.30, 0.30, 0.30, 0.30, 0.30,
            0.30, 0.30, 0.30, 0.35, 0.45, 0.60, 1.00, 1.20,
            1.50, 1.60, 1.70, 1.70, 1.70, 1.70, 1.60, 1.40,
            1.30, 1.40, 1.60, 1.70, 1.70, 1.70, 1.70, 1.70,
            1.70, 1.60, 1.50, 1.20, 0.90, 0.60, 0.45, 0.40,
            0.35, 0.35, 0.33, 0.32, 0.30, 0.30, 0.30, 0.30
        };
        add(
                new ClassProfile(
                        CustomerClass.AGRICULTURE,
                        "agriculture-flat",
                        30.0,
                        0.8,
                        agriculture,
                        agriculture,
                        1.0,
                        new double[] {
                            0.35, 0.40, 1.00, 1.50, 1.60, 1.30, 1.50, 1.40, 1.00, 0.80, 0.60, 0.40
                        },
                        0.35, // pumps run some days and not others
                        0.30,
                        0.8,
                        4,
                        new double[] {5, 10, 15, 20, 30, 50, 80},
                        0.50,
                        0.0));

        // Street lights, signs and building lighting: on from dusk to dawn on photocells and
        // timers, every day; "half-night" lamps switch off after midnight. Longer winter nights
        // mean more energy in December-January. Very steady: lamps draw the same every night.
        double[] lighting = {
            1.60, 1.50, 1.40, 1.40, 1.40, 1.40, 1.40, 1.40,
            1.40, 1.40, 1.35, 1.20, 0.90, 0.50, 0.20, 0.10,
            0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.10,
            0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.10,
            0.10, 0.15, 0.30, 0.70, 1.30, 1.80, 1.90, 1.90,
            1.90, 1.90, 1.90, 1.90, 1.85, 1.80, 1.70, 1.65
        };
        add(
                new ClassProfile(
                        CustomerClass.NON_RESIDENTIAL_LIGHTING,
                        "lighting-flat",
                        25.0,
                        0.7,
                        lighting,
                        lighting,
                        1.0,
                        new double[] {
                            1.25, 1.15, 1.00, 0.90, 0.82, 0.78, 0.80, 0.86, 0.95, 1.05, 1.18, 1.27
                        },
                        0.04,
                        0.05,
                        0.0,
                        2,
                        new double[] {5, 10, 15, 20, 30, 50, 80},
                        0.80,
                        0.0));

        // Offices, schools, hospitals, government: office hours 08:00-18:00 on workdays with a
        // lunch dip; at weekends only what runs around the clock (hospital wards, servers, duty
        // rooms) plus a little daytime. February is low (school holidays, Spring Festival).
        double[] nonIndustrialWorkday = {
            0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35,
            0.35, 0.35, 0.35, 0.35, 0.38, 0.42, 0.50, 0.90,
            1.50, 1.80, 1.80, 1.80, 1.80, 1.80, 1.80, 1.70,
            1.40, 1.30, 1.40, 1.70, 1.80, 1.80, 1.80, 1.80,
            1.80, 1.80, 1.80, 1.50, 1.10, 0.80, 0.65, 0.60,
            0.60, 0.58, 0.55, 0.50, 0.45, 0.42, 0.40, 0.38
        };
        double[] nonIndustrialWeekend = {
            0.70, 0.70, 0.70, 0.70, 0.70, 0.70, 0.70, 0.70,
            0.70, 0.70, 0.70, 0.70, 0.72, 0.78, 0.85, 0.95,
            1.10, 1.25, 1.30, 1.30, 1.30, 1.30, 1.30, 1.25,
            1.20, 1.20, 1.25, 1.30, 1.30, 1.30, 1.30, 1.30,
            1.25, 1.20, 1.10, 1.00, 0.95, 0.90, 0.85, 0.85,
            0.85, 0.82, 0.80, 0.78, 0.75, 0.72, 0.72, 0.70
        };
        add(
                new ClassProfile(
                        CustomerClass.NON_INDUSTRIAL,
                        "non-industrial-tou",
                        150.0,
                        0.8,
                        nonIndustrialWorkday,
                        nonIndustrialWeekend,
                        0.45,
                        new double[] {
                            1.15, 0.85, 0.95, 0.90, 0.92, 1.05, 1.10, 1.10, 1.00, 0.92, 0.95, 1.10
                        },
                        0.10,
                        0.20,
                        0.5,
                        2,
                        new double[] {20, 30, 50, 80, 100, 160, 200, 250, 315, 400},
                        0.78,
                        0.0));
    }
}
