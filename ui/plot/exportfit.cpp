#include "exportfit.h"

#include <QFontMetrics>

#include "qcustomplot_include.h"

#include <algorithm>

namespace seedscape {

namespace {

// The cell of the top layout that holds element (the element itself, or a grid holding it).
QCPLayoutElement* topCell(QCustomPlot* plot, QCPLayoutElement* element)
{
    while (element && element->layout() && element->layout() != plot->plotLayout())
        element = element->layout();
    return element;
}

bool findIn(QCPLayoutGrid* grid, const QCPLayoutElement* element, int* row, int* column)
{
    for (int r = 0; r < grid->rowCount(); ++r)
        for (int c = 0; c < grid->columnCount(); ++c)
            if (grid->hasElement(r, c) && grid->element(r, c) == element) {
                *row = r;
                *column = c;
                return true;
            }
    return false;
}

} // namespace

QString ExportFit::wrapped(const QString& text, const QFont& font, int maxWidth)
{
    const QFontMetrics metrics(font);
    // Text drawn at another scale (a PNG at 300 dpi) is hinted to other widths than measured here.
    maxWidth -= kScaleSlack * metrics.averageCharWidth();
    QStringList lines;
    for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
        QString line;
        for (const QString& word : paragraph.split(QLatin1Char(' '))) {
            const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && metrics.horizontalAdvance(longer) > maxWidth) {
                lines << line;
                line = word;
            } else {
                line = longer;
            }
        }
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

// The widths of a legend's columns when its items fill rows of `columns` items.
int legendWidth(QCPLegend* legend, int columns)
{
    std::vector<int> widths(static_cast<size_t>(columns), 0);
    int placed = 0;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const QCPAbstractLegendItem* item = legend->item(i)) { // null: an empty cell of its grid
            int& width = widths[static_cast<size_t>(placed++ % columns)];
            width = std::max(width, item->minimumOuterSizeHint().width());
        }
    int sum = legend->margins().left() + legend->margins().right() + (columns - 1) * legend->columnSpacing();
    for (int width : widths)
        sum += width;
    return sum;
}

