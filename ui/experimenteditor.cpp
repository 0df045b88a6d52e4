#include "experimenteditor.h"

#include "commandmodelform.h"
#include "csvpreviewmodel.h"
#include "datachecker.h"
#include "dataloader.h"
#include "datasetpicker.h"
#include "formfields.h"
#include "problemtext.h"
#include "wheelguard.h"

#include "common/numberformat.h"
#include "common/seednumber.h"
#include "experiment/experimentnames.h"
#include "train/computedevice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace seedscape {

namespace {

constexpr int kPreviewRows = 50;

QStringList words(const QString& text)
{
    return text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
}

// Text fields are read as the file's numbers are: C locale, whole numbers where the file wants them.
std::optional<double> readNumber(const QLineEdit* edit, const QString& field,
                                 std::vector<FieldProblem>* problems)
{
    bool ok = false;
    const double v = QLocale::c().toDouble(edit->text().trimmed(), &ok);
    if (ok && std::isfinite(v))
        return v;
    problems->push_back({field, QStringLiteral("must be a number, got \"%1\"").arg(edit->text())});
    return std::nullopt;
}

std::optional<qlonglong> readWhole(const QString& text, const QString& field,
                                   std::vector<FieldProblem>* problems)
{
    bool ok = false;
    const qlonglong v = QLocale::c().toLongLong(text.trimmed(), &ok);
    if (ok)
        return v;
    problems->push_back({field, QStringLiteral("must be a whole number, got \"%1\"").arg(text)});
    return std::nullopt;
}

int clampToInt(qlonglong v)
{
    return static_cast<int>(
        std::clamp<qlonglong>(v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

} // namespace

ExperimentEditor::ExperimentEditor(QWidget* parent)
    : QWidget(parent), m_fields(new FormFields(this)), m_datasetPicker(new DatasetPicker(this)),
      m_preview(new CsvPreviewModel(this)), m_previewView(new QTableView), m_dataSummary(new QLabel),
      m_loader(new DataLoader(this)), m_dataChecker(new DataChecker(this))
{
    connectLoader();
    // The inputs first, then the form that lays them out, then the connections between them.
    createDataFields();
    createModelFields();
    createTrainingFields();
    createSeedFields();
    QWidget* form = buildForm();
    QWidget* data = buildPreview();

    m_splitter = new QSplitter;
    m_splitter->addWidget(form);
    m_splitter->addWidget(data);
    m_splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connectFields();
    WheelGuard::install(this);
    setExperiment(Experiment{});
}

void ExperimentEditor::connectLoader()
{
    connect(m_loader, &DataLoader::previewRead, this, [this](const QString& file, const CsvTable& table) {
        if (file == m_loadedFile) {
            showColumns(&table);
            revalidate();
        }
    });
    connect(m_loader, &DataLoader::profiled, this,
            [this](const QString& file, const std::vector<ColumnProfile>& columns, int rows) {
                if (file != m_loadedFile)
                    return;
                m_preview->setWholeFile(columns, rows);
                m_previewView->resizeColumnsToContents(); // the headers grew by their counts
            });
    connect(m_loader, &DataLoader::previewFailed, this, [this](const QString& file, const QString&) {
        if (file == m_loadedFile) {
            showColumns(nullptr); // checkData says what is wrong with the file
            revalidate();
        }
    });
    connect(m_dataChecker, &DataChecker::answered, this, &ExperimentEditor::showDataCheck);
    // Messages that waited for the typing to end are scrolled to as any that just appeared.
    connect(m_fields, &FormFields::heldBackShown, this, [this](const QSet<QString>& fields) {
        if (!fields.isEmpty())
            QTimer::singleShot(0, this, [this, fields] { revealFirstProblem(fields); });
        Q_EMIT heldBackShown();
    });
}

void ExperimentEditor::createDataFields()
{
    m_name = addLine(QStringLiteral("name"), tr("Also the file name: NAME.experiment.json"));
    m_path = addLine(QStringLiteral("dataset.path"),
                     tr("A CSV file, relative to the workspace folder or absolute"));
    m_target = addCombo(QStringLiteral("dataset.target"), {});
    m_task = addCombo(QStringLiteral("dataset.task"), names::tasks());
    m_missing = addCombo(QStringLiteral("dataset.missing"), names::missingPolicies());
    m_splitColumn = addCombo(QStringLiteral("dataset.split.column"), {tr("(fractions and a split seed)")});
    m_validation =
        addLine(QStringLiteral("dataset.split.validation"), tr("Share of rows held out for validation"));
    m_test = addLine(QStringLiteral("dataset.split.test"), tr("Share of rows held out for the test score"));
    m_splitSeed =
        addLine(QStringLiteral("dataset.split.seed"), tr("Fixes the split; the same for every seed"));
}

void ExperimentEditor::createModelFields()
{
    m_modelType = addCombo(QStringLiteral("model.type"), {tr("Built-in MLP"), tr("Your program")});
    m_modelType->setToolTip(tr("Your program: your own training script runs once per seed; Seedscape "
                               "gives it the split and the seed and scores its predictions"));
    m_commandForm = new CommandModelForm(
        this, [this](QWidget* input, const QString& field) { return withProblem(input, field); });
    m_hidden = addLine(QStringLiteral("model.hidden"),
                       tr("Hidden layer widths, e.g. \"64, 64\"; empty for a linear model"));
    m_activation = addCombo(QStringLiteral("model.activation"), names::activations());
    m_dropout =
        addLine(QStringLiteral("model.dropout"), tr("Probability of dropping a hidden unit, 0 to below 1"));
    m_layerNorm = new QCheckBox(tr("layer norm after each hidden layer"));
    m_layerNorm->setObjectName(QStringLiteral("model.layer_norm"));
}

void ExperimentEditor::createTrainingFields()
{
    m_optimizer = addCombo(QStringLiteral("training.optimizer"), names::optimizers());
    m_lr = addLine(QStringLiteral("training.lr"), tr("Learning rate"));
    m_weightDecay = addLine(QStringLiteral("training.weight_decay"), tr("0 for none"));
    m_momentum = addLine(QStringLiteral("training.momentum"), tr("Used by SGD only"));
    m_batchSize = addLine(QStringLiteral("training.batch_size"), {});
    m_epochs = addLine(QStringLiteral("training.epochs"), {});
    m_schedule = addCombo(QStringLiteral("training.schedule"), names::schedules());
    m_patience = addLine(QStringLiteral("training.early_stopping_patience"),
                         tr("Epochs without a better validation score before stopping; 0 for off"));
}

void ExperimentEditor::createSeedFields()
{
    m_metric = addCombo(QStringLiteral("metric"), QStringList{QStringLiteral("auto")} + names::metrics());
    m_seedCount = addLine(QStringLiteral("seeds.count"), tr("How many seeds the sweep trains"));
    m_varyInit = new QCheckBox(tr("initial weights"));
    m_varyOrder = new QCheckBox(tr("data order"));
    m_varyDropout = new QCheckBox(tr("dropout masks"));
    m_varyInit->setObjectName(QStringLiteral("seeds.vary.init"));
    m_varyOrder->setObjectName(QStringLiteral("seeds.vary.order"));
    m_varyDropout->setObjectName(QStringLiteral("seeds.vary.dropout"));
    m_seedList =
        addLine(QStringLiteral("seeds.list"), tr("Seeds used first, e.g. \"1, 2, 3\"; empty for fresh ones"));
    m_device = addCombo(QStringLiteral("device"), ComputeDevice::choices());
    m_device->setToolTip(
        tr("Where the built-in MLPs train. auto: a CUDA GPU when there is one, else the "
           "CPU.\nDevices here (%1): %2")
            .arg(ComputeDevice::buildDescription(), ComputeDevice::available().join(tr(", "))));
}

QWidget* ExperimentEditor::buildForm()
{
    QWidget* pathRow = buildPathRow();
    QWidget* vary = buildVaryRow();
    auto* form = new QWidget;
    auto* formLayout = new QVBoxLayout(form);
    formLayout->addWidget(m_fields->otherProblems());
    formLayout->addWidget(m_fields->section(
        tr("Experiment"),
        {{tr("Name"), QStringLiteral("name"), withProblem(m_name, QStringLiteral("name"))}}));
    formLayout->addWidget(dataSection(pathRow));
    formLayout->addWidget(modelSection());
    formLayout->addWidget(trainingSection());
    formLayout->addWidget(seedSection(vary));
    formLayout->addStretch();
    m_scroll = new QScrollArea;
    m_scroll->setObjectName(QStringLiteral("editorForm"));
    m_scroll->setWidget(form);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setMinimumWidth(form->sizeHint().width() + 24);
    return m_scroll;
}

QWidget* ExperimentEditor::buildPathRow()
{
    auto* browse = new QPushButton(tr("Choose…"));
    browse->setObjectName(QStringLiteral("dataset.path.choose"));
    connect(browse, &QPushButton::clicked, this, &ExperimentEditor::browseDataset);
    auto* pathRow = new QWidget;
    auto* pathLayout = new QHBoxLayout(pathRow);
    pathLayout->setContentsMargins(0, 0, 0, 0);
    pathLayout->addWidget(m_path, 1);
    pathLayout->addWidget(browse);
    return pathRow;
}

QWidget* ExperimentEditor::buildVaryRow()
{
    auto* vary = new QWidget;
    auto* varyLayout = new QHBoxLayout(vary);
    varyLayout->setContentsMargins(0, 0, 0, 0);
    for (QCheckBox* box : {m_varyInit, m_varyOrder, m_varyDropout})
        varyLayout->addWidget(box);
    varyLayout->addStretch();
    return vary;
}

FormRow ExperimentEditor::checkedRow(const QString& label, const QString& field, QWidget* input)
{
    return {label, field, withProblem(input, field)};
}

QGroupBox* ExperimentEditor::dataSection(QWidget* pathRow)
{
    return m_fields->section(
        tr("Data"),
        {checkedRow(tr("CSV file"), QStringLiteral("dataset.path"), pathRow),
         checkedRow(tr("Target"), QStringLiteral("dataset.target"), m_target),
         checkedRow(tr("Task"), QStringLiteral("dataset.task"), m_task),
         checkedRow(tr("Missing values"), QStringLiteral("dataset.missing"), m_missing),
         checkedRow(tr("Split by"), QStringLiteral("dataset.split.column"), m_splitColumn),
         checkedRow(tr("Validation fraction"), QStringLiteral("dataset.split.validation"), m_validation),
         checkedRow(tr("Test fraction"), QStringLiteral("dataset.split.test"), m_test),
         checkedRow(tr("Split seed"), QStringLiteral("dataset.split.seed"), m_splitSeed)});
}

QGroupBox* ExperimentEditor::modelSection()
{
    std::vector<FormRow> rows = {{tr("Model"), QStringLiteral("model.type"), m_modelType},
                                 checkedRow(tr("Hidden layers"), QStringLiteral("model.hidden"), m_hidden),
                                 {tr("Activation"), QStringLiteral("model.activation"), m_activation},
                                 checkedRow(tr("Dropout"), QStringLiteral("model.dropout"), m_dropout),
                                 {QString(), QStringLiteral("model.layer_norm"), m_layerNorm}};
    for (std::size_t i = 1; i < rows.size(); ++i)
        m_mlpRows.push_back(rows[i].input); // the fields of the Model section that only the MLP has
    rows.insert(rows.end(), m_commandForm->rows().begin(), m_commandForm->rows().end());
    QGroupBox* box = m_fields->section(tr("Model"), rows);
    m_modelForm = qobject_cast<QFormLayout*>(box->layout());
    return box;
}

QGroupBox* ExperimentEditor::trainingSection()
{
    m_trainingBox = m_fields->section(
        tr("Training"),
        {{tr("Optimizer"), QStringLiteral("training.optimizer"), m_optimizer},
         checkedRow(tr("Learning rate"), QStringLiteral("training.lr"), m_lr),
         checkedRow(tr("Weight decay"), QStringLiteral("training.weight_decay"), m_weightDecay),
         checkedRow(tr("Momentum"), QStringLiteral("training.momentum"), m_momentum),
         checkedRow(tr("Batch size"), QStringLiteral("training.batch_size"), m_batchSize),
         checkedRow(tr("Epochs"), QStringLiteral("training.epochs"), m_epochs),
         {tr("Schedule"), QStringLiteral("training.schedule"), m_schedule},
         checkedRow(tr("Early stopping patience"), QStringLiteral("training.early_stopping_patience"),
                    m_patience)});
    return m_trainingBox;
}

QGroupBox* ExperimentEditor::seedSection(QWidget* vary)
{
    m_varyRow = vary;
    QGroupBox* box = m_fields->section(tr("Seeds and score"),
                                       {checkedRow(tr("Metric"), QStringLiteral("metric"), m_metric),
                                        checkedRow(tr("Seeds"), QStringLiteral("seeds.count"), m_seedCount),
                                        {tr("Seeds vary"), QStringLiteral("seeds.vary"), vary},
                                        checkedRow(tr("Seed list"), QStringLiteral("seeds.list"), m_seedList),
                                        {tr("Device"), QStringLiteral("device"), m_device}});
    m_seedForm = qobject_cast<QFormLayout*>(box->layout());
    return box;
}

// Your program owns its model, its training, what its seed varies and its device.
void ExperimentEditor::showModelType()
{
    const bool program = m_modelType->currentIndex() == 1;
    for (QWidget* row : m_mlpRows)
        m_modelForm->setRowVisible(row, !program);
    for (const FormRow& row : m_commandForm->rows())
        m_modelForm->setRowVisible(row.input, program);
    m_trainingBox->setVisible(!program);
    m_seedForm->setRowVisible(m_varyRow, !program);
    m_seedForm->setRowVisible(m_device, !program);
}

QWidget* ExperimentEditor::buildPreview()
{
    m_previewView->setObjectName(QStringLiteral("editorPreview"));
    m_previewView->setModel(m_preview);
    m_previewView->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_previewView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_dataSummary->setObjectName(QStringLiteral("editorDataSummary"));
    m_dataSummary->setWordWrap(true);
    m_dataSummary->setTextFormat(Qt::RichText); // the summary escaped, its warning in the problem colour
    auto* data = new QWidget;
    auto* dataLayout = new QVBoxLayout(data);
    dataLayout->setContentsMargins(0, 0, 0, 0);
    dataLayout->addWidget(m_dataSummary);
    dataLayout->addWidget(m_previewView, 1);
    return data;
}

void ExperimentEditor::connectFields()
{
    for (QLineEdit* edit : findChildren<QLineEdit*>())
        connect(edit, &QLineEdit::textEdited, this, &ExperimentEditor::revalidate);
    for (QComboBox* combo : findChildren<QComboBox*>())
        connect(combo, &QComboBox::currentIndexChanged, this, &ExperimentEditor::revalidate);
    for (QCheckBox* box : findChildren<QCheckBox*>())
        connect(box, &QCheckBox::toggled, this, &ExperimentEditor::revalidate);
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        reloadData();
        revalidate();
    });
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] {
        m_momentum->setEnabled(m_optimizer->currentText() == names::optimizer(OptimizerKind::SGD));
    });
    connect(m_commandForm, &CommandModelForm::edited, this, &ExperimentEditor::revalidate);
    connect(m_modelType, &QComboBox::currentIndexChanged, this, &ExperimentEditor::showModelType);
    connect(m_splitColumn, &QComboBox::currentIndexChanged, this, [this](int index) {
        for (QLineEdit* edit : {m_validation, m_test, m_splitSeed})
            edit->setEnabled(index <= 0);
    });
}

