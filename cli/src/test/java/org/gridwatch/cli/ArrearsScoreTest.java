package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrearsScoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> lines(String... json) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String j : json) {
            out.add(JSON.readTree(j.replace('\'', '"')));
        }
        return out;
    }

    @Test
    void scoresArrearsAlertsAgainstTheTruthByHand() throws Exception {
        // A run of 200 days from 2026-01-01: it ends 2026-07-20, so alerts opened up to 05-21 (60
        // days before) have a known outcome.
        List<JsonNode> customers =
                lines(
                        "{'customerId':'C1'}",
                        "{'customerId':'C2'}",
                        "{'customerId':'C3'}",
                        "{'customerId':'C4'}",
                        "{'customerId':'C5'}",
                        "{'customerId':'C6','prepaid':true}");
        List<JsonNode> truth =
                lines(
                        "{'type':'run','start':'2026-01-01','days':200}",
                        "{'type':'customer','customerId':'C1','payer':'NEVER'}",
                        "{'type':'customer','customerId':'C4','payer':'LATE'}",
                        "{'type':'arrears','customerId':'C1','bill':'2026-01','reaches90DaysPastDue':'2026-05-21'}",
                        "{'type':'arrears','customerId':'C2','bill':'2026-02','reaches90DaysPastDue':'2026-06-20'}",
                        // the opening bill, which the monitor never billed: counted apart
                        "{'type':'arrears','customerId':'C3','bill':'2025-12','reaches90DaysPastDue':'2026-04-20'}");
        List<JsonNode> alerts =
                lines(
                        // C1: 55 days ahead; a later case of C1 does not move its first day
                        "{'alertId':'arrears:C1:20260327','customerId':'C1','type':'ARREARS'}",
                        "{'alertId':'arrears:C1:20260601','customerId':'C1','type':'ARREARS'}",
                        // C2: 26 days ahead only, and too near the end to judge its precision
                        "{'alertId':'arrears:C2:20260525','customerId':'C2','type':'ARREARS'}",
                        // C4 pays in the end: a false alert; C6 is pre-paid: false and counted
                        "{'alertId':'arrears:C4:20260410','customerId':'C4','type':'ARREARS'}",
                        "{'alertId':'arrears:C6:20260401','customerId':'C6','type':'ARREARS'}",
                        "{'alertId':'theft:C5:20260401','customerId':'C5','type':'THEFT'}");

        ArrearsScore s = ArrearsScore.of(customers, truth, alerts);

        assertThat(s.reached).isEqualTo(2);
        assertThat(s.reachedOnOpeningBill).isEqualTo(1);
        assertThat(s.foundAhead).isEqualTo(1);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.leadDays).containsExactly(55L);
        assertThat(s.flaggedTotal).isEqualTo(4);
        assertThat(s.flaggedSettled).isEqualTo(3);
        assertThat(s.flaggedSettledTrue).isEqualTo(1);
        assertThat(s.precision()).isEqualTo(1.0 / 3);
        assertThat(s.prepaidFlagged).isEqualTo(1);
        assertThat(s.table())
                .contains("1 of 2 customers who reach 90 days past due alerted 30 days ahead")
                .contains("| NEVER | 1 | 1 |")
                .contains("| LATE | 1 | 0 |");
    }
}
