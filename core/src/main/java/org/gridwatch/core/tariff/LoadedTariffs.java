package org.gridwatch.core.tariff;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tariffs of one file, by id in file order, with the policy warnings found while loading.
 *
 * @param systemPeakValleyGap the file's setting, as a fraction (0.45 = 45%), or NaN if not given
 */
public record LoadedTariffs(
        String fileName,
        double systemPeakValleyGap,
        Map<String, Tariff> tariffs,
        List<TariffWarning> warnings) {

    public LoadedTariffs {
        tariffs = Collections.unmodifiableMap(new LinkedHashMap<>(tariffs));
        warnings = List.copyOf(warnings);
    }

    public Optional<Tariff> find(String id) {
        return Optional.ofNullable(tariffs.get(id));
    }

    public Tariff get(String id) {
        Tariff tariff = tariffs.get(id);
        if (tariff == null) {
            throw new IllegalArgumentException(fileName + ": no tariff '" + id + "'");
        }
        return tariff;
    }
}