ExportFit::ExportFit(QCustomPlot* plot, int width, int height) : m_plot(plot)
{
    const QMargins border = plot->plotLayout()->margins();
    const int inner = width - border.left() - border.right();
    fitLegend(inner); // first: where the legend ends up decides the room left for text
    wrapTexts(inner);
    // Axis labels and category names fit the axis rect, known once the rest is laid out at the size.
    const QRect viewport = plot->viewport();
    plot->setViewport(QRect(0, 0, width, height));
    const auto layOut = [plot] {
        for (const auto phase :
             {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
            plot->plotLayout()->update(phase);
    };
    layOut();
    if (slantCategories()) // slanted names take height from the axes
        layOut();
    wrapAxisLabels();
    thinTicks();
    plot->setViewport(viewport);
}

ExportFit::~ExportFit()
{
    for (const auto& [element, text] : m_texts)
        element->setText(text);
    for (const auto& [axis, label] : m_labels)
        axis->setLabel(label);
    for (const auto& [axis, degrees] : m_rotations)
        axis->setTickLabelRotation(degrees);
    // Backwards: axes may share a ticker, and the first change holds its count before.
    for (auto it = m_tickCounts.rbegin(); it != m_tickCounts.rend(); ++it)
        it->first->ticker()->setTickCount(it->second);
    QCPLegend* legend = m_plot->legend;
    if (m_legendHome && m_plot->plotLayout()->take(legend)) {
        m_plot->plotLayout()->simplify(); // takes out the row it was given, now empty
        m_legendHome->addElement(m_legendRow, m_legendColumn, legend);
    }
    if (m_legendArranged) {
        legend->setWrap(m_legendWrap);
        legend->setFillOrder(QCPLayoutGrid::FillOrder(m_legendFillOrder), true);
    }
}

void ExportFit::wrapTexts(int width)
{
    QCPLayoutGrid* top = m_plot->plotLayout();
    for (QCPTextElement* element : m_plot->findChildren<QCPTextElement*>()) {
        if (!element->visible() || element->text().isEmpty())
            continue;
        // A text in one column shares the width with the others (the scatter's legend beside it).
        int row = -1, column = -1, others = 0;
        if (findIn(top, topCell(m_plot, element), &row, &column))
            for (int c = 0; c < top->columnCount(); ++c) {
                int widest = 0;
                for (int r = 0; r < top->rowCount() && c != column; ++r)
                    if (top->hasElement(r, c))
                        widest = std::max(widest, top->element(r, c)->minimumOuterSizeHint().width());
                others += widest;
            }
        const int room = width - others - element->margins().left() - element->margins().right();
        const QString text = wrapped(element->text(), element->font(), room);
        if (text != element->text()) {
            m_texts.emplace_back(element, element->text());
            element->setText(text);
        }
    }
}

void ExportFit::wrapAxisLabels()
{
    for (QCPAxisRect* rect : m_plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            if (!axis->visible() || axis->label().isEmpty())
                continue;
            // A label may run a little past its axis, into the corner beside it.
            const int room =
                (axis->orientation() == Qt::Horizontal ? rect->width() : rect->height()) + kCornerRoom;
            const QString label = wrapped(axis->label(), axis->labelFont(), room);
            if (label != axis->label()) {
                m_labels.emplace_back(axis, axis->label());
                axis->setLabel(label);
            }
        }
}

void ExportFit::fitLegend(int width)
{
    QCPLegend* legend = m_plot->legend;
    if (!legend || !legend->visible() || legend->itemCount() == 0 || !legend->layout())
        return;
    QCPLayoutGrid* top = m_plot->plotLayout();
    int row = -1, column = -1;
    const bool beside = findIn(top, topCell(m_plot, legend), &row, &column) && column > 0;
    if (beside && legend->minimumOuterSizeHint().width() * 5 > width * 2) {
        auto* home = qobject_cast<QCPLayoutGrid*>(legend->layout());
        if (!home || !findIn(home, legend, &m_legendRow, &m_legendColumn) || !home->take(legend))
            return;
        m_legendHome = home;
        top->insertRow(top->rowCount());
        top->addElement(top->rowCount() - 1, 0, legend);
        top->setRowStretchFactor(top->rowCount() - 1, kSmallStretch); // its own height, the plot the rest
    }
    const bool under = m_legendHome || (findIn(top, legend, &row, &column) && column == 0 && row > 0);
    if (!under)
        return;
    int entries = 0;
    for (int i = 0; i < legend->itemCount(); ++i)
        entries += legend->item(i) != nullptr;
    int columns = 1;
    while (columns < entries && legendWidth(legend, columns + 1) <= width)
        ++columns;
    const bool alongRows = legend->fillOrder() == QCPLayoutGrid::foColumnsFirst;
    if (alongRows && legend->wrap() > 0 && legend->wrap() <= columns)
        return; // fits as it is
    m_legendArranged = true;
    m_legendWrap = legend->wrap();
    m_legendFillOrder = legend->fillOrder();
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

bool ExportFit::slantCategories()
{
    for (QCPAxisRect* rect : m_plot->axisRects())
        for (QCPAxis* axis : rect->axes(QCPAxis::atBottom)) {
            const auto categories = axis->ticker().dynamicCast<QCPAxisTickerText>();
            if (!categories || categories->ticks().size() < 2 || axis->tickLabelRotation() != 0)
                continue;
            const QFontMetrics metrics(axis->tickLabelFont());
            // Each name has the same share of the axis; the widest must fit its share.
            int widest = 0;
            for (const QString& name : std::as_const(categories->ticks()))
                for (const QString& line : name.split(QLatin1Char('\n')))
                    widest = std::max(widest, metrics.horizontalAdvance(line));
            const int share = rect->width() / static_cast<int>(categories->ticks().size());
            if (widest + metrics.averageCharWidth() <= share)
                continue;
            m_rotations.emplace_back(axis, axis->tickLabelRotation());
            axis->setTickLabelRotation(kSlantDegrees);
        }
    return !m_rotations.empty();
}

void ExportFit::thinTicks()
{
    for (QCPAxisRect* rect : m_plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            if (!axis->visible() || !axis->tickLabels() || axis->ticker().dynamicCast<QCPAxisTickerText>())
                continue;
            // Room for a number and a gap as wide (across) or two lines high (along a vertical axis).
            const QFontMetrics metrics(axis->tickLabelFont());
            const bool across = axis->orientation() == Qt::Horizontal;
            const int each =
                across ? 2 * metrics.horizontalAdvance(QStringLiteral("00.00")) : 2 * metrics.height();
            const int fit = std::max(2, (across ? rect->width() : rect->height()) / each);
            if (fit >= axis->ticker()->tickCount())
                continue;
            m_tickCounts.emplace_back(axis, axis->ticker()->tickCount());
            axis->ticker()->setTickCount(fit);
        }
}

} // namespace seedscape
