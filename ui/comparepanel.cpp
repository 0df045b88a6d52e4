#include "comparepanel.h"

#include "comparisonmatrixmodel.h"
#include "experimenttablemodel.h"
#include "workspacesnapshot.h"

#include "common/numberformat.h"
#include "experiment/experimentnames.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QTableView>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace seedscape {

namespace {

constexpr int kDigits = 4; // as the experiment table shows scores
constexpr double kRoundingNoise = 1e-12;
constexpr int kMatrixColumnWidth = 44; // room for "0.99"; columns are numbered, not named
constexpr int kSourceColumns = 7;
constexpr int kSourceRowsShown = 4;       // all sources varying, then one per source
constexpr int kRowsAtLeast = 5;           // of the matrix and the expected best
constexpr int kSeedsForAFirmStd = 30;     // below it, say how uncertain a std is
constexpr double kWidthWorthSaying = 0.9; // bootstrap/t width of the mean: below it up to 17 seeds

QLabel* wrappingLabel(const QString& objectName)
{
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText); // names are escaped: "a&b" must not read "a&amp;b"
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString interval(const double (&bounds)[2])
{
    return QStringLiteral("%1 – %2").arg(formatNumber(bounds[0], kDigits), formatNumber(bounds[1], kDigits));
}

// The best of one seed is the mean, summed another way: what differs only by rounding reads 0,
// not 2e-14.
double leadOverMean(double score, const Spread& spread, bool higherIsBetter)
{
    const double lead = spread.leadOverMean(score, higherIsBetter);
    return std::abs(lead) <= kRoundingNoise * std::max(1.0, std::abs(spread.mean)) ? 0.0 : lead;
}

QStandardItem* numberItem(double value)
{
    auto* item = new QStandardItem(formatNumber(value, kDigits));
    item->setData(value, Qt::UserRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

} // namespace

ComparePanel::ComparePanel(QWidget* parent)
    : QWidget(parent), m_empty(wrappingLabel(QStringLiteral("compareEmpty"))), m_scroll(new QScrollArea),
      m_content(new QWidget), m_withSeeds(new QWidget),
      m_group(wrappingLabel(QStringLiteral("compareGroup"))),
      m_picks(wrappingLabel(QStringLiteral("comparePicks"))), m_split(new QComboBox),
      m_matrix(new ComparisonMatrixModel(this)), m_matrixView(new QTableView),
      m_alone(wrappingLabel(QStringLiteral("compareAlone"))),
      m_bootstrap(wrappingLabel(QStringLiteral("compareBootstrap"))),
      m_expectedBest(new QStandardItemModel(this)), m_expectedBestView(new QTableView),
      m_sourcesLine(wrappingLabel(QStringLiteral("sourcesLine"))), m_sources(new QStandardItemModel(this)),
      m_sourcesView(new QTableView)
{
    m_split->setObjectName(QStringLiteral("compareSplit"));
    m_split->addItem(tr("on validation scores"), static_cast<int>(ComparisonMatrixModel::Split::Validation));
    m_split->addItem(tr("on test scores"), static_cast<int>(ComparisonMatrixModel::Split::Test));
    connect(m_split, &QComboBox::currentIndexChanged, this, [this] {
        m_matrix->setSplit(static_cast<ComparisonMatrixModel::Split>(m_split->currentData().toInt()));
    });

    m_matrixView->setObjectName(QStringLiteral("comparisonMatrix"));
    m_matrixView->setModel(m_matrix);
    m_matrixView->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_matrixView->setSelectionMode(QAbstractItemView::NoSelection);
    m_matrixView->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_matrixView->horizontalHeader()->setDefaultSectionSize(kMatrixColumnWidth);
    // Activated: a double-click, or Enter on the keyboard's current row.
    connect(m_matrixView, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT experimentChosen(m_matrix->experimentAt(index.row()));
    });
    connect(m_matrixView->verticalHeader(), &QHeaderView::sectionDoubleClicked, this,
            [this](int row) { Q_EMIT experimentChosen(m_matrix->experimentAt(row)); });

    auto* splitRow = new QHBoxLayout;
    splitRow->addWidget(new QLabel(tr("P(row better than column), over every pair of their seeds,")));
    splitRow->addWidget(m_split);
    splitRow->addStretch();
    auto* matrixBox = new QGroupBox(tr("Which experiment beats which"));
    auto* matrixLayout = new QVBoxLayout(matrixBox);
    matrixLayout->addLayout(splitRow);
    matrixLayout->addWidget(m_matrixView, 1);
    matrixLayout->addWidget(m_alone);
    auto* matrixNote = wrappingLabel(QStringLiteral("compareMatrixNote"));
    matrixNote->setText(tr("Columns are numbered as the rows. Green: the row's experiment wins most seed "
                           "pairs; red: it loses most. Ties count half. Grey: fewer than %1 seeds on a side, "
                           "too few to tell. Double-click a row (or Enter) to select that experiment.")
                            .arg(WorkspaceStatistics::Comparison::kFewSeeds));
    matrixLayout->addWidget(matrixNote);

    m_expectedBest->setColumnCount(kBestColumns);
    m_expectedBest->setHorizontalHeaderLabels(
        {tr("Seeds n"), tr("Validation: best of n"), tr("Better than the mean by"),
         tr("Test: best of n, picked on test"), tr("Better than the mean by")});
    m_expectedBestView->setObjectName(QStringLiteral("expectedBest"));
    m_expectedBestView->setModel(m_expectedBest);
    m_expectedBestView->setTabKeyNavigation(false);
    m_expectedBestView->verticalHeader()->hide();
    m_expectedBestView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* bestNote = wrappingLabel(QStringLiteral("expectedBestNote"));
    bestNote->setText(
        tr("Best of n: the score you would report, on average, by training n seeds and keeping the "
           "best one. Better than the mean by: how much of that is the luck of picking, not the model. "
           "Each split's best is picked on that split's own scores: the test columns show what a pick "
           "made on test scores would claim."));
    m_focusBox = new QGroupBox;
    auto* focusLayout = new QVBoxLayout(m_focusBox);
    focusLayout->addWidget(m_bootstrap);
    focusLayout->addWidget(m_expectedBestView, 1);
    focusLayout->addWidget(bestNote);

    m_sources->setColumnCount(kSourceColumns);
    m_sources->setHorizontalHeaderLabels({tr("Experiment"), tr("Seeds vary"), tr("Seeds"), tr("Val std"),
                                          tr("Val range"), tr("Test std"), tr("Test range")});
    m_sourcesView->setObjectName(QStringLiteral("sourcesTable"));
    m_sourcesView->setModel(m_sources);
    m_sourcesView->setTabKeyNavigation(false);
    m_sourcesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Each cell on one line, its column as wide: wrapped, Qt breaks "0.0009145" after "0." and sizes
    // the column to the pieces.
    m_sourcesView->setWordWrap(false);
    m_sourcesView->verticalHeader()->hide();
    m_sourcesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_sourcesView, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT experimentChosen(m_sources->index(index.row(), 0).data().toString());
    });
    m_sourcesBox = new QGroupBox(tr("Where the spread comes from"));
    auto* sourcesLayout = new QVBoxLayout(m_sourcesBox);
    sourcesLayout->addWidget(m_sourcesLine);
    sourcesLayout->addWidget(m_sourcesView);

    auto* boxes = new QHBoxLayout;
    boxes->addWidget(matrixBox, 1);
    boxes->addWidget(m_focusBox, 1);
    // What needs the selected experiment's seeds; the sources need none (a study starts untrained).
    auto* withSeedsLayout = new QVBoxLayout(m_withSeeds);
    withSeedsLayout->setContentsMargins(0, 0, 0, 0);
    withSeedsLayout->addWidget(m_group);
    withSeedsLayout->addWidget(m_picks);
    withSeedsLayout->addLayout(boxes, 1);
    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_empty);
    contentLayout->addWidget(m_withSeeds, 1);
    contentLayout->addWidget(m_sourcesBox);

    // Each table keeps rows enough to read; a short window scrolls the tab instead of squeezing them.
    const auto rowsHigh = [](QTableView* view, int rows) {
        return view->verticalHeader()->defaultSectionSize() * rows +
               view->horizontalHeader()->sizeHint().height() + 2 * view->frameWidth();
    };
    m_matrixView->setMinimumHeight(rowsHigh(m_matrixView, kRowsAtLeast));
    m_expectedBestView->setMinimumHeight(rowsHigh(m_expectedBestView, kRowsAtLeast));
    m_sourcesView->setFixedHeight(rowsHigh(m_sourcesView, kSourceRowsShown));
    m_scroll->setObjectName(QStringLiteral("compareScroll"));
    m_scroll->setWidget(m_content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    setData(nullptr, std::nullopt, std::nullopt);
}