QLineEdit* ExperimentEditor::addLine(const QString& field, const QString& toolTip)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(field);
    edit->setToolTip(toolTip);
    return edit;
}

QComboBox* ExperimentEditor::addCombo(const QString& field, const QStringList& words)
{
    auto* combo = new QComboBox(this);
    combo->setObjectName(field);
    combo->addItems(words);
    return combo;
}

QWidget* ExperimentEditor::withProblem(QWidget* input, const QString& field)
{
    return m_fields->withProblem(input, field);
}

void ExperimentEditor::setWorkspace(const QString& folder, const QStringList& takenNames)
{
    // No reading here: setExperiment, which every caller calls next, reads the data once.
    m_workspace = folder;
    m_takenNames = takenNames;
    m_commandForm->setBaseFolder(folder); // experiment files live in the workspace folder
    m_loadedFile.clear();
    m_dataChecker->forget();
}

void ExperimentEditor::setNameEditable(bool editable)
{
    m_name->setReadOnly(!editable);
}

void ExperimentEditor::setExtraRule(std::function<std::optional<FieldProblem>(const Experiment&)> rule)
{
    m_extraRule = std::move(rule);
    revalidate();
}

void ExperimentEditor::recheck()
{
    revalidate();
}

void ExperimentEditor::keepNotes(const QStringList& tags, const QString& notes)
{
    m_tags = tags;
    m_notes = notes;
    revalidate(); // experiment() carries them from now on
}

