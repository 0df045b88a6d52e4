#include "progressstrip.h"

#include <QPainter>

#include <algorithm>

namespace seedscape {

ProgressStrip::ProgressStrip(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ProgressStrip::setProgress(int value, int maximum, const QString& text)
{
    if (value == m_value && maximum == m_maximum && text == m_text)
        return;
    m_value = value;
    m_maximum = maximum;
    m_text = text;
    update();
}

QSize ProgressStrip::sizeHint() const
{
    return {fontMetrics().horizontalAdvance(QStringLiteral("000 of 000 seeds")) + 40,
            fontMetrics().height() + 8};
}

void ProgressStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    paint(&painter, rect(), m_value, m_maximum, m_text, palette());
}

void ProgressStrip::paint(QPainter* painter, const QRect& rect, int value, int maximum, const QString& text,
                          const QPalette& palette)
{
    const QRect frame = rect.adjusted(1, 2, -2, -2);
    maximum = std::max(1, maximum);
    value = std::clamp(value, 0, maximum);
    painter->save();
    painter->setPen(palette.color(QPalette::Mid));
    painter->setBrush(palette.color(QPalette::Base));
    painter->drawRect(frame);
    QRect done = frame.adjusted(1, 1, 0, 0);
    done.setWidth(static_cast<int>(static_cast<double>(done.width()) * value / maximum));
    painter->fillRect(done, palette.color(QPalette::Highlight));
    // Text too long for the bar loses its end, not both ends and never over the frame: the start
    // says the most ("26 of 45 seeds" in a squeezed status bar).
    const QString shown = painter->fontMetrics().elidedText(text, Qt::ElideRight, frame.width() - 8);
    // The text in the bar's colours: dark over the rest, light over the done part.
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(frame, Qt::AlignCenter, shown);
    painter->setClipRect(done);
    painter->setPen(palette.color(QPalette::HighlightedText));
    painter->drawText(frame, Qt::AlignCenter, shown);
    painter->restore();
}

} // namespace seedscape
