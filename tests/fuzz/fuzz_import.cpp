// The prediction import on arbitrary bytes, in the order PredictionImporter reads: the predictions
// file's columns, then the labels, then every prediction. One input holds both files:
//   <task> <metric>\n<labels.csv>\n--- predictions\n<predictions.csv>
// (corpus/import/*), so that the two files can be fuzzed together.
#include "data/csvreader.h"
#include "experiment/experimentnames.h"
#include "fuzzinput.h"
#include "store/importlabelsreader.h"
#include "store/importpredictionsreader.h"

#include <QByteArray>

using namespace seedscape;

namespace {

const QByteArray kSeparator("\n--- predictions\n");

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return fuzz::runInput([&] {
        const QByteArray bytes =
            QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
        const qsizetype firstLineEnd = bytes.indexOf('\n');
        const qsizetype separator = bytes.indexOf(kSeparator);
        if (firstLineEnd < 0 || separator < firstLineEnd)
            return;
        const QList<QByteArray> words = bytes.left(firstLineEnd).split(' ');
        if (words.size() != 2)
            return;
        const std::optional<Task> task = names::parseTask(QString::fromUtf8(words[0]));
        const std::optional<Metric> metric = names::parseMetric(QString::fromUtf8(words[1]));
        if (!task || !metric || *task == Task::Auto || !metricFitsTask(*metric, *task))
            return; // the command line refuses these before reading any file

        const QByteArray labelBytes = bytes.mid(firstLineEnd + 1, separator - firstLineEnd - 1);
        const QByteArray predictionBytes = bytes.mid(separator + kSeparator.size());
        const CsvTable predictionTable = CsvReader::parse(predictionBytes, QStringLiteral("p.csv"));
        const CsvTable labelTable = CsvReader::parse(labelBytes, QStringLiteral("l.csv"));
        const ImportPredictionsReader predictionsReader(predictionTable, *task);
        const int columns = predictionsReader.columnCount();
        const int classes = *task == Task::Multiclass ? columns : *task == Task::Binary ? 2 : 0;
        const ExperimentLabels labels = ImportLabelsReader::read(labelTable, *task, *metric, classes);
        predictionsReader.read(labels, QStringLiteral("l.csv"));
    });
}