void ComparePanel::showSnapshot(const WorkspaceSnapshot& snapshot, const ExperimentTableModel& experiments)
{
    const auto focus = snapshot.statistics.find(snapshot.focus);
    setData(focus == snapshot.statistics.end() ? nullptr : &focus->second, snapshot.focusGroup,
            snapshot.focusBootstrap);
    // Sources are studied before any seed exists: the selected experiment, with results or not.
    const QString selected = snapshot.selected.isEmpty() ? snapshot.focus : snapshot.selected;
    // What the selected experiment lacks, by name, rather than a general "select one with seeds".
    if (focus == snapshot.statistics.end() && !selected.isEmpty()) {
        const auto failed = snapshot.failedOnly.find(selected);
        const QString name = selected.toHtmlEscaped();
        // (Seeds still training, or stored without their labels, have no statistics yet either.)
        m_empty->setText(
            failed == snapshot.failedOnly.end()
                ? tr("%1 has no finished seed to compare yet: run it (Run → Run selected experiment, Ctrl+R) "
                     "to compare it with the experiments scored on the same rows.")
                      .arg(name)
            : failed->second == 1
                ? tr("%1 has no finished seed to compare: its only seed failed (the Seeds tab says why).")
                      .arg(name)
                : tr("%1 has no finished seed to compare: all its %2 seeds failed (the Seeds tab says why).")
                      .arg(name)
                      .arg(failed->second));
    }
    // Alone in the matrix: other experiments of its group may only be unchecked, or there may be none.
    if (focus != snapshot.statistics.end() && !m_alone->isHidden()) {
        const bool othersExist =
            std::any_of(snapshot.statistics.begin(), snapshot.statistics.end(), [&](const auto& named) {
                return named.first != focus->first && named.second.group.key == focus->second.group.key &&
                       named.second.metric == focus->second.metric;
            });
        if (!othersExist)
            m_alone->setText(tr("No other experiment with seeds is scored on the same rows as %1: make a "
                                "variant (Experiment → Duplicate as variant, Ctrl+D), change one setting and "
                                "run it to compare the two.")
                                 .arg(focus->first.toHtmlEscaped()));
    }
    m_sourcesBox->setVisible(!selected.isEmpty());
    const int row = experiments.rowOf(selected);
    const std::optional<Experiment> definition = row >= 0 ? experiments.entry(row).experiment : std::nullopt;
    if (!definition && row >= 0 && experiments.entry(row).fileMissing)
        setSources({}, tr("The experiment file of %1 is missing: restore it on the Definition tab to study "
                          "its sources of randomness.")
                           .arg(selected.toHtmlEscaped()));
    else if (!definition)
        setSources({}, tr("Imported predictions keep no definition, so no source of their randomness can be "
                          "varied here."));
    else
        setSources(
            RandomnessStudy::rows(*definition, experiments.definitions(), snapshot.statistics),
            RandomnessStudy::sources(*definition).isEmpty()
                ? tr("A program you run (a command experiment) owns its randomness: vary its sources in "
                     "the program to study them.")
                : QString());
}

