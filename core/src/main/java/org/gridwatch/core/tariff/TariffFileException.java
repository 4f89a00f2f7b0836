package org.gridwatch.core.tariff;

import java.util.List;

/** A tariff file that cannot be used; lists every problem found, each naming file and tariff. */
public final class TariffFileException extends RuntimeException {

    private final List<String> problems;

    public TariffFileException(List<String> problems) {
        super(
                problems.size() == 1
                        ? problems.get(0)
                        : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
