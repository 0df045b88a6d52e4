// ProgressStrip, the hand-drawn progress bar of the status bar and the Runs panel: it paints
// exactly its share of the width.
#include "progressstrip.h"

#include <QImage>
#include <QtTest>

using namespace seedscape;

class TestProgressStrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void progressStripPaintsItsShare();
};

void TestProgressStrip::progressStripPaintsItsShare()
{
    ProgressStrip strip;
    strip.resize(200, 24);
    strip.setProgress(30, 100, QString()); // no text, so only the bar decides the colours
    QCOMPARE(strip.value(), 30);
    QImage image(strip.size(), QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    strip.render(&image);
    const QColor done = strip.palette().color(QPalette::Highlight),
                 rest = strip.palette().color(QPalette::Base);
    QCOMPARE(image.pixelColor(20, 12), done);  // inside the first 30 %
    QCOMPARE(image.pixelColor(150, 12), rest); // beyond it
    QCOMPARE(image.pixelColor(58, 12), done);  // the edge sits at 30 % of the inner width
    QCOMPARE(image.pixelColor(62, 12), rest);
}

QTEST_MAIN(TestProgressStrip)
#include "tst_progressstrip.moc"
