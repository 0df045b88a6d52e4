// seedscape-cli: the headless command line (docs/interfaces.md). Links core only; needs no display.
// Exit codes: 0 success, 1 a user error (one line on stderr naming file, line and field),
// 2 an internal failure.
#include "clioptions.h"
#include "commands.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "common/nearestword.h"
#include "slurm/slurmerror.h"

#include <QCoreApplication>

#include <iostream>
#include <vector>

namespace {

const char* const kUsage = R"(Usage: seedscape-cli COMMAND [OPTIONS]

Commands:
  run EXPERIMENT.json --workspace DIR [--seeds N] [--jobs J] [--engine E] [--checkpoint-seconds S]
                                 add the experiment to the workspace (or find it there) and train
                                 seeds until it has N finished ones (default: its seeds.count) on J
                                 threads (default: every core); an interrupted run continues where
                                 it stopped, running seeds from their last checkpoint (saved every
                                 S seconds, default 60). E: automatic (default: batched where it
                                 can), batched (groups of seeds as one program) or per-seed
  rerun --workspace DIR --experiment NAME --seed S
                                 train one recorded seed again and print {"seed","val","test"};
                                 exits 2 if it does not reproduce the recorded scores exactly
  import --predictions P.csv --labels L.csv --workspace DIR --task TASK --metric METRIC [--replace]
                                 import predictions made elsewhere as experiments (docs/interfaces.md);
                                 all or nothing. A seed the workspace has already is an error
                                 unless --replace replaces it on purpose
  stats --workspace DIR [--k K[,K…]] [--json] [--bootstrap B] [--subset-limit L]
        [--curve-subset-limit L] [--random-seed S]
                                 every statistic of every experiment: a table, or JSON
  plot --workspace DIR --out FILE [--experiment NAME] [--kind scatter|spread|ensemble-size|curves]
       [--box] [--scores validation|test] [--width W --height H] [--dpi D] [--k K]
                                 draw a plot offscreen of NAME and the experiments scored on the
                                 same rows (default: the first with seeds); the format follows
                                 FILE: .png, .svg, .pdf. W×H: the size at 96 per inch, text 9 pt
                                 (default 900×700; a 3.5 in paper column is 336 wide); D: PNG
                                 pixels per inch (default 96), so a PNG has W×D/96 pixels across;
                                 SVG and PDF are the same at every D. In a small figure text wraps
                                 and the legend moves under the plot. --box and --scores: the
                                 spread as a box plot, of test scores
  report --workspace DIR --out FILE [--experiment NAME]
                                 write the report of NAME and the experiments scored on the same
                                 rows: .html (one file, figures inline) or .pdf
  check EXPERIMENT.json          read an experiment and its data; print what Seedscape sees as JSON
  sample --workspace DIR         write the built-in sample datasets and example experiments to DIR
  rename --workspace DIR --experiment NAME --to NEW
                                 rename an experiment with its stored seeds, tags and colour
  delete --workspace DIR --experiment NAME
                                 move an experiment and its stored seeds to DIR/deleted/, from
                                 where they can be moved back
  restore --workspace DIR --experiment NAME
                                 write back NAME.experiment.json, removed outside Seedscape, from
                                 the definition its stored seeds were trained with
  study-sources --workspace DIR --experiment NAME
                                 write one variant of NAME per source of randomness (init, order,
                                 and dropout when the model has it) whose seeds vary only in that
                                 source, and print their files: train each with run; the report
                                 sets their spreads beside NAME's
  submit EXPERIMENT.json --workspace DIR [--seeds N] [--partition P] [--time T] [--cpus-per-task C]
         [--gpus-per-task G] [--max-parallel M] [--seeds-per-task K] [--sbatch-arg ARG]...
                                 draw the seeds still missing and submit them to Slurm as one job
                                 array (the workspace must be on a file system the nodes share);
                                 prints the job id
  jobs --workspace DIR [--json]  the submitted jobs and each task's state
  cancel-job --workspace DIR --job ID
                                 cancel a submitted job; finished seeds stay
  slurm-task --workspace DIR --job-folder F [--task I]
                                 what an array task runs (the batch script calls it)

Options:
  -h, --help                     show this help; COMMAND --help (or help COMMAND) shows one command's
  --version                      show the version
)";

