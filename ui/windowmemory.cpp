#include "windowmemory.h"

#include "experimenttablemodel.h"

#include <QSettings>

namespace seedscape {

namespace {

QString settingsGroup(const QString& workspace)
{
    return QStringLiteral("workspaces/window/") +
           QString::fromLatin1(workspace.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

// The table's header by column position: a state saved with other columns would put widths and the
// sort on the wrong ones, so each set of columns has its own key (columns-17 …).
const QString kColumnsKey = QStringLiteral("columns-%1").arg(int(ExperimentTableModel::ColumnCount));

} // namespace

WindowMemory WindowMemory::load(const QString& workspace)
{
    QSettings settings;
    settings.beginGroup(settingsGroup(workspace));
    WindowMemory memory;
    memory.geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    memory.docks = settings.value(QStringLiteral("docks")).toByteArray();
    memory.splitter = settings.value(QStringLiteral("splitter")).toByteArray();
    memory.columns = settings.value(kColumnsKey).toByteArray();
    memory.experiment = settings.value(QStringLiteral("experiment")).toString();
    memory.tab = settings.value(QStringLiteral("tabName")).toString(); // "tab" held an index
    return memory;
}

void WindowMemory::save(const QString& workspace) const
{
    QSettings settings;
    settings.beginGroup(settingsGroup(workspace));
    settings.setValue(QStringLiteral("geometry"), geometry);
    settings.setValue(QStringLiteral("docks"), docks);
    settings.setValue(QStringLiteral("splitter"), splitter);
    settings.setValue(kColumnsKey, columns);
    settings.setValue(QStringLiteral("experiment"), experiment);
    settings.setValue(QStringLiteral("tabName"), tab);
}

} // namespace seedscape
