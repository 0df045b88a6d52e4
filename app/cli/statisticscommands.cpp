// seedscape-cli import and stats: predictions from elsewhere, and every statistic of a workspace.
#include "clioptions.h"
#include "commands.h"

#include "common/inputerror.h"
#include "common/numberformat.h"
#include "experiment/experimentnames.h"
#include "stats/statisticsjson.h"
#include "stats/workspacestatistics.h"
#include "store/experimentresults.h"
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace seedscape::cli {

namespace {

// "66.12", or "—" where a number is undefined.
QString show(double v, int decimals = 4)
{
    return formatNumber(v, decimals + 1);
}

// One "k-ens val" column per --k size, in the order asked.
QStringList tableHeader(const std::vector<int>& ks)
{
    QStringList header = {
        QStringLiteral("experiment"),       QStringLiteral("metric"),    QStringLiteral("seeds"),
        QStringLiteral("val mean ± 95% t"), QStringLiteral("val range"), QStringLiteral("test mean"),
        QStringLiteral("ens val"),          QStringLiteral("ens test"),  QStringLiteral("gain val")};
    for (int k : ks)
        header << QStringLiteral("%1-ens val").arg(k);
    return header << QStringLiteral("val/test r");
}

QStringList tableRow(const ExperimentStatistics& e, const std::vector<int>& ks)
{
    QStringList row = {
        e.name,
        names::metric(e.metric),
        QString::number(e.seedCount()) +
            (e.failedSeeds ? QStringLiteral("+%1✗").arg(e.failedSeeds) : QString()),
        formatMeanAndInterval(e.validation.mean, (e.validation.ciHigh - e.validation.ciLow) / 2),
        show(e.validation.range),
        show(e.test.mean),
        show(e.ensembleValidation),
        show(e.ensembleTest),
        show(e.gainValidation)};
    for (int k : ks) {
        const auto* kSummary = e.kEnsembles(k);
        row << (kSummary && kSummary->count > 0 ? show(kSummary->validationMean) : QStringLiteral("—"));
    }
    // As the correlations in words write it: an r of rounding noise is 0, not "-2.773e-14".
    return row << Correlation::coefficientText(e.validationTest.pearson);
}

// Columns as wide as their widest cell, two spaces apart, so no number runs into the next.
QString alignedTable(const std::vector<QStringList>& rows)
{
    std::vector<qsizetype> widths;
    for (const QStringList& row : rows)
        for (qsizetype c = 0; c < row.size(); ++c) {
            widths.resize(std::max<size_t>(widths.size(), static_cast<size_t>(c) + 1), 0);
            widths[c] = std::max(widths[c], row[c].size());
        }
    QString out;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 == row.size() ? row[c] : row[c].leftJustified(widths[c] + 2, QLatin1Char(' '));
        out += line + QLatin1Char('\n');
    }
    return out;
}

// One block per comparison group: its experiments, then what holds only within it (correlations
// across its experiments, P(A better than B), picks); nothing is compared across blocks.
void printTable(const WorkspaceStatistics& w, const StatisticsOptions& options)
{
    QString out;
    for (size_t i = 0; i < w.groups.size(); ++i) {
        const WorkspaceStatistics::Group& g = w.groups[i];
        if (i > 0)
            out += QLatin1Char('\n');
        out +=
            QStringLiteral("group %1 of %2 · %3\n").arg(i + 1).arg(w.groups.size()).arg(g.data.description());
        std::vector<QStringList> rows = {tableHeader(options.ks)};
        for (const ExperimentStatistics& e : w.experiments)
            if (g.experiments.contains(e.name))
                rows.push_back(tableRow(e, options.ks));
        out += alignedTable(rows);
        out += QStringLiteral("validation/test Pearson of single seeds: %1\n"
                              "validation/test Pearson of full ensembles: %2\n")
                   .arg(g.acrossSeeds.pearsonText(), g.acrossEnsembles.pearsonText());
        for (const WorkspaceStatistics::Comparison& c : g.comparisons)
            out += QStringLiteral("P(%1 better than %2) = %3 on validation, %4 on test (%5 × %6 seeds%7)\n")
                       .arg(c.a, c.b, show(c.pBetterValidation, 2), show(c.pBetterTest, 2))
                       .arg(c.seedsA)
                       .arg(c.seedsB)
                       .arg(c.tooFewSeeds() ? QStringLiteral(": too few to tell") : QString());
        out += QStringLiteral("pick by ensemble: %1\npick by stability: %2\n")
                   .arg(g.pickByEnsemble.isEmpty() ? QStringLiteral("— (%1)").arg(g.whyNoPickByEnsemble())
                                                   : g.pickByEnsemble,
                        g.pickByStability.isEmpty() ? QStringLiteral("— (%1)").arg(g.whyNoPickByStability())
                                                    : g.pickByStability);
        if (!g.pickMargins().isEmpty())
            out += g.pickMargins() + QLatin1Char('\n');
        if (!g.leftOutOfPicks.isEmpty())
            out += g.leftOutNote() + QLatin1Char('\n');
        if (!g.pickCaveats().isEmpty())
            out += g.pickCaveats() + QLatin1Char('\n');
    }
    std::cout << out.toStdString();
}

} // namespace

