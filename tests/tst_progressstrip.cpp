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
    void textTooLongForTheStripKeepsInsideItsFrame();
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

// A squeezed status bar: the text loses its end rather than running over the frame.
void TestProgressStrip::textTooLongForTheStripKeepsInsideItsFrame()
{
    ProgressStrip strip;
    const QString text = QStringLiteral("26 of 45 seeds");
    strip.resize(strip.fontMetrics().horizontalAdvance(text) / 2, 24);
    strip.setProgress(0, 100, text);
    QImage image(strip.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    strip.render(&image);
    // The frame runs down column 1; the text would cross the columns beside it.
    const int frameLightness = strip.palette().color(QPalette::Mid).lightness();
    int darker = 0, textPixels = 0;
    for (int y = 4; y < image.height() - 4; ++y) {
        for (int x : {0, 2, 3, image.width() - 4, image.width() - 1})
            darker += image.pixelColor(x, y).lightness() < frameLightness;
        for (int x = 4; x < image.width() - 4; ++x)
            textPixels += image.pixelColor(x, y).lightness() < 128;
    }
    QCOMPARE(darker, 0);
    QVERIFY(textPixels > 0); // what fits is still drawn
}

QTEST_MAIN(TestProgressStrip)
#include "tst_progressstrip.moc"
