#include "problemlabel.h"

#include <QResizeEvent>

#include <algorithm>

namespace seedscape {

namespace {

constexpr int kNarrowest = 50; // before the first layout: a width to wrap at

} // namespace

ProblemLabel::ProblemLabel(QWidget* parent) : QLabel(parent)
{
    setWordWrap(true);
    // Width 0 asked, any width taken: the form's width decides, never the message's length.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
}

QSize ProblemLabel::sizeHint() const
{
    const int width = this->width() > 0 ? this->width() : parentWidget() ? parentWidget()->width() : 0;
    return {0, QLabel::heightForWidth(std::max(width, kNarrowest))};
}

void ProblemLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        updateGeometry(); // another width wraps into another height
}

} // namespace seedscape
