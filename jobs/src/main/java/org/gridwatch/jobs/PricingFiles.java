package org.gridwatch.jobs;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.tariff.TariffFile;
import org.gridwatch.core.tariff.TariffFileException;

/**
 * The tariff file and the holiday calendar live energy is priced with, carried inside the job as
 * text. They are read and checked once where the job is built ({@code bin/gridwatch monitor}, or
 * the client of {@code flink run}); the operators parse the text again when they open, on whichever
 * TaskManager they run. A path would have to exist on every TaskManager of a cluster; the text
 * travels with the job, as the value model does.
 *
 * @param tariffsFile the name of the tariff file, for messages; null for the shipped presets
 * @param tariffsYaml its content; null for the shipped presets
 * @param holidaysFile the name of the holiday calendar file; null for the shipped 2026 calendar
 * @param holidaysYaml its content; null for the shipped 2026 calendar
 */
public record PricingFiles(
        String tariffsFile, String tariffsYaml, String holidaysFile, String holidaysYaml)
        implements Serializable {

    /** The shipped presets and the shipped Chinese holiday calendar of 2026. */
    public static final PricingFiles SHIPPED = new PricingFiles(null, null, null, null);

    /**
     * The same, with the tariffs of {@code --tariffs FILE}.
     *
     * @throws IllegalArgumentException one line naming the option, the file and every problem
     */
    public PricingFiles withTariffs(Path file) {
        String yaml = read("--tariffs", file);
        try {
            TariffFile.load(new StringReader(yaml), file.toString());
        } catch (TariffFileException e) {
            throw new IllegalArgumentException("--tariffs: " + String.join("; ", e.problems()), e);
        }
        return new PricingFiles(file.toString(), yaml, holidaysFile, holidaysYaml);
    }

    /**
     * The same, with the calendar of {@code --holidays FILE} instead of the shipped one.
     *
     * @throws IllegalArgumentException one line naming the option, the file and the problem
     */
    public PricingFiles withHolidays(Path file) {
        String yaml = read("--holidays", file);
        try {
            HolidayCalendar.fromYaml(new StringReader(yaml), file.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--holidays: " + e.getMessage(), e);
        }
        return new PricingFiles(tariffsFile, tariffsYaml, file.toString(), yaml);
    }

    public LoadedTariffs tariffs() {
        return tariffsYaml == null
                ? TariffFile.presets()
                : TariffFile.load(new StringReader(tariffsYaml), tariffsFile);
    }

    public HolidayCalendar calendar() {
        return holidaysYaml == null
                ? HolidayCalendar.china2026()
                : HolidayCalendar.fromYaml(new StringReader(holidaysYaml), holidaysFile);
    }

    /** The tariffs ready to price readings in the utility's zone. */
    public TariffBook book(ZoneId zone) {
        return new TariffBook(tariffs(), calendar(), zone);
    }

    /** The files' names, not their content. */
    @Override
    public String toString() {
        return "tariffs "
                + (tariffsFile == null ? "(shipped presets)" : tariffsFile)
                + ", holidays "
                + (holidaysFile == null ? "(shipped 2026 calendar)" : holidaysFile);
    }

    private static String read(String option, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + ": " + file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(option + ": " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    option + ": " + file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
