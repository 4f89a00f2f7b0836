package org.gridwatch.jobs.whatif;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.whatif.CustomerOutcome;
import org.gridwatch.core.whatif.LoadSignature;
import org.gridwatch.core.whatif.ScenarioTally;
import org.gridwatch.core.whatif.WhatIfPricing;

/**
 * Prices every customer's signature under every scenario and adds the outcome to this task's
 * tallies (all customers, the customer's class, its segment); the tallies leave when the input
 * ends. The first phase of a two-phase sum: the work and the memory grow with parallelism, and a
 * task holds tallies, never signatures.
 */
final class ScenarioTallying extends AbstractStreamOperator<ScenarioTally>
        implements OneInputStreamOperator<LoadSignature, ScenarioTally>, BoundedOneInput {

    private final WhatIfSettings settings;
    private transient WhatIfPricing pricing;
    private transient Map<String, ScenarioTally> tallies;
    private transient Counter priced;
    private transient Counter notPriced;

    ScenarioTallying(WhatIfSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pricing =
                new WhatIfPricing(
                        settings.pricing().tariffs(),
                        settings.scenarios().scenarios(),
                        BillingCalendar.CHINA,
                        settings.pricing().calendar());
        tallies = new LinkedHashMap<>();
        priced = getMetricGroup().counter(WhatIfJob.PRICED);
        notPriced = getMetricGroup().counter(WhatIfJob.NOT_PRICED);
    }

    @Override
    public void processElement(StreamRecord<LoadSignature> element) {
        LoadSignature signature = element.getValue();
        java.util.List<CustomerOutcome> outcomes;
        try {
            outcomes = pricing.price(signature);
        } catch (IllegalArgumentException e) {
            notPriced.inc();
            LOG.warn("what-if: {}", e.getMessage());
            return;
        }
        String segment = signature.segment == null ? "UNKNOWN" : signature.segment;
        for (CustomerOutcome outcome : outcomes) {
            tally(outcome.scenario(), "ALL", ScenarioTally.ALL).add(outcome, signature.months);
            tally(outcome.scenario(), "class", signature.customerClass)
                    .add(outcome, signature.months);
            tally(outcome.scenario(), "segment", segment).add(outcome, signature.months);
        }
        priced.inc();
    }

    @Override
    public void endInput() {
        for (ScenarioTally tally : tallies.values()) {
            output.collect(new StreamRecord<>(tally));
        }
        tallies.clear();
    }

    private ScenarioTally tally(String scenario, String kind, String group) {
        return tallies.computeIfAbsent(
                scenario + '\u0000' + kind + '\u0000' + group,
                k -> ScenarioTally.of(scenario, kind, group));
    }
}
