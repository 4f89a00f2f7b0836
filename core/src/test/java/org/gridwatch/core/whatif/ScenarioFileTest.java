package org.gridwatch.core.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import org.gridwatch.core.event.CustomerClass;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {

    private static final String TARIFF =
            """
                tariff:
                  id: t
                  source: test
                  sector: residential
                  days: {d: ["00:00-08:00 valley", "08:00-24:00 flat"]}
                  schedule: [{months: all, day-types: all, day: d}]
                  prices: {flat: 0.5, valley: 0.3}
            """;

    private static ScenarioFile.Scenarios load(String yaml) {
        return ScenarioFile.load(new StringReader(yaml), "s.yaml");
    }

    @Test
    void readsTheContractsMinimalShapeAndTheOptionalKeys() {
        ScenarioFile.Scenarios s =
                load(
                        "scenarios:\n  - name: a\n    classes: [RESIDENTIAL, commercial]\n"
                                + TARIFF
                                + "    response: default\n    opt-in: 0.25\n"
                                + "    shift-incentive: {cny-per-kwh: 0.2}\n"
                                + "  - name: b\n    classes: [RESIDENTIAL]\n"
                                + TARIFF
                                + "    opt-in: winners\n");
        WhatIfScenario a = s.scenarios().get(0);
        assertEquals("a", a.name());
        assertTrue(a.appliesTo(CustomerClass.COMMERCIAL));
        assertEquals(0.07, a.responseOf(CustomerClass.RESIDENTIAL).substitution());
        assertEquals(WhatIfScenario.OptIn.Kind.SHARE, a.optIn().kind());
        assertEquals(new BigDecimal("0.2"), a.shiftIncentiveCnyPerKwh());
        WhatIfScenario b = s.scenarios().get(1);
        assertTrue(b.responseOf(CustomerClass.RESIDENTIAL).isNone(), "no response key: none");
        assertEquals(WhatIfScenario.OptIn.WINNERS, b.optIn());
    }

    @Test
    void listsEveryProblemAtOnceNamingFileAndScenario() {
        ScenarioFileException e =
                assertThrows(
                        ScenarioFileException.class,
                        () ->
                                load(
                                        "scenarios:\n  - name: a\n    classes: [HOUSEHOLD]\n"
                                                + TARIFF
                                                + "    opt-in: 2\n    respons: none\n"
                                                + "  - name: a\n    classes: [RESIDENTIAL]\n"
                                                + TARIFF));
        assertEquals(
                java.util.List.of(
                        "s.yaml: scenario 'a': unknown key 'respons' in the scenario (known:"
                                + " [classes, critical-peak-days, description, name, opt-in,"
                                + " response, shift-incentive, tariff])",
                        "s.yaml: scenario 'a': unknown class 'HOUSEHOLD' (known: [RESIDENTIAL,"
                                + " COMMERCIAL, GENERAL_INDUSTRY, LARGE_INDUSTRY, AGRICULTURE,"
                                + " NON_RESIDENTIAL_LIGHTING, NON_INDUSTRIAL])",
                        "s.yaml: scenario 'a': opt-in must be 'all', 'winners' or a share of"
                                + " customers in (0, 1], got '2'",
                        "s.yaml: scenario 'a': the name is used twice"),
                e.problems());
    }

    @Test
    void aTariffErrorComesFromTheTariffReaderWithTheScenarioNamed() {
        ScenarioFileException e =
                assertThrows(
                        ScenarioFileException.class,
                        () ->
                                load(
                                        "scenarios:\n  - name: a\n    classes: [RESIDENTIAL]\n"
                                                + TARIFF.replace("0.3}", "-0.3}")));
        assertEquals(1, e.problems().size());
        assertTrue(
                e.problems().get(0).startsWith("s.yaml: scenario 'a': tariff 't': prices:"),
                e.problems().get(0));
    }

    @Test
    void aQuarterHourBoundaryIsRefusedBecauseSignaturesAreHalfHours() {
        String quarter =
                TARIFF.replace("source: test", "source: test\n      slot-minutes: 15")
                        .replace("00:00-08:00 valley\", \"08:00", "00:00-08:15 valley\", \"08:15");
        ScenarioFileException e =
                assertThrows(
                        ScenarioFileException.class,
                        () ->
                                load(
                                        "scenarios:\n  - name: q\n    classes: [RESIDENTIAL]\n"
                                                + quarter));
        assertEquals(
                "s.yaml: scenario 'q': tariff 't' changes period at 08:15 (month 1, workday);"
                        + " what-if prices half hours, so periods must change on :00 or :30",
                e.getMessage());
    }

    @Test
    void theShareDrawIsStableAndNearItsShare() {
        WhatIfScenario.OptIn quarter =
                new WhatIfScenario.OptIn(WhatIfScenario.OptIn.Kind.SHARE, 0.25);
        int drawn = 0;
        for (int i = 0; i < 10_000; i++) {
            drawn += quarter.drawn("s", "C" + i) ? 1 : 0;
        }
        // Binomial(10000, 0.25): mean 2500, sd 43; ±5 sd.
        assertTrue(Math.abs(drawn - 2500) < 215, "drawn " + drawn);
        assertEquals(quarter.drawn("s", "C42"), quarter.drawn("s", "C42"));
    }
}