int importCommand(const QStringList& args)
{
    const CliOptions options(args,
                             {QStringLiteral("--predictions"), QStringLiteral("--labels"),
                              QStringLiteral("--workspace"), QStringLiteral("--task"),
                              QStringLiteral("--metric")},
                             {QStringLiteral("--replace")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("import takes only options"));
    const QString taskWord = options.required(QStringLiteral("--task"));
    const auto task = names::parseTask(taskWord);
    if (!task || *task == Task::Auto)
        throw UsageError(
            QStringLiteral("option --task: '%1' is not one of regression, binary, multiclass").arg(taskWord));
    const QString metricWord = options.required(QStringLiteral("--metric"));
    const auto metric = names::parseMetric(metricWord);
    if (!metric)
        throw UsageError(QStringLiteral("option --metric: '%1' is not one of %2")
                             .arg(metricWord, names::metrics().join(QStringLiteral(", "))));
    if (!metricFitsTask(*metric, *task))
        throw UsageError(
            QStringLiteral("option --metric: %1 does not score a %2 task").arg(metricWord, taskWord));
    const Workspace workspace(options.required(QStringLiteral("--workspace")));
    const auto summary = PredictionImporter::importInto(
        workspace, options.required(QStringLiteral("--predictions")),
        options.required(QStringLiteral("--labels")), *task, *metric,
        options.flag(QStringLiteral("--replace")) ? ImportWriter::StoredSeeds::Replace
                                                  : ImportWriter::StoredSeeds::Refuse);
    // Not refused, but a column meant as the prediction would go unscored.
    if (!summary.unreadColumnsNote.isEmpty())
        std::cerr << "warning: " << options.required(QStringLiteral("--predictions")).toStdString() << ": "
                  << summary.unreadColumnsNote.toStdString() << std::endl;
    std::cerr << "imported " << counted(summary.seeds, "seed") << " of "
              << counted(static_cast<long long>(summary.experiments.size()), "experiment") << " ("
              << summary.experiments.join(QStringLiteral(", ")).toStdString() << "), "
              << (summary.replaced > 0 ? "replacing " + counted(summary.replaced, "stored seed") + ", "
                                       : std::string())
              << summary.validationRows << " validation and " << summary.testRows << " test rows, into "
              << QDir(workspace.path()).absolutePath().toStdString() << std::endl;
    return 0;
}

int statsCommand(const QStringList& args)
{
    const CliOptions options(args,
                             {QStringLiteral("--workspace"), QStringLiteral("--k"),
                              QStringLiteral("--bootstrap"), QStringLiteral("--subset-limit"),
                              QStringLiteral("--curve-subset-limit"), QStringLiteral("--random-seed")},
                             {QStringLiteral("--json")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("stats takes only options"));
    const QString folder = options.required(QStringLiteral("--workspace"));
    if (!QFileInfo(folder).isDir())
        throw InputError({folder}, QStringLiteral("no such workspace folder"));
    StatisticsOptions settings;
    const QString ks = options.value(QStringLiteral("--k"));
    if (!ks.isEmpty()) {
        settings.ks.clear();
        for (const QString& word : ks.split(QLatin1Char(','))) {
            bool ok = false;
            const int k = word.toInt(&ok);
            if (!ok || k < 1)
                throw UsageError(
                    QStringLiteral("option --k: '%1' is not a whole number of 1 or more").arg(word));
            if (std::find(settings.ks.begin(), settings.ks.end(), k) == settings.ks.end())
                settings.ks.push_back(k); // "--k 3,3" asks for one size, not two equal columns
        }
    }
    settings.bootstrapResamples =
        static_cast<int>(options.integer(QStringLiteral("--bootstrap"), 0, 0, 1000000));
    settings.subsetLimit = static_cast<int>(
        options.integer(QStringLiteral("--subset-limit"), settings.subsetLimit, 1, 100000000));
    settings.curveSubsetLimit = static_cast<int>(
        options.integer(QStringLiteral("--curve-subset-limit"), settings.curveSubsetLimit, 1, 100000000));
    settings.randomSeed = options.value(QStringLiteral("--random-seed")).isEmpty()
                              ? 0
                              : options.seed(QStringLiteral("--random-seed"));

    QStringList problems;
    const auto results = ExperimentResults::loadWorkspace(folder, &problems);
    for (const QString& problem : problems)
        std::cerr << "warning: " << problem.toStdString() << std::endl;
    const WorkspaceStatistics statistics = WorkspaceStatistics::compute(results, settings);
    if (options.flag(QStringLiteral("--json"))) {
        std::vector<Experiment> definitions; // for their tags and notes; unreadable files have none
        for (const WorkspaceEntry& entry : Workspace(folder).scan())
            if (entry.experiment)
                definitions.push_back(*entry.experiment);
        std::cout << StatisticsJson::toJson(statistics, settings, definitions).toStdString();
    } else if (statistics.experiments.empty()) // a summary, not a table: stdout stays empty
        std::cerr << "no experiment in " << folder.toStdString()
                  << (problems.isEmpty() ? " has a finished seed yet"
                                         : " has finished seeds that can be read; see the warnings above")
                  << std::endl;
    else
        printTable(statistics, settings);
    if (!options.flag(QStringLiteral("--json")))
        for (const WorkspaceStatistics::FailedOnly& f : statistics.failedOnly)
            std::cerr << "note: " << f.name.toStdString() << " is not in the table: "
                      << (f.failedSeeds == 1 ? "its one seed failed"
                                             : "all its " + std::to_string(f.failedSeeds) + " seeds failed")
                      << " (last: " << f.lastFailure.toStdString() << ")" << std::endl;
    return 0;
}

} // namespace seedscape::cli
