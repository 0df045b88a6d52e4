#pragma once

#include "report/htmlreport.h"

#include <QByteArray>

namespace seedscape {

// The report as a PDF, laid out by Qt's rich text on landscape A4 (the statistics table has 12
// columns): each figure drawn from its SVG as vector shapes, on a page of its own with its caption
// and how to read it; the tables from a new page, each header row repeated on every page the table
// runs over, and the headings and notes before a table kept on the page of its first row.
class ReportPdfPrinter
{
public:
    // Throws StorageError when the PDF cannot be made.
    static QByteArray print(const HtmlReport& report);
};

} // namespace seedscape