void ExperimentEditor::setExperiment(const Experiment& e)
{
    m_filling = true;
    m_tags = e.tags;
    m_notes = e.notes;
    auto choose = [](QComboBox* combo, const QString& word) {
        combo->setCurrentIndex(std::max(0, combo->findText(word)));
    };
    m_name->setText(e.name);
    m_path->setText(e.dataset.path);
    m_modelType->setCurrentIndex(e.isCommand() ? 1 : 0);
    showModelType();
    m_commandForm->setCommand(e.model.command);
    m_missing->setCurrentText(names::missing(e.dataset.missing));
    m_validation->setText(formatTypedNumber(e.dataset.split.validation));
    m_test->setText(formatTypedNumber(e.dataset.split.test));
    m_splitSeed->setText(QString::number(e.dataset.split.seed));
    QStringList widths;
    for (int w : e.model.hidden)
        widths << QString::number(w);
    m_hidden->setText(widths.join(QStringLiteral(", ")));
    choose(m_activation, names::activation(e.model.activation));
    m_dropout->setText(formatTypedNumber(e.model.dropout));
    m_layerNorm->setChecked(e.model.layerNorm);
    choose(m_optimizer, names::optimizer(e.training.optimizer));
    m_lr->setText(formatTypedNumber(e.training.lr));
    m_weightDecay->setText(formatTypedNumber(e.training.weightDecay));
    m_momentum->setText(formatTypedNumber(e.training.momentum));
    m_batchSize->setText(QString::number(e.training.batchSize));
    m_epochs->setText(QString::number(e.training.epochs));
    choose(m_schedule, names::schedule(e.training.schedule));
    m_patience->setText(QString::number(e.training.earlyStoppingPatience));
    m_metric->setCurrentIndex(
        e.metric == Metric::Auto ? 0 : std::max(0, m_metric->findText(names::metric(e.metric))));
    m_seedCount->setText(QString::number(e.seeds.count));
    m_varyInit->setChecked(e.seeds.varyInit);
    m_varyOrder->setChecked(e.seeds.varyOrder);
    m_varyDropout->setChecked(e.seeds.varyDropout);
    QStringList seeds;
    for (quint64 s : e.seeds.list)
        seeds << QString::number(s);
    m_seedList->setText(seeds.join(QStringLiteral(", ")));
    // A device this machine lacks (a file from a GPU machine) stays chosen: saving must not change it.
    if (m_device->findText(e.device.name()) < 0)
        m_device->addItem(e.device.name());
    choose(m_device, e.device.name());
    m_momentum->setEnabled(e.training.optimizer == OptimizerKind::SGD);

    // The columns come from the file, so target and split column are chosen once it is read.
    m_loadedFile.clear();
    reloadData();
    m_keepChoices = true; // the file's columns arrive later: they must not replace these
    if (m_target->findText(e.dataset.target) < 0 && !e.dataset.target.isEmpty())
        m_target->addItem(e.dataset.target);
    m_target->setCurrentText(e.dataset.target);
    m_task->setCurrentIndex(
        e.dataset.task == Task::Auto ? 0 : std::max(0, m_task->findText(names::task(e.dataset.task))));
    if (e.dataset.split.usesColumn() && m_splitColumn->findText(e.dataset.split.column) < 0)
        m_splitColumn->addItem(e.dataset.split.column);
    m_splitColumn->setCurrentIndex(
        e.dataset.split.usesColumn() ? m_splitColumn->findText(e.dataset.split.column) : 0);
    m_filling = false;
    m_dataChecker->forget();
    m_revealAllProblems = true; // a newly shown experiment scrolls to its first problem
    revalidate();
}

