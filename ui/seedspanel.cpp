#include "seedspanel.h"

#include "problemtext.h"
#include "seedtablemodel.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace seedscape {

namespace {

constexpr int kStderrLinesShown = 8; // the box's height; it scrolls to the rest of the tail

QString describe(const SeedResult& s)
{
    QString text;
    if (s.isFinished()) {
        text = SeedsPanel::tr("Seed %1 finished.").arg(s.seed);
    } else {
        const QString where =
            s.failureEpoch > 0 ? SeedsPanel::tr(" at epoch %1").arg(s.failureEpoch) : QString();
        text = SeedsPanel::tr("Seed %1 failed%2: %3").arg(QString::number(s.seed), where, s.failureReason);
    }
    for (const QString& warning : s.warnings)
        text += SeedsPanel::tr("\nWarning: %1").arg(warning);
    return text;
}

} // namespace

SeedsPanel::SeedsPanel(QWidget* parent)
    : QWidget(parent), m_model(new SeedTableModel(this)), m_sorted(new QSortFilterProxyModel(this)),
      m_view(new QTableView), m_detail(new QLabel), m_damaged(new QLabel), m_stderr(new QPlainTextEdit),
      m_openLog(new QPushButton(tr("Open log"))),
      m_opener([](const QUrl& url) { return QDesktopServices::openUrl(url); })
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(Qt::UserRole); // numbers sort as numbers
    m_view->setObjectName(QStringLiteral("seedView"));
    m_view->setModel(m_sorted);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    // "finished, with warnings" on one line
    m_view->horizontalHeader()->setSectionResizeMode(SeedTableModel::Status, QHeaderView::ResizeToContents);

    m_damaged->setObjectName(QStringLiteral("seedsDamaged"));
    m_damaged->setWordWrap(true);
    m_damaged->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_damaged->setVisible(false);
    m_detail->setObjectName(QStringLiteral("seedDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stderr->setObjectName(QStringLiteral("seedStderr"));
    m_stderr->setReadOnly(true);
    m_stderr->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_stderr->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_stderr->setFixedHeight(m_stderr->fontMetrics().lineSpacing() * kStderrLinesShown + 12);
    m_stderr->setVisible(false);
    m_openLog->setObjectName(QStringLiteral("openLog"));
    connect(m_openLog, &QPushButton::clicked, this, &SeedsPanel::openLog);

    auto* detailRow = new QHBoxLayout;
    detailRow->addWidget(m_detail, 1);
    detailRow->addWidget(m_openLog, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_damaged);
    layout->addWidget(m_view, 1);
    layout->addLayout(detailRow);
    layout->addWidget(m_stderr);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& index) {
                showCurrent();
                if (index.isValid() && !m_restoring)
                    Q_EMIT seedChosen(current()->seed);
            });
    showCurrent();
}

void SeedsPanel::setSeeds(const QString& experiment, std::vector<SeedResult> seeds,
                          const QStringList& damaged)
{
    // A damaged record is not in the table: without a word, a seed would simply be missing.
    m_damaged->setVisible(!damaged.isEmpty());
    m_damaged->setText(
        damaged.isEmpty()
            ? QString()
            : ProblemText::html(tr("Damaged files (Run sets damaged seeds aside and trains others, "
                                   "and rebuilds labels.json and definition.json): %1")
                                    .arg(damaged.join(QStringLiteral("; "))),
                                this));
    // A live refresh must not lose the seed being read about.
    const std::optional<quint64> kept = experiment == m_model->experiment() ? currentSeed() : std::nullopt;
    m_model->setSeeds(experiment, std::move(seeds));
    m_restoring = true;
    if (kept)
        selectSeed(*kept);
    m_restoring = false;
    showCurrent();
}

void SeedsPanel::selectSeed(quint64 seed)
{
    const int row = m_model->rowOf(seed);
    if (row >= 0)
        m_view->selectRow(m_sorted->mapFromSource(m_model->index(row, 0)).row());
}

const SeedResult* SeedsPanel::current() const
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return nullptr;
    const int row = m_sorted->mapToSource(index).row();
    return row >= 0 && row < m_model->rowCount() ? &m_model->seedAt(row) : nullptr;
}

std::optional<quint64> SeedsPanel::currentSeed() const
{
    const SeedResult* s = current();
    return s ? std::optional<quint64>(s->seed) : std::nullopt;
}

void SeedsPanel::setUrlOpener(UrlOpener opener)
{
    m_opener = std::move(opener);
}

bool SeedsPanel::canOpenLog() const
{
    const SeedResult* s = current();
    return s && !s->logFile.isEmpty() && QFileInfo(s->logFile).isFile();
}

bool SeedsPanel::openLog()
{
    const SeedResult* s = current();
    if (!s || s->logFile.isEmpty())
        return false;
    if (!QFileInfo(s->logFile).isFile()) {
        Q_EMIT message(tr("The log %1 is gone.").arg(s->logFile));
        return false;
    }
    if (!m_opener(QUrl::fromLocalFile(s->logFile))) {
        Q_EMIT message(tr("No program opened %1.").arg(s->logFile));
        return false;
    }
    return true;
}

QString SeedsPanel::detailText() const
{
    return m_detail->text();
}

QString SeedsPanel::stderrText() const
{
    return m_stderr->isHidden() ? QString() : m_stderr->toPlainText();
}

QString SeedsPanel::damagedText() const
{
    return m_damaged->text();
}

void SeedsPanel::showCurrent()
{
    const SeedResult* s = current();
    m_openLog->setEnabled(canOpenLog());
    m_openLog->setToolTip(s && !s->logFile.isEmpty() ? s->logFile
                                                     : tr("Seeds your own program ran have a log"));
    if (!s) {
        m_detail->setText(m_model->rowCount() > 0 ? tr("Choose a seed to see its details.") : QString());
        m_stderr->clear();
        m_stderr->setVisible(false);
        return;
    }
    m_detail->setText(describe(*s));
    const bool tail = !s->isFinished() && !s->stderrTail.isEmpty();
    m_stderr->setVisible(tail);
    if (!tail) {
        m_stderr->clear();
        return;
    }
    const QString text = tr("Last lines of stderr:\n") + s->stderrTail.join(QLatin1Char('\n'));
    if (m_stderr->toPlainText() != text) {
        m_stderr->setPlainText(text);
        m_stderr->moveCursor(QTextCursor::End); // the last line is usually the error
    }
}

} // namespace seedscape
