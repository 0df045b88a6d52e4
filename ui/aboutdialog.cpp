#include "aboutdialog.h"

#include "plot/qcustomplot_include.h"

#include "store/sampleworkspace.h"
#include "train/computedevice.h"
#include "train/trainingversions.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace seedscape {

QString AboutDialog::libtorchVersion()
{
    // trainingVersions() reads "seedscape 0.1.0, libtorch 1.13.0, qt 6.4.2"; the core alone
    // links LibTorch, so its version is asked there.
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("libtorch ([^,]+)")).match(trainingVersions());
    return match.hasMatch() ? match.captured(1) : tr("unknown");
}

AboutDialog::AboutDialog(const QString& workspace, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("About Seedscape"));
    setObjectName(QStringLiteral("aboutDialog"));
    const QStringList lines = {
        tr("Seedscape %1").arg(QStringLiteral(SEEDSCAPE_VERSION)),
        tr("How much of a result is the model, and how much is the random seed?"),
        QString(),
        tr("Qt %1").arg(QString::fromLatin1(qVersion())),
        tr("LibTorch %1 (%2)")
            .arg(libtorchVersion(),
                 ComputeDevice::cudaBuilt() ? tr("with CUDA") : tr("without CUDA: CPU only")),
        tr("Devices: %1").arg(ComputeDevice::available().join(QStringLiteral(", "))),
        tr("QCustomPlot %1").arg(QStringLiteral(QCUSTOMPLOT_VERSION_STR)),
        QString(),
        tr("Workspace: %1").arg(workspace.isEmpty() ? tr("none open") : QDir::toNativeSeparators(workspace)),
        tr("Sample workspace: %1").arg(QDir::toNativeSeparators(SampleWorkspace::defaultFolder())),
    };
    m_text = lines.join(QLatin1Char('\n'));

    // The name as a heading (its <br> replaced too), the rest as lines.
    QString html = m_text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    html.replace(0, lines.first().toHtmlEscaped().size() + 4,
                 QStringLiteral("<h3>%1</h3>").arg(lines.first().toHtmlEscaped()));
    auto* label = new QLabel(html);
    label->setObjectName(QStringLiteral("aboutText"));
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse); // paths and versions get copied
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
}

} // namespace seedscape
