// Golden cases: tests/data/csv/<case>/input.csv and expected.json (the parsed table, or the error).
#include "common/inputerror.h"
#include "data/csvreader.h"

#include "support/sampledata.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goldenCases_data();
    void goldenCases();
    void missingFile();
    void detectsDelimiterOutsideQuotes();
    void previewStopsAfterMaxRows();
    void wholeFileReadStopsWhenAskedTo();
};

void TestCsvReader::goldenCases_data()
{
    QTest::addColumn<QString>("folder");
    const QDir root(QStringLiteral(SEEDSCAPE_TEST_DATA "/csv"));
    const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 10);
    for (const QString& name : cases)
        QTest::addRow("%s", qPrintable(name)) << root.filePath(name);
}

void TestCsvReader::goldenCases()
{
    QFETCH(QString, folder);
    QFile expectedFile(folder + QStringLiteral("/expected.json"));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const auto expected = nlohmann::json::parse(expectedFile.readAll().toStdString());
    const QString input = folder + QStringLiteral("/input.csv");

    if (expected.contains("error")) {
        try {
            CsvReader::readFile(input);
            QFAIL("a malformed file was accepted");
        } catch (const InputError& e) {
            const QString message = e.message().replace(folder + QLatin1Char('/'), QString());
            QCOMPARE(message, QString::fromStdString(expected["error"].get<std::string>()));
        }
        return;
    }
    const CsvTable table = CsvReader::readFile(input);
    QCOMPARE(QString(table.delimiter), QString::fromStdString(expected["delimiter"].get<std::string>()));
    QStringList header;
    for (const auto& h : expected["header"])
        header << QString::fromStdString(h.get<std::string>());
    QCOMPARE(table.header, header);
    QCOMPARE(table.rowCount(), static_cast<int>(expected["rows"].size()));
    for (int r = 0; r < table.rowCount(); ++r) {
        QStringList row;
        for (const auto& cell : expected["rows"][r])
            row << QString::fromStdString(cell.get<std::string>());
        QCOMPARE(table.rows[r], row);
        QCOMPARE(table.rowLines[r], expected["lines"][r].get<int>());
    }
}

void TestCsvReader::missingFile()
{
    try {
        CsvReader::readFile(QStringLiteral("/nonexistent/data.csv"));
        QFAIL("no error for a missing file");
    } catch (const InputError& e) {
        QCOMPARE(e.message(), QStringLiteral("/nonexistent/data.csv: file not found"));
        QCOMPARE(e.where().file, QStringLiteral("/nonexistent/data.csv"));
    }
}

void TestCsvReader::detectsDelimiterOutsideQuotes()
{
    QCOMPARE(CsvReader::detectDelimiter(QStringLiteral("\"a,b,c\";d\n1;2")), QLatin1Char(';'));
    QCOMPARE(CsvReader::detectDelimiter(QStringLiteral("a\tb;c\td\n")), QLatin1Char('\t'));
    QCOMPARE(CsvReader::detectDelimiter(QStringLiteral("single\n1\n")), QLatin1Char(','));
}

void TestCsvReader::previewStopsAfterMaxRows()
{
    const CsvTable preview = CsvReader::readPreview(sampleDatasetPath(QStringLiteral("digits.csv")), 5);
    QCOMPARE(preview.rowCount(), 5);
    QCOMPARE(preview.columnCount(), 65);
    QCOMPARE(preview.rowLines.back(), 6);
    const CsvTable full = CsvReader::readFile(sampleDatasetPath(QStringLiteral("digits.csv")));
    QCOMPARE(full.rowCount(), 1797);
    QCOMPARE(full.rows[4], preview.rows[4]);
}

// A read nobody waits for any more ends at the next ask, every 4096 rows.
void TestCsvReader::wholeFileReadStopsWhenAskedTo()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("rows.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray text = "x,y\n";
    for (int i = 0; i < 10000; ++i)
        text += QByteArray::number(i) + ',' + QByteArray::number(2 * i) + '\n';
    file.write(text);
    file.close();

    int asked = 0;
    QVERIFY_THROWS_EXCEPTION(CsvReader::Stopped, CsvReader::readFile(file.fileName(), [&] {
                                 ++asked;
                                 return false;
                             }));
    QCOMPARE(asked, 1);

    asked = 0;
    const CsvTable all = CsvReader::readFile(file.fileName(), [&] {
        ++asked;
        return true;
    });
    QCOMPARE(all.rowCount(), 10000);
    QCOMPARE(asked, 2); // after rows 4096 and 8192
    QCOMPARE(all.rows.back(), (QStringList{QStringLiteral("9999"), QStringLiteral("19998")}));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
