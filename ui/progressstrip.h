#pragma once

#include <QWidget>

namespace seedscape {

// A progress bar drawn by hand: a frame, the done part in the highlight colour, centred text.
// The style's progress bar costs a millisecond or two per paint (and at times far more), and a
// sweep repaints dozens of bars several times a second on the GUI thread.
class ProgressStrip : public QWidget
{
    Q_OBJECT

public:
    explicit ProgressStrip(QWidget* parent = nullptr);

    void setProgress(int value, int maximum, const QString& text);
    int value() const { return m_value; }
    int maximum() const { return m_maximum; }
    QString text() const { return m_text; }

    QSize sizeHint() const override;

    // The drawing itself, shared with the Runs panel's rows.
    static void paint(QPainter* painter, const QRect& rect, int value, int maximum, const QString& text,
                      const QPalette& palette);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_value = 0, m_maximum = 1;
    QString m_text;
};

} // namespace seedscape
