#include "exportplotdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace seedscape {

ExportPlotDialog::ExportPlotDialog(const QString& path, QSize onScreen, QWidget* parent)
    : QDialog(parent), m_path(new QLineEdit(path)), m_width(new QSpinBox), m_height(new QSpinBox),
      m_dpi(new QSpinBox)
{
    setWindowTitle(tr("Export plot"));
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_width->setObjectName(QStringLiteral("exportWidth"));
    m_height->setObjectName(QStringLiteral("exportHeight"));
    m_dpi->setObjectName(QStringLiteral("exportDpi"));
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(100, 10000);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(onScreen.width());
    m_height->setValue(onScreen.height());
    m_dpi->setRange(24, 1200);
    m_dpi->setValue(192);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(
        tr("PNG only: 96 dpi is the screen's size, 192 twice as many pixels per side, 300 for print"));

    auto* choose = new QPushButton(tr("Choose…"));
    connect(choose, &QPushButton::clicked, this, &ExportPlotDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(choose);
    auto* screen = new QPushButton(tr("As on screen"));
    connect(screen, &QPushButton::clicked, this, [this, onScreen] {
        m_width->setValue(onScreen.width());
        m_height->setValue(onScreen.height());
    });
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(m_height);
    sizeRow->addWidget(screen);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(tr("File (.png, .svg, .pdf)"), pathRow);
    form->addRow(tr("Size"), sizeRow);
    form->addRow(tr("PNG resolution"), m_dpi);
    form->addRow(buttons);
}

QString ExportPlotDialog::path() const
{
    return m_path->text().trimmed();
}

QSize ExportPlotDialog::size() const
{
    return {m_width->value(), m_height->value()};
}

int ExportPlotDialog::dpi() const
{
    return m_dpi->value();
}

void ExportPlotDialog::browse()
{
    const QString chosen =
        QFileDialog::getSaveFileName(this, tr("Export the plot"), path(),
                                     tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

} // namespace seedscape