// One command's part of kUsage ("run EXPERIMENT.json …" and the lines under it), for
// `seedscape-cli COMMAND --help`; empty for a word that is no command.
QString commandUsage(const QString& command)
{
    const QStringList lines = QString::fromUtf8(kUsage).split(QLatin1Char('\n'));
    const QString start = QStringLiteral("  ") + command;
    QString usage;
    for (const QString& line : lines) {
        const bool commandLine = line.startsWith(QStringLiteral("  ")) && line.size() > 2 && line[2] != u' ';
        if (commandLine && !usage.isEmpty())
            break; // the next command
        if (usage.isEmpty() && !(commandLine && line.startsWith(start) &&
                                 (line.size() == start.size() || line[start.size()] == u' ')))
            continue;
        if (line.trimmed().isEmpty())
            break;
        usage += line + QLatin1Char('\n');
    }
    return usage.isEmpty() ? QString() : QStringLiteral("Usage: seedscape-cli") + usage.mid(1);
}

} // namespace

int main(int argc, char* argv[])
{
    using namespace seedscape;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Seedscape"));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args[0] == QLatin1String("-h") || args[0] == QLatin1String("--help") ||
        (args[0] == QLatin1String("help") && args.size() == 1)) {
        // No command is a user error: its usage goes where errors go, so stdout stays for results.
        (args.isEmpty() ? std::cerr : std::cout) << kUsage;
        return args.isEmpty() ? cli::kExitUserError : 0;
    }
    if (args[0] == QLatin1String("--version")) {
        std::cout << "seedscape-cli " << SEEDSCAPE_VERSION << std::endl;
        return 0;
    }
    // `seedscape-cli run --help` (or `help run`): that command's part of the help.
    // --help as the value of --sbatch-arg is sbatch's, not a request for help.
    bool helpAsked = args[0] == QLatin1String("help");
    for (qsizetype i = 1; i < args.size(); ++i)
        if ((args[i] == QLatin1String("--help") || args[i] == QLatin1String("-h")) &&
            args[i - 1] != QLatin1String("--sbatch-arg"))
            helpAsked = true;
    if (helpAsked && args.size() > 1) {
        const QString usage = commandUsage(args[0] == QLatin1String("help") ? args[1] : args[0]);
        if (!usage.isEmpty()) {
            std::cout << usage.toStdString();
            return 0;
        }
    }
    if (args[0] == QLatin1String("help"))
        args.removeFirst(); // help of an unknown command: the error names that word
    const QString command = args.takeFirst();
    try {
        // One table for dispatch and for "did you mean": a command cannot be added to one and not the other.
        using Command = int (*)(const QStringList&);
        static const std::vector<std::pair<QString, Command>> commands = {
            {QStringLiteral("run"), cli::runCommand},
            {QStringLiteral("rerun"), cli::rerunCommand},
            {QStringLiteral("import"), cli::importCommand},
            {QStringLiteral("stats"), cli::statsCommand},
            {QStringLiteral("plot"), cli::plotCommand},
            {QStringLiteral("report"), cli::reportCommand},
            {QStringLiteral("check"), cli::checkCommand},
            {QStringLiteral("sample"), cli::sampleCommand},
            {QStringLiteral("submit"), cli::submitCommand},
            {QStringLiteral("jobs"), cli::jobsCommand},
            {QStringLiteral("cancel-job"), cli::cancelJobCommand},
            {QStringLiteral("rename"), cli::renameCommand},
            {QStringLiteral("delete"), cli::deleteCommand},
            {QStringLiteral("restore"), cli::restoreCommand},
            {QStringLiteral("study-sources"), cli::studySourcesCommand},
            {QStringLiteral("slurm-task"), cli::slurmTaskCommand}, // run by Slurm, never suggested
        };
        QStringList suggested;
        for (const auto& [name, run] : commands) {
            if (name == command)
                return run(args);
            if (name != QLatin1String("slurm-task"))
                suggested << name;
        }
        const auto meant = nearestWord(command, suggested);
        throw cli::UsageError(
            QStringLiteral("unknown command '%1'%2 (see seedscape-cli --help)")
                .arg(command, meant ? QStringLiteral("; did you mean '%1'?").arg(*meant) : QString()));
    } catch (const cli::UsageError& e) {
        std::cerr << "seedscape-cli: " << e.what() << std::endl;
        return cli::kExitUserError;
    } catch (const InputError& e) {
        std::cerr << "seedscape-cli: " << e.message().toStdString() << std::endl;
        return cli::kExitUserError;
    } catch (const StorageError& e) {
        std::cerr << "seedscape-cli: " << e.message().toStdString() << std::endl;
        return cli::kExitUserError;
    } catch (const SlurmError& e) {
        std::cerr << "seedscape-cli: " << e.message().toStdString() << std::endl;
        return cli::kExitUserError;
    } catch (const std::exception& e) {
        std::cerr << "seedscape-cli: internal error: "
                  << QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0).toStdString() << std::endl;
        return cli::kExitInternal;
    }
}
