package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterTariffCheckTest {
    @TempDir Path dir;

    private static String customer(String id, String tariff) {
        return "{\"customerId\":\""
                + id
                + "\",\"meterId\":\"M"
                + id
                + "\",\"class\":\"RESIDENTIAL\",\"areaId\":\"A1\",\"tariffId\":\""
                + tariff
                + "\",\"prepaid\":false}";
    }

    @Test
    void namesTheTariffsTheFileDoesNotHaveAndHowManyCustomersEachHas() throws Exception {
        Path file = dir.resolve("customers.jsonl");
        Files.write(
                file,
                List.of(
                        customer("C1", "residential"),
                        customer("C2", "residential-tiered"),
                        "not a customer",
                        customer("C3", "residential"),
                        customer("C4", "house-tou")));

        String warning = MasterTariffCheck.of(file, MonitorSettings.DEFAULT).orElseThrow();

        assertThat(warning)
                .startsWith(
                        "3 of the 4 customers in customers.jsonl name a tariff that presets.yaml"
                                + " does not have (house-tou: 1, residential: 2): they are not"
                                + " billed, and their energy shows as UNPRICED; its tariffs are ")
                .contains("residential-tiered")
                .endsWith(" (--tariffs FILE gives others)");
    }

    @Test
    void saysNothingWhenEveryTariffIsKnown() throws Exception {
        Path file = dir.resolve("customers.jsonl");
        Files.write(file, List.of(customer("C1", "residential-tiered")));

        assertThat(MasterTariffCheck.of(file, MonitorSettings.DEFAULT)).isEmpty();
    }
}
