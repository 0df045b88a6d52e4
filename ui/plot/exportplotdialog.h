#pragma once

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace seedscape {

// Where to save a plot and at what size: width and height in on-screen pixels (the layout, fonts
// and markers are drawn for that size), and the resolution of a PNG (more dpi, more pixels).
// The format follows the file name: .png, .svg or .pdf.
class ExportPlotDialog : public QDialog
{
    Q_OBJECT

public:
    ExportPlotDialog(const QString& path, QSize onScreen, QWidget* parent = nullptr);

    QString path() const;
    QSize size() const;
    int dpi() const;

private:
    void browse();

    QLineEdit* m_path;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_dpi;
};

} // namespace seedscape
