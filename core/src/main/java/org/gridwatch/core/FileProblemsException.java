package org.gridwatch.core;

import java.util.List;

/**
 * A human-edited file that cannot be used (a tariff file, a scenario file): every problem found,
 * each naming the file and the place in it, so that one run shows everything to fix.
 */
public abstract class FileProblemsException extends RuntimeException {

    private final List<String> problems;

    protected FileProblemsException(List<String> problems) {
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
