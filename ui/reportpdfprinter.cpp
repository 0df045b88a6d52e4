#include "reportpdfprinter.h"

#include "common/storageerror.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFont>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextObjectInterface>
#include <QTextTable>

#include <cmath>
#include <memory>
#include <set>
#include <vector>

namespace seedscape {

namespace {

constexpr int kDpi = 96; // the document's pixels are the screen's: the figures' sizes hold as drawn
constexpr int kTextPoints = 8;
constexpr double kSmallestTablePoints = 5; // still legible in print
const QString kFigurePrefix = QStringLiteral("seedscape-figure-");

// Draws the report's <img src="seedscape-figure-N"> with the SVG of figure N, as vector shapes
// on the PDF's painter. Qt's rich text draws no inline SVG, and a picture of it would print coarse.
class FigureHandler : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)

public:
    explicit FigureHandler(const std::vector<HtmlReport::Figure>& figures)
    {
        for (const HtmlReport::Figure& f : figures)
            m_renderers.push_back(std::make_unique<QSvgRenderer>(f.svg));
    }

    QSizeF intrinsicSize(QTextDocument*, int, const QTextFormat& format) override
    {
        const QTextImageFormat image = format.toImageFormat();
        return {image.width(), image.height()};
    }

    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument*, int,
                    const QTextFormat& format) override
    {
        const QString name = format.toImageFormat().name();
        const int index = name.startsWith(kFigurePrefix) ? name.mid(kFigurePrefix.size()).toInt() : -1;
        if (index >= 0 && index < static_cast<int>(m_renderers.size()) && m_renderers[index]->isValid())
            m_renderers[index]->render(painter, rect);
    }

private:
    std::vector<std::unique_ptr<QSvgRenderer>> m_renderers;
};

// The report's HTML as Qt's rich text reads it: figures as the images FigureHandler draws, at the
// size of their SVG's view box, and tables as wide as the page, their text at tablePoints.
QString printableHtml(const HtmlReport& report, double tablePoints)
{
    QString html = QString::fromUtf8(report.toHtml());
    static const QRegularExpression svg(QStringLiteral("<svg\\b.*?</svg>"),
                                        QRegularExpression::DotMatchesEverythingOption);
    for (size_t i = 0; i < report.figures.size(); ++i) {
        const QRegularExpressionMatch match = svg.match(html);
        if (!match.hasMatch())
            break;
        const QSizeF size = QSvgRenderer(report.figures[i].svg).viewBoxF().size();
        html.replace(match.capturedStart(), match.capturedLength(),
                     QStringLiteral("<img src=\"%1%2\" width=\"%3\" height=\"%4\">")
                         .arg(kFigurePrefix)
                         .arg(i)
                         .arg(std::lround(size.width()))
                         .arg(std::lround(size.height())));
    }
    // Qt's rich text knows no <figure>: as unknown inline tags they would put a figure on the line
    // of the text before it.
    return html.replace(QStringLiteral("<figure>"), QStringLiteral("<div>"))
        .replace(QStringLiteral("</figure>"), QStringLiteral("</div>"))
        .replace(QStringLiteral("<figcaption>"), QStringLiteral("<p>"))
        .replace(QStringLiteral("</figcaption>"), QStringLiteral("</p>"))
        .replace(QStringLiteral("<table"),
                 QStringLiteral("<table width=\"100%\"")) // else it shrinks to the words
        // Qt's rich text ignores a font size in per cent (the page's "table{font-size:90%}").
        .replace(QStringLiteral("</head>"),
                 QStringLiteral("<style>td,th{font-size:%1pt}</style>\n</head>").arg(tablePoints));
}

// Whether a table, whose names and numbers never break, is wider than the page: Qt would cut it.
bool tableOverflows(const QTextDocument& document)
{
    for (auto it = document.rootFrame()->begin(); !it.atEnd(); ++it)
        if (auto* table = qobject_cast<QTextTable*>(it.currentFrame());
            table &&
            document.documentLayout()->frameBoundingRect(table).width() > document.pageSize().width() + 0.5)
            return true;
    return false;
}

bool isFigure(const QTextBlock& block)
{
    for (auto it = block.begin(); !it.atEnd(); ++it)
        if (it.fragment().charFormat().isImageFormat() &&
            it.fragment().charFormat().toImageFormat().name().startsWith(kFigurePrefix))
            return true;
    return false;
}

// The blocks that start a page: each figure's (with its caption and how to read it, it fills most
// of a page) and the first heading's after the last figure (the tables').
std::set<int> figureBreaks(const QTextDocument& document)
{
    std::set<int> breaks;
    QTextBlock lastFigure;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
        if (isFigure(block)) {
            breaks.insert(block.blockNumber());
            lastFigure = block;
        }
    for (QTextBlock block = lastFigure.next(); lastFigure.isValid() && block.isValid(); block = block.next())
        if (block.blockFormat().headingLevel() > 0) {
            breaks.insert(block.blockNumber());
            break;
        }
    return breaks;
}

