#pragma once

#include <QString>

class QWidget;

namespace seedscape {

// How the window writes a problem: in a red that reads on the widget's palette, light or dark
// (PlotTheme::problemText), as rich text for a label or as a style sheet.
class ProblemText
{
public:
    // text, HTML-escaped, in the problem colour: for a rich-text QLabel.
    static QString html(const QString& text, const QWidget* widget);
    // Wraps rich text already escaped (it may hold markup of its own).
    static QString wrapHtml(const QString& richText, const QWidget* widget);
    static QString styleSheet(const QWidget* widget); // "color: #rrggbb"
};

} // namespace seedscape
