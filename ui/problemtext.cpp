#include "problemtext.h"

#include "plot/plottheme.h"

#include <QWidget>

namespace seedscape {

QString ProblemText::html(const QString& text, const QWidget* widget)
{
    return wrapHtml(text.toHtmlEscaped(), widget);
}

QString ProblemText::wrapHtml(const QString& richText, const QWidget* widget)
{
    return QStringLiteral("<span style='color:%1'>%2</span>")
        .arg(PlotTheme::problemText(widget->palette()).name(), richText);
}

QString ProblemText::styleSheet(const QWidget* widget)
{
    return QStringLiteral("color: %1").arg(PlotTheme::problemText(widget->palette()).name());
}

} // namespace seedscape