// The report laid out on pages of the given size, a page starting at each block of breaks. A new
// document each time: Qt lays a changed document out again only in part.
std::unique_ptr<QTextDocument> laidOut(const QString& html, FigureHandler* figures, QPaintDevice* device,
                                       const QSizeF& page, const std::set<int>& breaks)
{
    auto document = std::make_unique<QTextDocument>();
    document->documentLayout()->registerHandler(QTextFormat::ImageObject, figures);
    document->setDefaultFont(QFont(QStringLiteral("Sans Serif"), kTextPoints));
    document->setDocumentMargin(0);
    // Qt's own default breaks inside a word that does not fit its cell, "Experime" over "nt" and
    // "0.6" over "2"; at word boundaries only, the table widens that column instead.
    QTextOption wrapping = document->defaultTextOption();
    wrapping.setWrapMode(QTextOption::WordWrap);
    document->setDefaultTextOption(wrapping);
    document->setHtml(html);
    QTextBlockFormat pageBreak;
    pageBreak.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
    for (int number : breaks)
        QTextCursor(document->findBlockByNumber(number)).mergeBlockFormat(pageBreak);
    if (device)
        document->documentLayout()->setPaintDevice(device);
    document->setPageSize(page);
    document->pageCount(); // laid out to the end
    return document;
}

int pageOf(double y, double pageHeight)
{
    return static_cast<int>(std::floor(y / pageHeight));
}

// The first block of the heading and notes before a table that the layout leaves at the foot of a
// page while the table's first row starts the next; -1 when there is none.
int introductionLeftBehind(const QTextDocument& document)
{
    QAbstractTextDocumentLayout* layout = document.documentLayout();
    const double pageHeight = document.pageSize().height();
    QTextBlock introduction; // the first block since the last heading or table
    for (auto it = document.rootFrame()->begin(); !it.atEnd(); ++it) {
        if (auto* table = qobject_cast<QTextTable*>(it.currentFrame())) {
            const int firstRow = std::min(table->format().headerRowCount(), table->rows() - 1);
            const QTextBlock row = table->cellAt(firstRow, 0).firstCursorPosition().block();
            if (introduction.isValid() && row.isValid() &&
                introduction.blockFormat().pageBreakPolicy() == QTextFormat::PageBreak_Auto &&
                pageOf(layout->blockBoundingRect(introduction).top(), pageHeight) !=
                    pageOf(layout->blockBoundingRect(row).top(), pageHeight))
                return introduction.blockNumber();
            introduction = {};
            continue;
        }
        const QTextBlock block = it.currentBlock();
        if (!introduction.isValid() || block.blockFormat().headingLevel() > 0)
            introduction = block;
    }
    return -1;
}

} // namespace

QByteArray ReportPdfPrinter::print(const HtmlReport& report)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setCreator(QStringLiteral("Seedscape"));
    writer.setTitle(report.title);
    writer.setResolution(kDpi);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);

    FigureHandler figures(report.figures);
    // The page's printable area less a footer for the page number, in the writer's pixels.
    const QFontMetricsF footer(QFont(QStringLiteral("Sans Serif"), kTextPoints), &writer);
    const QSizeF page(writer.width(), writer.height() - 2 * footer.height());
    // Tables in the text's size, smaller (down to 5 pt) while one is too wide for the page: long
    // names or many digits.
    QString html;
    for (double points = kTextPoints; points >= kSmallestTablePoints; points -= 0.5) {
        html = printableHtml(report, points);
        if (!tableOverflows(*laidOut(html, &figures, &writer, page, {})))
            break;
    }
    std::set<int> breaks = figureBreaks(*laidOut(html, &figures, nullptr, page, {}));
    std::unique_ptr<QTextDocument> document = laidOut(html, &figures, &writer, page, breaks);
    for (int pass = 0; pass < 100; ++pass) { // each pass moves one introduction
        const int left = introductionLeftBehind(*document);
        if (left < 0 || !breaks.insert(left).second)
            break;
        document = laidOut(html, &figures, &writer, page, breaks);
    }

    QPainter painter;
    if (!painter.begin(&writer))
        throw StorageError(QStringLiteral("cannot start the PDF"));
    const int pages = document->pageCount();
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer.newPage();
        const QRectF shown(0, i * page.height(), page.width(), page.height());
        painter.save();
        painter.translate(0, -shown.top());
        painter.setClipRect(shown);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = shown;
        document->documentLayout()->draw(&painter, context);
        painter.restore();
        painter.setFont(document->defaultFont());
        painter.setPen(Qt::darkGray);
        painter.drawText(QRectF(0, page.height(), page.width(), 2 * footer.height()),
                         Qt::AlignRight | Qt::AlignBottom, QStringLiteral("%1 / %2").arg(i + 1).arg(pages));
    }
    painter.end();
    return buffer.data();
}

} // namespace seedscape

#include "reportpdfprinter.moc"