void ExperimentEditor::browseDataset()
{
    const QString path = m_datasetPicker->choose(m_workspace, m_path->text());
    if (path.isEmpty())
        return;
    m_path->setText(path);
    reloadData();
    revalidate();
}

void ExperimentEditor::reloadData()
{
    const QString file = DatasetSpec{m_path->text().trimmed()}.resolvedPath(m_workspace);
    if (file == m_loadedFile)
        return;
    m_loadedFile = file;
    m_keepChoices = false;
    m_preview->clear();
    if (!m_path->text().trimmed().isEmpty() && QFileInfo(file).isFile())
        m_loader->readPreview(file, kPreviewRows); // the choices made stay until the columns arrive
    else
        showColumns(nullptr);
}

void ExperimentEditor::showColumns(const CsvTable* table)
{
    const QString target = m_target->currentText(),
                  splitColumn = m_splitColumn->currentIndex() > 0 ? m_splitColumn->currentText() : QString();
    const bool wasFilling = m_filling;
    m_filling = true;
    m_target->clear();
    while (m_splitColumn->count() > 1)
        m_splitColumn->removeItem(1);
    if (table) {
        m_target->addItems(table->header);
        m_splitColumn->addItems(table->header);
        // A new file: the last column is the usual place of the target.
        if (table->header.contains(target))
            m_target->setCurrentIndex(static_cast<int>(table->header.indexOf(target)));
        else if (!m_keepChoices || target.isEmpty())
            m_target->setCurrentIndex(table->columnCount() - 1);
        if (!splitColumn.isEmpty() && table->header.contains(splitColumn))
            m_splitColumn->setCurrentText(splitColumn);
    }
    if (!target.isEmpty() && m_target->findText(target) < 0 && (m_keepChoices || m_target->count() == 0))
        m_target->addItem(target); // no columns to choose from, or a target the file lacks: kept
    if (m_target->findText(target) >= 0 && (m_keepChoices || m_target->currentIndex() < 0))
        m_target->setCurrentText(target);
    if (m_keepChoices && !splitColumn.isEmpty() && m_splitColumn->findText(splitColumn) < 0)
        m_splitColumn->addItem(splitColumn);
    if (m_keepChoices && !splitColumn.isEmpty())
        m_splitColumn->setCurrentText(splitColumn);
    if (table)
        m_preview->setTable(*table, m_target->currentText());
    m_previewView->resizeColumnsToContents();
    m_filling = wasFilling;
}