void ComparePanel::setData(const ExperimentStatistics* focus, std::optional<WorkspaceStatistics::Group> group,
                           std::optional<BootstrapIntervals> bootstrap)
{
    const bool any = focus && focus->seedCount() > 0;
    m_empty->setVisible(!any);
    m_withSeeds->setVisible(any);
    if (!any) {
        m_empty->setText(
            tr("Select an experiment with finished seeds to compare it with the others scored on "
               "the same rows."));
        m_matrix->clear();
        m_expectedBest->setRowCount(0);
        return;
    }
    m_group->setText(
        group ? tr("Compared within one comparison group, the checked experiments scored on the same "
                   "rows as %1: %2.")
                    .arg(focus->name.toHtmlEscaped(), group->data.description().toHtmlEscaped())
              : QString());
    showPicks(focus->name, group);
    if (group && group->experiments.size() > 1)
        m_matrix->setGroup(*group);
    else
        m_matrix->clear();
    m_matrixView->setVisible(m_matrix->rowCount() > 0);
    m_alone->setVisible(m_matrix->rowCount() == 0);
    m_alone->setText(tr("No other checked experiment is scored on the same rows as %1: check experiments of "
                        "its comparison group to compare them.")
                         .arg(focus->name.toHtmlEscaped()));
    m_focusBox->setTitle(tr("%1: what luck adds").arg(focus->name));
    showBootstrap(*focus, bootstrap);
    showExpectedBest(*focus);
}

