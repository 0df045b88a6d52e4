// The CSV reader and the dataset loader on arbitrary bytes: CsvReader::parse, then
// DatasetLoader::fromTable with a target, task and missing-value policy taken from the input.
#include "data/csvreader.h"
#include "data/datasetloader.h"
#include "fuzzinput.h"

#include <QByteArray>

using namespace seedscape;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return fuzz::runInput([&] {
        const QByteArray bytes =
            QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
        const CsvTable table = CsvReader::parse(bytes, QStringLiteral("fuzz.csv"));
        if (table.columnCount() == 0)
            return;
        // The settings come from the input's size, so that the corpus stays plain CSV files.
        DatasetSpec spec;
        spec.target = table.header.at(static_cast<qsizetype>(size % table.header.size()));
        spec.task = static_cast<Task>((size / 7) % 4);
        spec.missing = (size / 3) % 2 ? MissingPolicy::Drop : MissingPolicy::Error;
        if ((size / 5) % 2 && table.columnIndex(QStringLiteral("split")) >= 0)
            spec.split.column = QStringLiteral("split");
        DatasetLoader::fromTable(table, spec);
    });
}