void ExperimentEditor::showDataSummary()
{
    const QString warning = m_dataChecker->fewRowsWarning();
    m_dataSummary->setText(warning.isEmpty()
                               ? m_dataChecker->summary().toHtmlEscaped()
                               : m_dataChecker->summary().toHtmlEscaped() + QStringLiteral("<br>") +
                                     ProblemText::html(warning, m_dataSummary));
}

void ExperimentEditor::showDataCheck()
{
    showDataSummary();
    const Task inferred = m_dataChecker->inferredTask();
    m_task->setItemText(0, inferred == Task::Auto ? QStringLiteral("auto")
                                                  : tr("auto (inferred: %1)").arg(names::task(inferred)));
    revalidate();
}

Experiment ExperimentEditor::readForm(std::vector<FieldProblem>* problems) const
{
    std::vector<FieldProblem> ignored;
    if (!problems)
        problems = &ignored;
    Experiment e;
    e.name = m_name->text();
    e.tags = m_tags;
    e.notes = m_notes;
    e.dataset.path = m_path->text().trimmed();
    e.dataset.target = m_target->currentText();
    e.dataset.task = m_task->currentIndex() == 0
                         ? Task::Auto
                         : names::parseTask(m_task->currentText()).value_or(Task::Auto);
    e.dataset.missing = names::parseMissing(m_missing->currentText()).value_or(MissingPolicy::Error);
    if (m_splitColumn->currentIndex() > 0)
        e.dataset.split.column = m_splitColumn->currentText();
    else {
        if (auto v = readNumber(m_validation, QStringLiteral("dataset.split.validation"), problems))
            e.dataset.split.validation = *v;
        if (auto v = readNumber(m_test, QStringLiteral("dataset.split.test"), problems))
            e.dataset.split.test = *v;
        if (const std::optional<quint64> seed = SeedNumber::parse(m_splitSeed->text()))
            e.dataset.split.seed = *seed;
        else
            problems->push_back(
                {QStringLiteral("dataset.split.seed"),
                 QStringLiteral("must be %1, got \"%2\"").arg(SeedNumber::range(), m_splitSeed->text())});
    }
    // A command experiment keeps the built-in model's and training's defaults: the file has neither.
    if (m_modelType->currentIndex() == 1) {
        e.model.type = ModelType::Command;
        e.model.command = m_commandForm->read();
    } else {
        e.model.hidden.clear();
        for (const QString& word : words(m_hidden->text())) {
            const auto width = readWhole(word, QStringLiteral("model.hidden"), problems);
            if (!width)
                break;
            e.model.hidden.push_back(clampToInt(*width));
        }
        e.model.activation = names::parseActivation(m_activation->currentText()).value_or(Activation::ReLU);
        if (auto v = readNumber(m_dropout, QStringLiteral("model.dropout"), problems))
            e.model.dropout = *v;
        e.model.layerNorm = m_layerNorm->isChecked();
        e.training.optimizer =
            names::parseOptimizer(m_optimizer->currentText()).value_or(OptimizerKind::Adam);
        if (auto v = readNumber(m_lr, QStringLiteral("training.lr"), problems))
            e.training.lr = *v;
        if (auto v = readNumber(m_weightDecay, QStringLiteral("training.weight_decay"), problems))
            e.training.weightDecay = *v;
        if (auto v = readNumber(m_momentum, QStringLiteral("training.momentum"), problems))
            e.training.momentum = *v;
        if (auto v = readWhole(m_batchSize->text(), QStringLiteral("training.batch_size"), problems))
            e.training.batchSize = clampToInt(*v);
        if (auto v = readWhole(m_epochs->text(), QStringLiteral("training.epochs"), problems))
            e.training.epochs = clampToInt(*v);
        e.training.schedule = names::parseSchedule(m_schedule->currentText()).value_or(Schedule::None);
        if (auto v =
                readWhole(m_patience->text(), QStringLiteral("training.early_stopping_patience"), problems))
            e.training.earlyStoppingPatience = clampToInt(*v);
    }
    e.metric = m_metric->currentIndex() == 0
                   ? Metric::Auto
                   : names::parseMetric(m_metric->currentText()).value_or(Metric::Auto);
    if (auto v = readWhole(m_seedCount->text(), QStringLiteral("seeds.count"), problems))
        e.seeds.count = clampToInt(*v);
    if (!e.isCommand()) { // your program decides what its one seed varies
        e.seeds.varyInit = m_varyInit->isChecked();
        e.seeds.varyOrder = m_varyOrder->isChecked();
        e.seeds.varyDropout = m_varyDropout->isChecked();
    }
    for (const QString& word : words(m_seedList->text())) {
        const std::optional<quint64> seed = SeedNumber::parse(word);
        if (!seed) {
            problems->push_back({QStringLiteral("seeds.list"),
                                 QStringLiteral("%1, got \"%2\"").arg(SeedNumber::rule(), word)});
            break;
        }
        e.seeds.list.push_back(*seed);
    }
    if (!e.isCommand())
        e.device = DeviceSpec::parse(m_device->currentText()).value_or(DeviceSpec::cpu());
    return e;
}

