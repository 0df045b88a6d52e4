#include "htmlreport.h"

#include "common/numberformat.h"
#include "experiment/experimentnames.h"
#include "stats/randomnessstudy.h"

#include <QDateTime>

#include <cmath>
#include <map>
#include <set>

namespace seedscape {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QString cell(const QString& text)
{
    return QStringLiteral("<td>%1</td>").arg(text);
}

QString nameCell(const QString& name)
{
    return QStringLiteral("<td class=\"name\">%1</td>").arg(name.toHtmlEscaped());
}

QString wordsCell(const QString& html)
{
    return QStringLiteral("<td class=\"words\">%1</td>").arg(html);
}

QString embeddedSvg(const QByteArray& svg)
{
    // Inline SVG may not carry an XML declaration or a DOCTYPE.
    QString text = QString::fromUtf8(svg);
    const qsizetype start = text.indexOf(QStringLiteral("<svg"));
    return start >= 0 ? text.mid(start).trimmed() : QString();
}

// A score of one split beside its mean: to the decimal place the split's interval gives the mean,
// trailing zeros kept, so a column reads 53.20 under 54.68; four significant digits where there
// is no interval (one seed).
QString scoreBeside(double v, const Spread& split)
{
    const int places = split.n >= 2 ? intervalPlace((split.ciHigh - split.ciLow) / 2) : kNoPlace;
    return withMinusSigns(places == kNoPlace ? formatSignificantKept(v, 4) : formatToPlace(v, places));
}

QString meanWithInterval(const Spread& s)
{
    // The interval's precision decides the mean's (docs/statistics.md), as in the window and `stats`.
    // No-break spaces: "54.68 ±" over "0.33" in a narrow column would read as two numbers.
    if (s.n < 2) // no interval: the one seed's score, or "—"
        return s.n == 0 ? QStringLiteral("—") : scoreBeside(s.mean, s);
    return withMinusSigns(formatMeanAndInterval(s.mean, (s.ciHigh - s.ciLow) / 2))
        .replace(QStringLiteral(" ± "), QStringLiteral("\u00a0±\u00a0"));
}

// How far the seeds spread (SD, range): two significant digits, as the interval's half-width, so
// rows compare at a glance (0.74 beside 1.8); one seed has no spread to show: its range of 0 would
// read as a steady model.
QString spreadOf(double v, const Spread& split)
{
    return split.n >= 2 ? formatSignificantKept(v, 2) : QStringLiteral("—");
}

// P(A better than B), a share of seed pairs: three decimals in every row, 1.000 beside 0.063.
QString probability(double p)
{
    return formatToPlace(p, 3);
}

QString head(const QString& title, const QString& workspace)
{
    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html += QStringLiteral("<title>%1</title>\n").arg(escaped(title));
    html += QStringLiteral(
        "<style>\nbody{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\n"
        "table{border-collapse:collapse;margin:1em 0;font-size:90%}\n"
        "th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}\n"
        // Names and numbers never break: "diabetes-" over "mlp", or "0." over "0065" (where Qt's
        // rich text, that prints the PDF, breaks a squeezed cell), reads as two. Words wrap.
        // (Classes rather than :first-child, which Qt's rich text ignores.)
        "th.name,td.name,th.words,td.words{text-align:left}\nth.name,td{white-space:nowrap}\n"
        "td.words{white-space:normal}\n"
        "th{background:#f0f0f0}\n"
        "figure{margin:1.5em 0;max-width:100%}\nfigcaption{color:#555;font-size:90%}\nsmall{color:#666}\n"
        // Figures shrink with a narrow window instead of running off it (the SVGs have a viewBox).
        ".plot{max-width:100%}\n.plot svg{display:block;max-width:100%;height:auto}\n"
        ".how-to-read{font-size:90%;color:#333;background:#f6f6f6;padding:.4em .7em;margin:.5em 0}\n"
        // Printed from a browser: a figure or a table row never split across pages.
        "@media print{figure,tr{break-inside:avoid}thead{display:table-header-group}}\n"
        "</style>\n");
    html += QStringLiteral("</head>\n<body>\n<h1>%1</h1>\n").arg(escaped(title));
    html += QStringLiteral("<p>Workspace <code>%1</code> · %2 · Seedscape %3</p>\n")
                .arg(escaped(workspace), QDateTime::currentDateTime().toString(Qt::ISODate),
                     QStringLiteral(SEEDSCAPE_VERSION));
    return html;
}

// One list item per group: what it shares, its picks and its correlations across experiments.
QString summary(const WorkspaceStatistics& w)
{
    if (w.experiments.empty())
        return {};
    QString html = QStringLiteral("<h2>Summary</h2>\n");
    if (w.groups.size() > 1)
        html += QStringLiteral("<p>These experiments use %1 different sets of rows (data, target, split or "
                               "metric); each is compared only within its own group.</p>\n")
                    .arg(w.groups.size());
    for (const WorkspaceStatistics::Group& g : w.groups) {
        html += QStringLiteral("<h3 class=\"group\">%1</h3>\n<ul>\n")
                    .arg(escaped(g.experiments.join(QStringLiteral(", "))));
        html += QStringLiteral("<li>Data: %1</li>\n").arg(escaped(g.data.description()));
        html += QStringLiteral("<li>Best full-ensemble validation score: %1</li>\n")
                    .arg(g.pickByEnsemble.isEmpty()
                             ? QStringLiteral("none (%1)").arg(escaped(g.whyNoPickByEnsemble()))
                             : QStringLiteral("<b>%1</b>").arg(escaped(g.pickByEnsemble)));
        html += QStringLiteral("<li>Smallest single-seed validation range: %1</li>\n")
                    .arg(g.pickByStability.isEmpty()
                             ? QStringLiteral("none (%1)").arg(escaped(g.whyNoPickByStability()))
                             : QStringLiteral("<b>%1</b>").arg(escaped(g.pickByStability)));
        if (!g.pickMargins().isEmpty())
            html += QStringLiteral("<li>%1</li>\n").arg(escaped(g.pickMargins()));
        if (!g.leftOutOfPicks.isEmpty())
            html += QStringLiteral("<li>%1</li>\n").arg(escaped(g.leftOutNote()));
        if (!g.pickCaveats().isEmpty())
            html += QStringLiteral("<li>%1</li>\n").arg(escaped(withMinusSigns(g.pickCaveats())));
        html += QStringLiteral("<li>Validation vs test, Pearson: single seeds %1; full ensembles %2</li>\n")
                    .arg(escaped(withMinusSigns(g.acrossSeeds.pearsonText())),
                         escaped(withMinusSigns(g.acrossEnsembles.pearsonText())));
        html += QStringLiteral("</ul>\n");
    }
    return html;
}

QString figureSection(const std::vector<HtmlReport::Figure>& figures)
{
    QString html;
    for (const HtmlReport::Figure& f : figures) {
        const QString guide = HtmlReport::howToRead(f.kind);
        html += QStringLiteral("<figure>\n<div class=\"plot\">%1</div>\n<figcaption>%2</figcaption>\n")
                    .arg(embeddedSvg(f.svg), escaped(f.caption));
        if (!guide.isEmpty())
            html += QStringLiteral("<p class=\"how-to-read\"><b>How to read this:</b> %1</p>\n")
                        .arg(escaped(guide));
        html += QStringLiteral("</figure>\n");
    }
    return html;
}

// The k-ensembles' row: its k in every cell only where the rows differ in it (set by `sharedK`).
QString statisticsRow(const ExperimentStatistics& e, int sharedK)
{
    const EnsembleScorer::SizeSummary* k = e.kSummaries.empty() ? nullptr : &e.kSummaries.front();
    return QStringLiteral("<tr>") + nameCell(e.name) + cell(names::metric(e.metric)) +
           cell(e.failedSeeds > 0 ? QStringLiteral("%1 (+%2 failed)").arg(e.seedCount()).arg(e.failedSeeds)
                                  : QString::number(e.seedCount())) +
           cell(meanWithInterval(e.validation)) + cell(spreadOf(e.validation.std, e.validation)) +
           cell(spreadOf(e.validation.range, e.validation)) +
           cell(scoreBeside(e.validation.iqm, e.validation)) + cell(meanWithInterval(e.test)) +
           cell(scoreBeside(e.ensembleValidation, e.validation)) + cell(scoreBeside(e.ensembleTest, e.test)) +
           // One seed's ensemble is that seed: a gain of 0 that says nothing.
           cell(e.validation.n >= 2 ? scoreBeside(e.gainValidation, e.validation) : QStringLiteral("—")) +
           cell(!k || k->count == 0 ? QStringLiteral("—")
                : k->k == sharedK   ? scoreBeside(k->validationMean, e.validation)
                                    : QStringLiteral("%1 <small>(k = %2)</small>")
                                        .arg(scoreBeside(k->validationMean, e.validation))
                                        .arg(k->k)) +
           QStringLiteral("</tr>\n");
}

QString statisticsTable(const WorkspaceStatistics& w)
{
    // The k of every row's k-ensembles, said once in the header when they share it: the table must
    // fit a printed page's width.
    std::set<int> ks;
    for (const ExperimentStatistics& e : w.experiments)
        if (!e.kSummaries.empty() && e.kSummaries.front().count > 0)
            ks.insert(e.kSummaries.front().k);
    const int sharedK = ks.size() == 1 ? *ks.begin() : -1;
    QString html =
        QStringLiteral(
            "<h2>Statistics</h2>\n<table id=\"statistics\">\n<thead><tr><th "
            "class=\"name\">Experiment</th><th>Metric</th>"
            "<th>Seeds</th><th>Validation mean ± t 95%</th><th>SD</th><th>Range</th><th>IQM</th>"
            "<th>Test mean ± t 95%</th><th>Ensemble val</th><th>Ensemble test</th><th>Gain (val)</th>"
            "<th>%1 val</th></tr></thead>\n<tbody>\n")
            .arg(sharedK > 0 ? QStringLiteral("%1-seed ensembles").arg(sharedK)
                             : QStringLiteral("k-seed ensembles"));
    for (const ExperimentStatistics& e : w.experiments)
        html += statisticsRow(e, sharedK);
    html += QStringLiteral("</tbody>\n</table>\n");
    return html;
}

QString comparisonTable(const WorkspaceStatistics& w)
{
    bool any = false;
    for (const WorkspaceStatistics::Group& g : w.groups)
        any = any || !g.comparisons.empty();
    if (!any)
        return {};
    QString html = QStringLiteral(
        "<h2>Which experiment beats which</h2>\n<div id=\"comparisons\">\n<p>P(A better than B): the share "
        "of (seed of A, seed of B) pairs where A's single seed scores better (ties count half), within "
        "experiments scored on the same rows.</p>\n");
    for (const WorkspaceStatistics::Group& g : w.groups) {
        if (g.comparisons.empty())
            continue;
        html += QStringLiteral("<p>%1</p>\n<table class=\"comparisons\">\n<thead><tr><th "
                               "class=\"name\">A</th><th class=\"name\">B</th>"
                               "<th>P validation</th><th>P test</th><th>Seeds (A × B)</th></tr></thead>\n"
                               "<tbody>\n")
                    .arg(escaped(g.data.description()));
        for (const WorkspaceStatistics::Comparison& c : g.comparisons)
            html += QStringLiteral("<tr>") + nameCell(c.a) + nameCell(c.b) +
                    cell(probability(c.pBetterValidation)) + cell(probability(c.pBetterTest)) +
                    cell(QStringLiteral("%1 × %2%3")
                             .arg(c.seedsA)
                             .arg(c.seedsB)
                             .arg(c.tooFewSeeds() ? QStringLiteral(": too few to tell") : QString())) +
                    QStringLiteral("</tr>\n");
        html += QStringLiteral("</tbody>\n</table>\n");
    }
    html += QStringLiteral("</div>\n");
    return html;
}

// The model and what else decides the training (batch, decay, schedule, early stopping), smaller.
QString modelAndTraining(const Experiment& e)
{
    const QString details = describeTrainingDetails(e);
    return escaped(describeModel(e)) +
           (details.isEmpty() ? QString() : QStringLiteral("<br><small>%1</small>").arg(escaped(details)));
}

// How far keeping the best seed flatters a score (docs/statistics.md, expected best of n seeds).
QString bestSeedTable(const WorkspaceStatistics& w)
{
    QString rows;
    for (const ExperimentStatistics& e : w.experiments) {
        const int n = e.seedCount();
        const std::vector<double>& best = e.validation.expectedBest;
        if (n == 0 || best.size() != static_cast<size_t>(n))
            continue;
        const double lead = e.validation.leadOverMean(best.back(), e.higherIsBetter);
        rows += QStringLiteral("<tr>") + nameCell(e.name) + cell(QString::number(n)) +
                cell(scoreBeside(e.validation.mean, e.validation)) +
                cell(n >= 3 ? scoreBeside(best[2], e.validation) : QStringLiteral("—")) +
                cell(scoreBeside(best.back(), e.validation)) +
                cell(n >= 2 ? scoreBeside(lead, e.validation) : QStringLiteral("—")) +
                QStringLiteral("</tr>\n");
    }
    if (rows.isEmpty())
        return {};
    return QStringLiteral(
               "<h2>Luck in a best seed</h2>\n<p>The expected best of n seeds is the validation score "
               "that training n seeds and keeping the best one reports on average; its lead over the "
               "mean single seed is luck, not the model.</p>\n<table id=\"best-seed\">\n<thead><tr>"
               "<th class=\"name\">Experiment</th><th>Seeds</th><th>Validation mean</th><th>Expected best of "
               "3</th>"
               "<th>Best of all</th><th>Best's lead over the mean</th></tr></thead>\n<tbody>\n") +
           rows + QStringLiteral("</tbody>\n</table>\n");
}

// Experiments that differ only in which sources of randomness vary (RandomnessStudy), one table
// per experiment with the most sources varying, its variants under it.
QString sourcesSection(const WorkspaceStatistics& w, const std::vector<Experiment>& definitions)
{
    std::map<QString, ExperimentStatistics> byName;
    for (const ExperimentStatistics& e : w.experiments)
        byName.emplace(e.name, e);
    QString tables;
    for (const std::vector<RandomnessStudy::Row>& rows : RandomnessStudy::studies(definitions, byName)) {
        tables += QStringLiteral(
            "<table class=\"sources\">\n<thead><tr><th class=\"name\">Experiment</th><th>Seeds vary</th>"
            "<th>Seeds</th><th>Val std</th><th>Val range</th><th>Test std</th>"
            "<th>Test range</th></tr></thead>\n<tbody>\n");
        for (const RandomnessStudy::Row& r : rows) {
            tables += QStringLiteral("<tr>") + nameCell(r.experiment) +
                      cell(r.vary.isEmpty() ? QStringLiteral("none") : r.vary.join(QStringLiteral(", "))) +
                      cell(QString::number(r.seeds)) + cell(spreadOf(r.validation.std, r.validation)) +
                      cell(spreadOf(r.validation.range, r.validation)) + cell(spreadOf(r.test.std, r.test)) +
                      cell(spreadOf(r.test.range, r.test)) + QStringLiteral("</tr>\n");
        }
        tables += QStringLiteral("</tbody>\n</table>\n");
    }
    if (tables.isEmpty())
        return {};
    return QStringLiteral(
               "<h2>Where the spread comes from</h2>\n<div id=\"sources\">\n<p>Experiments that differ "
               "only in which sources of randomness vary between their seeds: each spread is what its "
               "sources alone cause.</p>\n") +
           tables + QStringLiteral("</div>\n");
}

// The task the seeds were scored as (an "auto" in the file is resolved by the data), when known.
QString settingsRow(const Experiment& e, const std::vector<ExperimentStatistics>& statistics)
{
    Task task = e.dataset.task;
    for (const ExperimentStatistics& s : statistics)
        if (s.name == e.name)
            task = s.task;
    QStringList vary;
    if (e.seeds.varyInit)
        vary << QStringLiteral("init");
    if (e.seeds.varyOrder)
        vary << QStringLiteral("order");
    if (e.seeds.varyDropout)
        vary << QStringLiteral("dropout");
    const QString split = e.dataset.split.usesColumn()
                              ? QStringLiteral("column %1").arg(escaped(e.dataset.split.column))
                              : QStringLiteral("%1 / %2, seed %3")
                                    .arg(e.dataset.split.validation)
                                    .arg(e.dataset.split.test)
                                    .arg(e.dataset.split.seed);
    return QStringLiteral("<tr>") + nameCell(e.name) +
           wordsCell(QStringLiteral("%1 → %2").arg(escaped(e.dataset.path), escaped(e.dataset.target))) +
           wordsCell(names::task(task)) + wordsCell(split) + wordsCell(modelAndTraining(e)) +
           // A command experiment's program decides what its one seed seeds.
           wordsCell(e.isCommand()    ? QStringLiteral("as the program uses SEEDSCAPE_SEED")
                     : vary.isEmpty() ? QStringLiteral("none")
                                      : vary.join(QStringLiteral(", "))) +
           wordsCell(escaped(e.tags.join(QStringLiteral(", ")))) + QStringLiteral("</tr>\n");
}

// What the experiments' notes say, under the settings: they often say why a variant exists.
QString notesList(const std::vector<Experiment>& definitions)
{
    QString html;
    for (const Experiment& e : definitions)
        if (!e.notes.trimmed().isEmpty())
            html += QStringLiteral("<dt>%1</dt><dd>%2</dd>\n")
                        .arg(escaped(e.name),
                             escaped(e.notes.trimmed()).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    return html.isEmpty()
               ? html
               : QStringLiteral("<h3>Notes</h3>\n<dl id=\"notes\">\n") + html + QStringLiteral("</dl>\n");
}

QString settingsTable(const std::vector<Experiment>& definitions,
                      const std::vector<ExperimentStatistics>& statistics)
{
    if (definitions.empty())
        return {};
    QString html = QStringLiteral(
        "<h2>Settings</h2>\n<table id=\"settings\">\n<thead><tr><th class=\"name\">Experiment</th><th "
        "class=\"words\">Data</th>"
        "<th class=\"words\">Task</th><th class=\"words\">Split</th><th class=\"words\">Model and "
        "training</th><th class=\"words\">Seeds vary</th><th class=\"words\">Tags</th></tr>"
        "</thead>\n<tbody>\n");
    for (const Experiment& e : definitions)
        html += settingsRow(e, statistics);
    html += QStringLiteral("</tbody>\n</table>\n");
    return html + notesList(definitions);
}

} // namespace

QString HtmlReport::howToRead(const QString& kind)
{
    if (kind == QLatin1String("scatter"))
        return QStringLiteral(
            "each small dot is one seed, placed at its validation score (across) and its test score (up); "
            "the medium rings are ensembles of k seeds and the large ringed disc is the ensemble of all "
            "seeds; each colour is one experiment. Better is up and to the right, whatever the metric. "
            "Points on the dotted y = x line score the same on validation and test. The dashed (single "
            "seeds) and solid (ensembles) trend lines show whether a better validation score goes with a "
            "better test score; the correlations above the plot give n and a 95% interval, and a wide "
            "interval or a handful of points means the trend may be chance.");
    if (kind == QLatin1String("spread"))
        return QStringLiteral(
            "each column is one experiment and its dots (or box) are the scores of its single seeds, so "
            "the column's height is how much the seed alone moves the result. The crossed square with a "
            "bar is the mean and its Student-t 95% interval: experiments whose intervals overlap widely "
            "are not told apart by these seeds. The diamond is the ensemble of all seeds. Better is up.");
    if (kind == QLatin1String("ensemble-size"))
        return QStringLiteral(
            "each line is one experiment: the mean score of ensembles of k of its seeds, from single "
            "seeds (k = 1) to all of them; the shaded band runs from the worst to the best k-seed "
            "ensemble (past three experiments, only the chosen experiment's: more bands hide the lines). "
            "Where a line flattens, more seeds add little; a band that narrows means the "
            "ensemble depends less on which seeds it holds. Better is up (and right: more seeds).");
    if (kind == QLatin1String("curves"))
        return QStringLiteral(
            "each thin line is one seed's validation score after each epoch; the thick line is their "
            "mean and the band their min–max, up to the last epoch every seed reached: past the first "
            "early stop they would average only the seeds still training. A wide band means training "
            "depends on the seed; a mean that turns down late shows overfitting. Better is up.");
    return {};
}

QByteArray HtmlReport::toHtml() const
{
    QString html = head(title, workspace);
    html += summary(statistics);
    if (!leftOut.isEmpty()) {
        html += QStringLiteral("<h3>Left out</h3>\n<ul id=\"left-out\">\n");
        for (const QString& sentence : leftOut)
            html += QStringLiteral("<li>%1</li>\n").arg(escaped(sentence));
        html += QStringLiteral("</ul>\n");
    }
    html += figureSection(figures);
    html += statisticsTable(statistics);
    html += comparisonTable(statistics);
    html += bestSeedTable(statistics);
    html += sourcesSection(statistics, definitions);
    html += settingsTable(definitions, statistics.experiments);
    if (!note.isEmpty())
        html += QStringLiteral("<p><small>%1</small></p>\n").arg(escaped(note));
    html += QStringLiteral("</body>\n</html>\n");
    return html.toUtf8();
}

} // namespace seedscape
