package org.gridwatch.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridwatch.jobs.io.FileOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridwatch alert-score}: the THEFT alert score for the alerts inspectors can take. */
@Command(
        name = "alert-score",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Finds the THEFT alert score for as many alerts as your inspectors can take.",
        description = {
            "Reads every theft score a replay of your own history published"
                    + " (theft-score-history.jsonl of --out, written by monitor --score-history)"
                    + " and prints, for each share of the customers, the least"
                    + " --theft-alert-score at which at most that share would have had a THEFT"
                    + " alert in that stretch, how many customers that is, and how many a 30-day"
                    + " month. Where few steal, the share of all customers is about the share of"
                    + " honest ones alerted (the false alarms) plus the thieves found.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  gridwatch monitor --input history/ --out history-out/ --score-history",
            "  gridwatch alert-score --out history-out/",
            "  gridwatch alert-score --out history-out/ --share 0.3",
            "  gridwatch monitor --kafka broker:9092 --theft-alert-score 0.912 ...",
            "See docs/inspectors.md, \"How many alerts\"."
        })
public final class AlertScoreCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The monitor's output folder with theft-score-history.jsonl.")
    Path out;

    @Option(
            names = "--share",
            paramLabel = "PERCENT",
            description =
                    "A share of the customers, in percent (above 0, below 100); repeat for more"
                            + " (default: 0.5, 1, 2, 5 and 10).")
    List<Double> shares;

    @Override
    public Integer call() {
        Path history = out.resolve(FileOutputs.SCORE_HISTORY_FILE);
        if (!Files.isRegularFile(history)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no file "
                            + history
                            + ": replay your history with gridwatch monitor --input DIR --out "
                            + out
                            + " --score-history first");
        }
        List<Double> asked = AlertScores.SHARES;
        if (shares != null) {
            for (double p : shares) {
                if (!(p > 0 && p < 100)) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--share " + p + " is not a percentage above 0 and below 100");
                }
            }
            asked = shares.stream().map(p -> p / 100).toList();
        }
        try {
            spec.commandLine().getOut().print(AlertScores.read(history).table(asked));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("gridwatch alert-score: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
