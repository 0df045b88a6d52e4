#include "commandmodelform.h"

#include "rememberedfolder.h"

#include "common/shellwords.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace seedscape {

namespace {

constexpr double kMaxTimeoutMinutes = 7 * 24 * 60; // a week; 0 is none

} // namespace

CommandModelForm::CommandModelForm(QWidget* owner, const WithProblem& withProblem)
    : QObject(owner), m_owner(owner), m_command(new QLineEdit(owner)), m_workdir(new QLineEdit(owner)),
      m_parallel(new QSpinBox(owner)), m_timeout(new QDoubleSpinBox(owner)), m_watch(new QLineEdit(owner)),
      m_chooseFolder([](QWidget* parent, const QString& start) {
          return QFileDialog::getExistingDirectory(parent, tr("Choose the working folder"), start);
      })
{
    m_command->setObjectName(QStringLiteral("model.command"));
    m_command->setPlaceholderText(QStringLiteral("python3 train.py --lr 3e-4"));
    m_command->setToolTip(
        tr("Your program and its arguments, split as a shell would ('single' or \"double\" quotes around "
           "an argument with spaces, \\ before a single character) but run without one: nothing is "
           "expanded. {seed}, {train}, {val}, {test} and {output} are replaced for each seed; "
           "the same values are in SEEDSCAPE_SEED and the other SEEDSCAPE_ variables."));
    m_workdir->setObjectName(QStringLiteral("model.workdir"));
    m_workdir->setPlaceholderText(tr("the workspace folder"));
    m_workdir->setToolTip(tr("Where your program starts: relative to the workspace folder, or absolute"));
    m_parallel->setObjectName(QStringLiteral("model.parallel"));
    m_parallel->setRange(1, CommandSpec::kMaxParallel);
    m_parallel->setToolTip(
        tr("Seeds whose programs run at once; 1 lets one program use every core or the GPU"));
    m_timeout->setObjectName(QStringLiteral("model.timeout_minutes"));
    m_timeout->setRange(0, kMaxTimeoutMinutes);
    m_timeout->setDecimals(1);
    m_timeout->setSuffix(tr(" min"));
    m_timeout->setSpecialValueText(tr("none"));
    m_timeout->setToolTip(
        tr("A seed whose program runs longer is stopped and counted as failed; 0 for none"));
    m_watch->setObjectName(QStringLiteral("model.watch"));
    m_watch->setPlaceholderText(tr("model.py src (files and folders your program imports)"));
    m_watch->setToolTip(
        tr("More files and folders of your program, relative to the working folder: the modules your "
           "script imports, its configuration. Like the files the command line names, their contents "
           "are kept with each seed, and new seeds are refused when they changed, so that two versions "
           "of the program never mix. A folder counts its code and configuration files (.py, .yaml, "
           ".json, .sh, .cpp and the like)."));

    auto* browse = new QPushButton(tr("Choose…"), owner);
    browse->setObjectName(QStringLiteral("model.workdir.choose"));
    connect(browse, &QPushButton::clicked, this, &CommandModelForm::chooseWorkdir);
    auto* workdirRow = new QWidget(owner);
    auto* workdirLayout = new QHBoxLayout(workdirRow);
    workdirLayout->setContentsMargins(0, 0, 0, 0);
    workdirLayout->addWidget(m_workdir, 1);
    workdirLayout->addWidget(browse);

    const auto row = [&](const QString& label, const QString& field, QWidget* input) {
        return FormRow{label, field, withProblem(input, field)};
    };
    m_rows = {row(tr("Command line"), QStringLiteral("model.command"), m_command),
              row(tr("Working folder"), QStringLiteral("model.workdir"), workdirRow),
              row(tr("Seeds at once"), QStringLiteral("model.parallel"), m_parallel),
              row(tr("Timeout per seed"), QStringLiteral("model.timeout_minutes"), m_timeout),
              row(tr("Also watch"), QStringLiteral("model.watch"), m_watch)};

    for (QLineEdit* edit : {m_command, m_workdir, m_watch})
        connect(edit, &QLineEdit::textEdited, this, &CommandModelForm::edited);
    // setCommand blocks the spin boxes' signals: what arrives here is an edit.
    connect(m_parallel, &QSpinBox::valueChanged, this, &CommandModelForm::edited);
    connect(m_timeout, &QDoubleSpinBox::valueChanged, this, &CommandModelForm::edited);
}

void CommandModelForm::setCommand(const CommandSpec& command)
{
    const QSignalBlocker blockParallel(m_parallel), blockTimeout(m_timeout);
    m_command->setText(ShellWords::join(command.command));
    m_command->setCursorPosition(0); // a long command line shows its program, not its last argument
    m_workdir->setText(command.workdir);
    m_parallel->setValue(command.parallel);
    m_timeout->setValue(command.timeoutMinutes);
    m_watch->setText(ShellWords::join(command.watch));
}

CommandSpec CommandModelForm::read() const
{
    CommandSpec c;
    c.command = ShellWords::split(m_command->text());
    c.workdir = m_workdir->text().trimmed();
    c.parallel = m_parallel->value();
    c.timeoutMinutes = m_timeout->value();
    c.watch = ShellWords::split(m_watch->text());
    return c;
}

std::optional<FieldProblem> CommandModelForm::runnableProblem(const CommandSpec& command) const
{
    // A quote left open would make the rest of the line one argument: said, not guessed at.
    for (const auto& [field, edit] : {std::pair{QStringLiteral("model.command"), m_command},
                                      std::pair{QStringLiteral("model.watch"), m_watch}}) {
        QString quoteProblem;
        ShellWords::split(edit->text(), &quoteProblem);
        if (!quoteProblem.isEmpty())
            return FieldProblem{field, quoteProblem};
    }
    const QString folder = command.resolvedWorkdir(m_base);
    if (!QFileInfo(folder).isDir())
        return FieldProblem{QStringLiteral("model.workdir"),
                            QStringLiteral("the working folder %1 does not exist").arg(folder)};
    if (command.command.isEmpty() || command.command.front().trimmed().isEmpty())
        return std::nullopt;
    QString problem;
    if (CommandSpec::findProgram(command.command.front(), folder, &problem).isEmpty())
        return FieldProblem{QStringLiteral("model.command"), problem};
    for (qsizetype i = 0; i < command.watch.size(); ++i) {
        const QString& path = command.watch[i];
        if (path.trimmed().isEmpty() || path.contains(QLatin1Char('{')))
            continue; // the validator names these
        if (const QString watchProblem = command.watchProblem(i, folder, m_base); !watchProblem.isEmpty())
            return FieldProblem{QStringLiteral("model.watch[%1]").arg(i), watchProblem};
    }
    return std::nullopt;
}

void CommandModelForm::chooseWorkdir()
{
    const RememberedFolder remembered(RememberedFolder::workdirKey());
    const QString folder = m_chooseFolder(m_owner, remembered.startIn(read().resolvedWorkdir(m_base)));
    if (folder.isEmpty())
        return;
    remembered.remember(folder);
    // Inside the workspace the path is kept relative, so the workspace can move as a whole.
    const QString relative = QDir(m_base).relativeFilePath(folder);
    m_workdir->setText(m_base.isEmpty() || relative.startsWith(QStringLiteral("..")) ? folder
                       : relative == QStringLiteral(".")                             ? QString()
                                                                                     : relative);
    Q_EMIT edited();
}

} // namespace seedscape
