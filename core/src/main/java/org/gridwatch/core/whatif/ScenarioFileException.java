package org.gridwatch.core.whatif;

import java.util.List;
import org.gridwatch.core.FileProblemsException;

/** A scenario file that cannot be used; lists every problem, each naming file and scenario. */
public final class ScenarioFileException extends FileProblemsException {

    public ScenarioFileException(List<String> problems) {
        super(problems);
    }
}
