package org.gridwatch.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridwatch.core.event.Output;
import org.gridwatch.jobs.io.FileOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridwatch evaluate}: a replay's alerts against the simulator's truth. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Scores a replay's alerts against the simulator's truth, per attack kind.",
        description = {
            "Reads the simulated fleet (customers.jsonl and truth.jsonl of --input) and what the"
                    + " monitor job found in it (alerts.jsonl of --out) and prints, per attack"
                    + " kind, the thieves alerted on or after their first day of theft and the"
                    + " median days to the alert; the honest customers with a THEFT alert; the"
                    + " AUC of the theft score by the alerts; with theft-scores.jsonl in --out, the"
                    + " AUC of every customer's last theft score and the thieves of each kind on"
                    + " a worklist that holds at most 2%% of the honest customers; with"
                    + " theft-score-history.jsonl (monitor --score-history), the score above which"
                    + " at most 2%% of the honest customers were at some time and, per kind, the"
                    + " thieves whose score rose above it and the median days to it; the areas with"
                    + " a bypass that got an AREA_LOSS"
                    + " alert; for ARREARS, the customers who reach 90 days past due alerted"
                    + " 30 days ahead and the precision of the alerts; and, for DATA_QUALITY, the"
                    + " meters with an injected fault (simulate --meter-faults) alerted, per"
                    + " kind of fault, and the alerts outside every fault.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  gridwatch simulate --customers 10000 --days 90 --thieves 0.05 --theft-start 45"
                    + " --out runs/theft",
            "  gridwatch monitor --input runs/theft --out runs/theft-out",
            "  gridwatch evaluate --input runs/theft --out runs/theft-out",
            "See docs/detection.md."
        })
public final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR",
            description = "The simulator's folder: customers.jsonl and truth.jsonl.")
    Path input;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description =
                    "The monitor's output folder: alerts.jsonl, and theft-scores.jsonl and"
                            + " theft-score-history.jsonl if there.")
    Path out;

    @Override
    public Integer call() {
        Path customers = input.resolve("customers.jsonl");
        Path truth = input.resolve("truth.jsonl");
        Path alerts = out.resolve(Output.ALERTS.fileName());
        for (Path p : new Path[] {customers, truth, alerts}) {
            if (!Files.isRegularFile(p)) {
                throw new ParameterException(spec.commandLine(), "no file " + p);
            }
        }
        try {
            DetectionScore score = DetectionScore.of(customers, truth, alerts);
            Path scores = out.resolve(Output.THEFT_SCORES.fileName());
            if (Files.isRegularFile(scores)) {
                score.withScores(scores);
            }
            Path history = out.resolve(FileOutputs.SCORE_HISTORY_FILE);
            if (Files.isRegularFile(history)) {
                score.withScoreHistory(history);
            }
            spec.commandLine().getOut().print(score.table());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("gridwatch evaluate: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