void ExperimentEditor::revalidate()
{
    if (m_filling)
        return;
    reloadData();
    m_preview->setTargetColumn(m_target->currentText());
    m_dataChecker->check(readForm(nullptr), m_workspace);
    showDataSummary();
    std::vector<FieldProblem> problems;
    const Experiment e = readForm(&problems);
    // A field that does not parse says so once, not again with the value it fell back to.
    auto alreadyNamed = [&](const QString& field) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const FieldProblem& p) { return p.field == field; });
    };
    for (FieldProblem& p : ExperimentValidator::validate(e))
        if (!alreadyNamed(p.field))
            problems.push_back(std::move(p));
    if (e.isCommand() && !alreadyNamed(QStringLiteral("model.command")))
        if (auto p = m_commandForm->runnableProblem(e.model.command))
            problems.push_back(*p);
    if (!alreadyNamed(QStringLiteral("name")) && m_takenNames.contains(e.name))
        problems.push_back(
            {QStringLiteral("name"),
             QStringLiteral("the workspace already has an experiment named \"%1\"").arg(e.name)});
    // The data is judged once its own settings are valid (a split that leaves no training rows is
    // the split's problem, not the file's).
    const bool dataSettingsValid = std::none_of(problems.begin(), problems.end(), [](const FieldProblem& p) {
        return p.field.startsWith(QStringLiteral("dataset")) || p.field == QStringLiteral("metric");
    });
    if (!alreadyNamed(QStringLiteral("metric")) && inferredTask() != Task::Auto)
        if (auto p = ExperimentValidator::validateMetricForData(e, inferredTask()))
            problems.push_back(*p);
    const std::optional<FieldProblem>& dataProblem = m_dataChecker->problem();
    if (dataProblem && (dataSettingsValid || m_dataChecker->fileMissing()))
        problems.push_back(*dataProblem);
    m_extraProblem = m_extraRule ? m_extraRule(e) : std::nullopt;
    if (m_extraProblem)
        problems.push_back(*m_extraProblem); // last: the form shows the others, its owner this one
    m_current = e;
    m_problems = std::move(problems);
    showProblems();
    Q_EMIT changed();
}