void ComparePanel::showPicks(const QString& focus, const std::optional<WorkspaceStatistics::Group>& group)
{
    if (!group) {
        m_picks->clear();
        return;
    }
    const auto named = [&focus](const QString& pick, const QString& none) {
        if (pick.isEmpty())
            return none;
        return QStringLiteral("<b>%1</b>%2")
            .arg(pick.toHtmlEscaped(), pick == focus ? tr(" (selected)") : QString());
    };
    m_picks->setText(
        tr("Pick by ensemble (best full-ensemble validation score): %1. Pick by stability (smallest "
           "single-seed "
           "validation range): %2.")
            .arg(named(group->pickByEnsemble, tr("none (%1)").arg(group->whyNoPickByEnsemble())),
                 named(group->pickByStability, tr("none (%1)").arg(group->whyNoPickByStability()))) +
        (group->pickMargins().isEmpty()
             ? QString()
             : QStringLiteral(" ") + withMinusSigns(group->pickMargins()).toHtmlEscaped()) +
        (group->leftOutOfPicks.isEmpty() ? QString()
                                         : QStringLiteral(" ") + group->leftOutNote().toHtmlEscaped()) +
        (group->pickCaveats().isEmpty()
             ? QString()
             : QStringLiteral(" ") + withMinusSigns(group->pickCaveats()).toHtmlEscaped()));
}

void ComparePanel::showBootstrap(const ExperimentStatistics& focus,
                                 const std::optional<BootstrapIntervals>& bootstrap)
{
    if (!bootstrap) {
        m_bootstrap->setText(
            tr("Bootstrap intervals are left out here: %1 has too many predictions to resample at "
               "every update. <code>seedscape-cli stats --bootstrap 2000</code> computes them.")
                .arg(focus.name.toHtmlEscaped()));
        return;
    }
    if (focus.seedCount() < 2) {
        m_bootstrap->setText(
            tr("No bootstrap intervals from one seed: every resample of it is the same seed, "
               "so an interval would claim a certainty that one draw cannot give."));
        return;
    }
    // Few seeds: the bootstrap interval of the mean is narrower than the t-interval, and the t one is
    // the honest one. Said while the difference is worth saying (up to 17 seeds).
    const double width = BootstrapIntervals::meanWidthAgainstT(focus.seedCount());
    const QString narrower =
        width < kWidthWorthSaying
            ? tr("<br>With %1 seeds a bootstrap interval of the mean is expected to be about %2% as wide as "
                 "the t-interval (the table's \"mean ± 95% t\"): resampling few seeds misses how unsure "
                 "their own spread is. Read the t-interval for the mean.")
                  .arg(focus.seedCount())
                  .arg(std::lround(100 * width))
            : QString();
    m_bootstrap->setText(
        tr("Bootstrap 95% intervals (%1 resamples of the %2 seeds, with replacement; the ensemble rebuilt "
           "from "
           "each):<table cellspacing=\"0\" cellpadding=\"3\"><tr><th></th><th align=\"left\">validation</th>"
           "<th align=\"left\">test</th></tr><tr><td>Mean single seed</td><td>%3</td><td>%4</td></tr>"
           "<tr><td>Full ensemble</td><td>%5</td><td>%6</td></tr></table>")
            .arg(bootstrap->resamples)
            .arg(focus.seedCount())
            .arg(interval(bootstrap->validationMean), interval(bootstrap->testMean),
                 interval(bootstrap->ensembleValidation), interval(bootstrap->ensembleTest)) +
        narrower);
}

void ComparePanel::showExpectedBest(const ExperimentStatistics& focus)
{
    const std::vector<double>& validation = focus.validation.expectedBest;
    const std::vector<double>& test = focus.test.expectedBest;
    m_expectedBest->setRowCount(0);
    for (size_t n = 0; n < validation.size() && n < test.size(); ++n) {
        auto* seeds = new QStandardItem(QString::number(n + 1));
        seeds->setData(static_cast<int>(n + 1), Qt::UserRole);
        seeds->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        seeds->setEditable(false);
        m_expectedBest->appendRow(
            {seeds, numberItem(validation[n]),
             numberItem(leadOverMean(validation[n], focus.validation, focus.higherIsBetter)),
             numberItem(test[n]), numberItem(leadOverMean(test[n], focus.test, focus.higherIsBetter))});
    }
}

