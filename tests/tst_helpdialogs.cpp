// Help → About names every version a bug report needs and the workspace; Getting started explains.
#include "aboutdialog.h"
#include "gettingstarteddialog.h"
#include "mainwindow.h"
#include "train/computedevice.h"

#include "support/tempworkspace.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestHelpDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aboutNamesVersionsAndWorkspace();
    void gettingStartedExplainsTheScatter();
};

void TestHelpDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestHelpDialogs::aboutNamesVersionsAndWorkspace()
{
    TempWorkspace workspace(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace.path()));
    QDialog* dialog = window.openAbout();
    QVERIFY(dialog && dialog->isVisible());
    auto* label = dialog->findChild<QLabel*>(QStringLiteral("aboutText"));
    QVERIFY(label);
    const QString text = qobject_cast<AboutDialog*>(dialog)->text();
    QVERIFY2(text.contains(QStringLiteral("Seedscape " SEEDSCAPE_VERSION)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("QCustomPlot 2.")), qPrintable(text));
    const QString torch = AboutDialog::libtorchVersion();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+")).match(torch).hasMatch(), qPrintable(torch));
    QVERIFY2(text.contains(QStringLiteral("LibTorch ") + torch), qPrintable(text));
    // The devices the editor offers, each named: "cpu" always, a line per GPU where there are any.
    for (const QString& device : ComputeDevice::available())
        QVERIFY2(text.contains(device), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Devices: cpu")), qPrintable(text));
    QVERIFY2(text.contains(window.workspacePath()), qPrintable(text));
    // What is shown is what text() says (escaped for rich text).
    QVERIFY(label->text().contains(window.workspacePath().toHtmlEscaped()));
    dialog->close();
}

void TestHelpDialogs::gettingStartedExplainsTheScatter()
{
    MainWindow window;
    QDialog* dialog = window.openGettingStarted();
    QVERIFY(dialog && dialog->isVisible());
    auto* browser = dialog->findChild<QTextBrowser*>(QStringLiteral("gettingStartedText"));
    QVERIFY(browser);
    const QString text = browser->toPlainText();
    for (const char* part : {"seed sweep", "How to read the scatter", "Where to start"})
        QVERIFY2(text.contains(QString::fromLatin1(part)), part);
    dialog->close();
}

QTEST_MAIN(TestHelpDialogs)
#include "tst_helpdialogs.moc"
