#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace seedscape {

// The raw cells of a CSV file: a header and rows of text, each row with the line it starts on.
struct CsvTable
{
    QString sourceFile;
    QChar delimiter = QLatin1Char(',');
    QStringList header;
    std::vector<QStringList> rows;
    std::vector<int> rowLines; // 1-based physical line where each row starts (the header is line 1)

    int rowCount() const { return static_cast<int>(rows.size()); }
    int columnCount() const { return static_cast<int>(header.size()); }
    int columnIndex(const QString& name) const { return static_cast<int>(header.indexOf(name)); }
};

} // namespace seedscape
