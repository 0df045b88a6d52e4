#include "slurmsubmitdialog.h"

#include "problemtext.h"
#include "slurmcontroller.h"
#include "wheelguard.h"

#include "experiment/experimentvalidator.h"
#include "slurm/slurmsubmitter.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace seedscape {

namespace {

QString settingsGroup(const QString& workspace)
{
    return QStringLiteral("workspaces/slurm/") +
           QString::fromLatin1(workspace.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

QSpinBox* countBox(const QString& name, int maximum, const QString& zero)
{
    auto* box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(0, maximum);
    box->setSpecialValueText(zero); // 0 is Slurm's (or Seedscape's) own choice
    return box;
}

// Arguments as a shell would split them, quoted back where they hold spaces.
QString joinArguments(const QStringList& args)
{
    QStringList quoted;
    for (const QString& a : args)
        quoted << (a.contains(QLatin1Char(' ')) || a.isEmpty() ? QLatin1Char('"') + a + QLatin1Char('"') : a);
    return quoted.join(QLatin1Char(' '));
}

} // namespace

SlurmSubmitDialog::SlurmSubmitDialog(SlurmController* slurm, const QString& experiment, int seeds,
                                     QWidget* parent)
    : QDialog(parent), m_slurm(slurm), m_experiment(experiment), m_seeds(new QSpinBox),
      m_partition(new QComboBox), m_time(new QLineEdit),
      m_cpus(countBox(QStringLiteral("slurmCpus"), 4096, tr("Slurm's default"))),
      m_gpus(countBox(QStringLiteral("slurmGpus"), 64, tr("none"))),
      m_maxParallel(countBox(QStringLiteral("slurmMaxParallel"), 1000000, tr("no limit"))),
      m_seedsPerTask(countBox(QStringLiteral("slurmSeedsPerTask"), 100000, tr("automatic"))),
      m_sbatchArgs(new QLineEdit), m_note(new QLabel), m_submit(nullptr)
{
    setObjectName(QStringLiteral("slurmSubmitDialog"));
    setWindowTitle(tr("Submit %1 to Slurm").arg(experiment));
    m_seeds->setObjectName(QStringLiteral("slurmSeeds"));
    m_seeds->setRange(1, ExperimentValidator::kMaxSeeds);
    m_seeds->setValue(std::max(1, seeds));
    m_seeds->setToolTip(
        tr("How many finished seeds the experiment should have: stored seeds and those of its "
           "jobs still in the queue count, only the missing ones are submitted."));
    m_partition->setObjectName(QStringLiteral("slurmPartition"));
    m_partition->addItem(tr("cluster default"), QString());
    m_partition->setToolTip(tr("Asking the cluster for its partitions (sinfo)…"));
    m_time->setObjectName(QStringLiteral("slurmTime"));
    m_time->setPlaceholderText(tr("the partition's default, e.g. 2:00:00 or 1-12:00:00"));
    // Slurm's forms: minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S.
    m_time->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral(R"(|\d+(:\d+){0,2}|\d+-\d+(:\d+){0,2})")), m_time));
    m_seedsPerTask->setToolTip(
        tr("Automatic: a seed per task for command experiments and the per-seed engine, "
           "groups of up to %1 for batched MLPs (trained together in about the time of one).")
            .arg(SlurmSubmitter::kBatchedSeedsPerTask));
    m_sbatchArgs->setObjectName(QStringLiteral("slurmSbatchArgs"));
    m_sbatchArgs->setPlaceholderText(tr("passed to sbatch as they are, e.g. --account=lab --qos=short"));
    m_note->setObjectName(QStringLiteral("slurmNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    auto* name = new QLabel(QStringLiteral("<b>%1</b>").arg(experiment.toHtmlEscaped()));
    form->addRow(tr("Experiment:"), name);
    form->addRow(tr("&Seeds in all:"), m_seeds);
    auto* seedsHint =
        new QLabel(tr("Stored seeds and those of the experiment's jobs still in the queue count: "
                      "only the missing ones are submitted."));
    seedsHint->setWordWrap(true);
    seedsHint->setEnabled(false); // greyed: a note, not a field
    form->addRow(QString(), seedsHint);
    form->addRow(tr("&Partition:"), m_partition);
    form->addRow(tr("&Time limit per task:"), m_time);
    form->addRow(tr("&CPUs per task:"), m_cpus);
    form->addRow(tr("&GPUs per task:"), m_gpus);
    form->addRow(tr("&Max. tasks at once:"), m_maxParallel);
    form->addRow(tr("Seeds per &task:"), m_seedsPerTask);
    form->addRow(tr("E&xtra sbatch arguments:"), m_sbatchArgs);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_submit = buttons->addButton(tr("&Submit"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("slurmSubmit"));
    m_submit->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &SlurmSubmitDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    setOptions(remembered(m_slurm->workspace()));
    connect(m_slurm, &SlurmController::partitionsReady, this, &SlurmSubmitDialog::showPartitions);
    connect(m_slurm, &SlurmController::submitted, this, [this](const QString&, const QString& message) {
        if (std::exchange(m_waiting, false)) { // this dialog's submission
            setNote(message, false);
            accept();
        }
    });
    connect(m_slurm, &SlurmController::submitFailed, this, [this](const QString& message) {
        if (std::exchange(m_waiting, false)) {
            setNote(message, true);
            m_submit->setEnabled(true);
        }
    });
    WheelGuard::install(this);
    m_slurm->askPartitions();
}

int SlurmSubmitDialog::seeds() const
{
    return m_seeds->value();
}

void SlurmSubmitDialog::setSeeds(int seeds)
{
    m_seeds->setValue(seeds);
}

SlurmOptions SlurmSubmitDialog::options() const
{
    SlurmOptions o;
    o.partition = m_partition->currentData().toString();
    o.time = m_time->text().trimmed();
    o.cpusPerTask = m_cpus->value();
    o.gpusPerTask = m_gpus->value();
    o.maxParallel = m_maxParallel->value();
    o.seedsPerTask = m_seedsPerTask->value();
    o.sbatchArgs = QProcess::splitCommand(m_sbatchArgs->text());
    return o;
}

void SlurmSubmitDialog::setOptions(const SlurmOptions& options)
{
    choosePartition(options.partition);
    m_time->setText(options.time);
    m_cpus->setValue(options.cpusPerTask);
    m_gpus->setValue(options.gpusPerTask);
    m_maxParallel->setValue(options.maxParallel);
    m_seedsPerTask->setValue(options.seedsPerTask);
    m_sbatchArgs->setText(joinArguments(options.sbatchArgs));
}

QStringList SlurmSubmitDialog::offeredPartitions() const
{
    QStringList names;
    for (int i = 0; i < m_partition->count(); ++i)
        names << m_partition->itemData(i).toString();
    return names;
}

QString SlurmSubmitDialog::note() const
{
    return m_note->text();
}

void SlurmSubmitDialog::choosePartition(const QString& partition)
{
    int index = m_partition->findData(partition);
    if (index < 0) { // remembered, and not (yet) listed by sinfo
        m_partition->addItem(partition, partition);
        index = m_partition->count() - 1;
    }
    m_partition->setCurrentIndex(index);
}

void SlurmSubmitDialog::showPartitions(const QStringList& partitions, const QString& problem)
{
    const QString chosen = m_partition->currentData().toString();
    m_partition->clear();
    // sinfo lists the default partition first.
    m_partition->addItem(partitions.isEmpty() ? tr("cluster default")
                                              : tr("cluster default (%1)").arg(partitions.front()),
                         QString());
    for (const QString& p : partitions)
        m_partition->addItem(p, p);
    choosePartition(chosen);
    m_partition->setToolTip(problem.isEmpty() ? QString() : problem);
    if (!problem.isEmpty() && !m_waiting)
        setNote(problem, true);
}

bool SlurmSubmitDialog::submit()
{
    if (!m_time->hasAcceptableInput()) {
        setNote(tr("The time limit is not in one of Slurm's forms: minutes, H:MM:SS or D-HH:MM:SS."), true);
        return false;
    }
    const SlurmOptions chosen = options();
    remember(m_slurm->workspace(), chosen);
    if (!m_slurm->submit(m_experiment, seeds(), chosen)) {
        setNote(tr("Another submission is still under way; try again when it is in the queue."), true);
        return false;
    }
    m_waiting = true;
    m_submit->setEnabled(false);
    setNote(tr("Submitting: drawing the seeds and running sbatch…"), false);
    return true;
}

void SlurmSubmitDialog::setNote(const QString& text, bool problem)
{
    m_note->setStyleSheet(problem ? ProblemText::styleSheet(m_note) : QString());
    m_note->setText(text);
}

SlurmOptions SlurmSubmitDialog::remembered(const QString& workspaceFolder)
{
    QSettings settings;
    settings.beginGroup(settingsGroup(workspaceFolder));
    SlurmOptions o;
    o.partition = settings.value(QStringLiteral("partition")).toString();
    o.time = settings.value(QStringLiteral("time")).toString();
    o.cpusPerTask = settings.value(QStringLiteral("cpusPerTask"), 0).toInt();
    o.gpusPerTask = settings.value(QStringLiteral("gpusPerTask"), 0).toInt();
    o.maxParallel = settings.value(QStringLiteral("maxParallel"), 0).toInt();
    o.seedsPerTask = settings.value(QStringLiteral("seedsPerTask"), 0).toInt();
    o.sbatchArgs = settings.value(QStringLiteral("sbatchArgs")).toStringList();
    return o;
}

void SlurmSubmitDialog::remember(const QString& workspaceFolder, const SlurmOptions& options)
{
    QSettings settings;
    settings.beginGroup(settingsGroup(workspaceFolder));
    settings.setValue(QStringLiteral("partition"), options.partition);
    settings.setValue(QStringLiteral("time"), options.time);
    settings.setValue(QStringLiteral("cpusPerTask"), options.cpusPerTask);
    settings.setValue(QStringLiteral("gpusPerTask"), options.gpusPerTask);
    settings.setValue(QStringLiteral("maxParallel"), options.maxParallel);
    settings.setValue(QStringLiteral("seedsPerTask"), options.seedsPerTask);
    settings.setValue(QStringLiteral("sbatchArgs"), options.sbatchArgs);
}

} // namespace seedscape
