package org.gridwatch.core.whatif;

import java.util.List;

/** A scenario file that cannot be used; lists every problem, each naming file and scenario. */
public final class ScenarioFileException extends RuntimeException {

    private final List<String> problems;

    public ScenarioFileException(List<String> problems) {
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
