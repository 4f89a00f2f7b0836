package org.gridwatch.core.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffpeakVariantFileTest {

    private static final String FLAT =
            """
              - id: %s
                source: test
                sector: residential
                %s
                days: {d: ["00:00-24:00 flat"]}
                schedule: [{months: all, day-types: all, day: d}]
                prices: {flat: 0.5}
            """;

    private static final String TOU =
            """
              - id: tou
                source: test
                sector: residential
                days: {d: ["00:00-08:00 valley", "08:00-24:00 peak"]}
                schedule: [{months: all, day-types: all, day: d}]
                prices: {peak: 0.55, valley: 0.35}
            """;

    private static List<String> problems(String tariffs) {
        return assertThrows(
                        TariffFileException.class,
                        () -> TariffFile.load(new StringReader("tariffs:\n" + tariffs), "t.yaml"))
                .problems();
    }

    @Test
    void aVariantIsAnotherTimeOfUseTariffOfTheFile() {
        LoadedTariffs loaded =
                TariffFile.load(
                        new StringReader(
                                "tariffs:\n"
                                        + FLAT.formatted("flat", "offpeak-variant: tou")
                                        + TOU),
                        "t.yaml");
        assertEquals("tou", loaded.get("flat").offpeakVariantId().orElseThrow());
        assertEquals(true, loaded.get("tou").offpeakVariantId().isEmpty());
        assertEquals(
                "residential-tiered-offpeak",
                TariffFile.presets().get("residential-tiered").offpeakVariantId().orElseThrow());
    }

    @Test
    void aMissingSelfOrOnePriceVariantIsAnError() {
        assertEquals(
                List.of(
                        "t.yaml: tariff 'flat': offpeak-variant 'nope' is not a tariff of this file"
                                + " (known: [flat, tou])"),
                problems(FLAT.formatted("flat", "offpeak-variant: nope") + TOU));
        assertEquals(
                List.of("t.yaml: tariff 'flat': offpeak-variant names the tariff itself"),
                problems(FLAT.formatted("flat", "offpeak-variant: flat")));
        assertEquals(
                List.of(
                        "t.yaml: tariff 'a': offpeak-variant 'b' has one price all day: an off-peak"
                                + " offer needs time-of-use periods"),
                problems(
                        FLAT.formatted("a", "offpeak-variant: b")
                                + FLAT.formatted("b", "name: b")));
    }
}
