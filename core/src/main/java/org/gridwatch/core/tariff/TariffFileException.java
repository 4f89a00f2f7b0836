package org.gridwatch.core.tariff;

import java.util.List;
import org.gridwatch.core.FileProblemsException;

/** A tariff file that cannot be used; lists every problem found, each naming file and tariff. */
public final class TariffFileException extends FileProblemsException {

    public TariffFileException(List<String> problems) {
        super(problems);
    }
}
