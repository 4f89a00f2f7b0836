package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TariffBookResolverTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final TariffBook book = TariffBook.presets(SHANGHAI);

    private static long at(String local) {
        return ZonedDateTime.parse(local + "+08:00[Asia/Shanghai]").toInstant().toEpochMilli();
    }

    @Test
    void pricesAnIdWhetherOrNotItIsTheInstanceAskedForBefore() {
        TariffBook.Resolver resolver = book.resolver();
        String shared = "residential-tiered";
        String copy = new String("residential-tiered");
        for (String id : new String[] {shared, shared, copy, copy}) {
            TariffBook.Priced priced = resolver.priced(id);
            // presets.yaml: residential-tiered is flat all day at 0.5283 CNY/kWh
            assertThat(priced.tariff().id()).isEqualTo("residential-tiered");
            int slot = priced.slotAt(at("2026-01-15T19:00:00"));
            assertThat(slot).isEqualTo(TariffPeriod.FLAT.ordinal());
            assertThat(priced.cnyPerKwh(slot)).isEqualTo(0.5283);
        }
        // commercial-tou (Shanxi hours): 19:00 is peak, 03:00 valley
        assertThat(resolver.lookup("commercial-tou").periodAt(at("2026-01-15T19:00:00")))
                .isEqualTo(TariffPeriod.PEAK);
        assertThat(resolver.lookup("commercial-tou").periodAt(at("2026-01-15T03:00:00")))
                .isEqualTo(TariffPeriod.VALLEY);
    }

    @Test
    void anUnknownIdHasNoTariffEveryTimeItIsAsked() {
        TariffBook.Resolver resolver = book.resolver();
        assertThat(resolver.priced("no-such-tariff")).isNull();
        assertThat(resolver.priced("no-such-tariff")).isNull();
        assertThat(resolver.lookup("no-such-tariff")).isNull();
        assertThat(resolver.priced(null)).isNull();
    }

    @Test
    void moreIdsThanItKeepsStillResolve() {
        TariffBook.Resolver resolver = book.resolver();
        // fresh instances each time: none is found by reference, every one fills or passes the
        // kept entries, and each still resolves to its own tariff
        for (int round = 0; round < 3 * TariffBook.Resolver.KEPT; round++) {
            String residential = new String("residential-tiered");
            String lighting = new String("lighting-flat");
            assertThat(resolver.priced(residential).tariff().id()).isEqualTo("residential-tiered");
            assertThat(resolver.priced(lighting).tariff().id()).isEqualTo("lighting-flat");
            assertThat(resolver.priced(new String("unknown-" + round))).isNull();
        }
    }
}
