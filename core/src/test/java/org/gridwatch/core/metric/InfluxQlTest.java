package org.gridwatch.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfluxQlTest {

    @Test
    void quotesANameAndEscapesItsQuotesAndBackslashes() {
        // Expected text written out by hand from InfluxQL's rule for quoted identifiers.
        assertThat(InfluxQl.identifier("gridwatch")).isEqualTo("\"gridwatch\"");
        assertThat(InfluxQl.identifier("grid-watch \"prod\""))
                .isEqualTo("\"grid-watch \\\"prod\\\"\"");
        assertThat(InfluxQl.identifier("a\\b")).isEqualTo("\"a\\\\b\"");
        assertThat(InfluxQl.identifier("a\\\"")).isEqualTo("\"a\\\\\\\"\"");
    }

    @Test
    void createsADatabaseByItsQuotedName() {
        assertThat(InfluxQl.createDatabase("what if")).isEqualTo("CREATE DATABASE \"what if\"");
    }

    @Test
    void refusesAnEmptyName() {
        assertThatThrownBy(() -> InfluxQl.identifier(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