bool ExperimentEditor::isCheckingData() const
{
    return m_dataChecker->isPending();
}

bool ExperimentEditor::holdsBackAProblem() const
{
    return m_fields->holdsBackAProblem();
}

Task ExperimentEditor::inferredTask() const
{
    return m_dataChecker->inferredTask();
}

std::optional<Experiment> ExperimentEditor::experiment() const
{
    return isValid() ? m_current : std::nullopt;
}

std::optional<Experiment> ExperimentEditor::experimentDespiteExtraRule() const
{
    const std::size_t others = m_problems.size() - (m_extraProblem ? 1 : 0);
    return others == 0 && !isCheckingData() ? m_current : std::nullopt;
}

void ExperimentEditor::showProblems()
{
    const QSet<QString> before = m_revealAllProblems ? QSet<QString>() : m_fields->fieldsWithProblems();
    // Another experiment in the form is no typing: all its problems show at once.
    const FormFields::Reveal reveal =
        m_revealAllProblems ? FormFields::Reveal::All : FormFields::Reveal::WhatKeepsTheLayout;
    m_revealAllProblems = false;
    // The extra rule's problem is its owner's to show (the Definition tab's variant bar).
    m_fields->show({m_problems.begin(), m_problems.end() - (m_extraProblem ? 1 : 0)}, reveal);
    // Only problems that just appeared are scrolled to: one already shown further up must not pull
    // the form away from the field being typed in.
    const QSet<QString> appeared = m_fields->fieldsWithProblems() - before;
    if (appeared.isEmpty())
        return;
    // Once the labels just shown have their place in the layout.
    QTimer::singleShot(0, this, [this, appeared] { revealFirstProblem(appeared); });
}

void ExperimentEditor::revealFirstProblem(const QSet<QString>& fields)
{
    QWidget* problem = m_fields->firstProblem(fields);
    if (!problem)
        return;
    // A form pane dragged shut in the splitter opens again, so the problem can be seen.
    const QList<int> sizes = m_splitter->sizes();
    if (sizes.size() == 2 && sizes[0] == 0)
        m_splitter->setSizes({m_scroll->minimumWidth(), std::max(0, sizes[1] - m_scroll->minimumWidth())});
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the rows' final places
    m_scroll->ensureWidgetVisible(problem);
}

} // namespace seedscape
