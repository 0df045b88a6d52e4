#pragma once

#include <QString>

#include <utility>
#include <vector>

class QCPAxis;
class QCPLayoutGrid;
class QCPTextElement;
class QCustomPlot;
class QFont;

namespace seedscape {

// Fits a plot's words into a small export, and puts the plot back as it was when it goes: a figure
// one column of a paper wide (3.5 in, 336 px) must not cut its header, legend or axis labels at the
// file's edge or run names into each other. Only what would not fit changes, so an export at the
// window's size shows what the window shows.
// - Text rows (the scatter's correlations, a plot's key) and axis labels are broken into lines at
//   spaces.
// - A legend beside the plot that would take more than two fifths of the width moves under it, and
//   a legend under the plot gets as many columns as fit.
// - Category names on the x axis that would run into each other are slanted, and an axis too short
//   for its usual count of numbers gets fewer.
class ExportFit
{
public:
    // width × height: the export's size, its white border being the plot layout's margins.
    ExportFit(QCustomPlot* plot, int width, int height);
    ~ExportFit();
    ExportFit(const ExportFit&) = delete;
    ExportFit& operator=(const ExportFit&) = delete;

    // text with its lines broken at spaces so that none is wider than maxWidth in font; a word
    // wider than that stays whole on its own line.
    static QString wrapped(const QString& text, const QFont& font, int maxWidth);

    // How far an axis label may reach past the ends of its axis (into the empty corners).
    static constexpr int kCornerRoom = 10;
    // A layout row's stretch that leaves it its minimum height.
    static constexpr double kSmallStretch = 0.001;
    // Average characters of room kept free on a wrapped line.
    static constexpr int kScaleSlack = 2;
    // A degree of slant that keeps category names apart and readable.
    static constexpr double kSlantDegrees = -30;

private:
    void wrapTexts(int width);
    void fitLegend(int width);
    void wrapAxisLabels();
    bool slantCategories(); // whether any were
    void thinTicks();       // fewer numbers on an axis too short for its usual count

    QCustomPlot* m_plot;
    std::vector<std::pair<QCPTextElement*, QString>> m_texts;
    std::vector<std::pair<QCPAxis*, QString>> m_labels;
    std::vector<std::pair<QCPAxis*, double>> m_rotations;
    std::vector<std::pair<QCPAxis*, int>> m_tickCounts;
    // Where a moved legend came from (nullptr: not moved), and its arrangement before.
    QCPLayoutGrid* m_legendHome = nullptr;
    int m_legendRow = -1, m_legendColumn = -1;
    int m_legendWrap = 0, m_legendFillOrder = 0;
    bool m_legendArranged = false;
};

} // namespace seedscape