void ComparePanel::setSources(const std::vector<RandomnessStudy::Row>& rows, const QString& whyNoStudy)
{
    m_sources->setRowCount(0);
    for (const RandomnessStudy::Row& r : rows) {
        auto* name = new QStandardItem(r.experiment);
        auto* vary = new QStandardItem(r.vary.isEmpty() ? tr("none") : r.vary.join(QStringLiteral(", ")));
        auto* seeds = new QStandardItem(QString::number(r.seeds));
        seeds->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_sources->appendRow({name, vary, seeds, numberItem(r.validation.std), numberItem(r.validation.range),
                              numberItem(r.test.std), numberItem(r.test.range)});
    }
    m_sourcesView->setVisible(rows.size() > 1);
    int fewest = 0; // seeds behind the least certain spread shown
    for (const RandomnessStudy::Row& r : rows)
        if (r.seeds >= 2 && (fewest == 0 || r.seeds < fewest))
            fewest = r.seeds;

    const RandomnessStudy::Row* strongest = nullptr; // the single source that spreads validation most
    for (size_t i = 0; i < rows.size(); ++i) // the selected experiment may be a single-source variant itself
        if (rows[i].vary.size() == 1 && std::isfinite(rows[i].validation.std) &&
            (!strongest || rows[i].validation.std > strongest->validation.std))
            strongest = &rows[i];
    // Compared with the row where the most sources vary (the study's base, usually the first).
    const RandomnessStudy::Row* widest = rows.empty() ? nullptr : &rows.front();
    for (const RandomnessStudy::Row& r : rows)
        if (r.vary.size() > widest->vary.size())
            widest = &r;
    const QString allVarying =
        !widest || widest->vary.isEmpty() ? tr("none") : widest->vary.join(QStringLiteral(", "));
    if (!whyNoStudy.isEmpty() && rows.size() <= 1)
        m_sourcesLine->setText(whyNoStudy.toHtmlEscaped());
    else if (rows.size() <= 1)
        m_sourcesLine->setText(
            tr("Experiment → Study randomness sources trains one variant per source of "
               "randomness (init, order, dropout) that varies only that source: each spread "
               "then says what that source alone causes."));
    else if (!strongest)
        m_sourcesLine->setText(
            tr("Variants of this experiment that differ only in which sources of randomness "
               "vary; none with a single source has a defined spread yet."));
    else if (widest->vary.size() <= 1) // variants without their base: nothing to set them beside
        m_sourcesLine->setText(
            tr("Of one source alone, <b>%1</b> spreads the validation scores most: std %2. No experiment "
               "here varies more than one source, so there is no full spread to set it beside.")
                .arg(strongest->vary.front(), formatNumber(strongest->validation.std, kDigits)));
    else if (!std::isfinite(widest->validation.std))
        m_sourcesLine->setText(
            tr("Of one source alone, <b>%1</b> spreads the validation scores most: std %2. Train "
               "%3 (%4 varying) to set it beside its full spread.")
                .arg(strongest->vary.front(), formatNumber(strongest->validation.std, kDigits),
                     widest->experiment.toHtmlEscaped(), allVarying));
    else
        m_sourcesLine->setText(
            tr("Of one source alone, <b>%1</b> spreads the validation scores most: std %2, "
               "against %3 with %4 varying (%5).")
                .arg(strongest->vary.front(), formatNumber(strongest->validation.std, kDigits),
                     formatNumber(widest->validation.std, kDigits), allVarying,
                     widest->experiment.toHtmlEscaped()));
    if (rows.size() > 1 && fewest > 0 && fewest < kSeedsForAFirmStd)
        m_sourcesLine->setText(
            m_sourcesLine->text() +
            tr(" From %1 seeds a standard deviation is itself uncertain: more seeds settle which "
               "source matters.")
                .arg(fewest));
}

QString ComparePanel::sourcesText() const
{
    return QTextDocumentFragment::fromHtml(m_sourcesLine->text()).toPlainText();
}

QString ComparePanel::picksText() const
{
    return QTextDocumentFragment::fromHtml(m_picks->text()).toPlainText();
}

QString ComparePanel::bootstrapText() const
{
    return QTextDocumentFragment::fromHtml(m_bootstrap->text()).toPlainText();
}

} // namespace seedscape
