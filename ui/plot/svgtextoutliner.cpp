#include "svgtextoutliner.h"

#include <QFont>
#include <QPainterPath>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace seedscape {

namespace {

// Outlines are made at this pixel size and scaled down: glyph shapes at their design precision.
constexpr int kOutlinePixels = 256;

QString number(double v)
{
    QString s = QString::number(v, 'f', 2);
    while (s.endsWith(QLatin1Char('0')))
        s.chop(1);
    if (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

QString pathData(const QPainterPath& path)
{
    QString d;
    d.reserve(path.elementCount() * 14);
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        switch (e.type) {
        case QPainterPath::MoveToElement:
            d += QLatin1Char('M');
            break;
        case QPainterPath::LineToElement:
            d += QLatin1Char('L');
            break;
        case QPainterPath::CurveToElement:
            d += QLatin1Char('C');
            break;
        case QPainterPath::CurveToDataElement:
            d += QLatin1Char(' ');
            break;
        }
        d += number(e.x) + QLatin1Char(' ') + number(e.y);
    }
    return d;
}

QFont fontOf(const QXmlStreamAttributes& a)
{
    QFont font(a.hasAttribute(QLatin1String("font-family")) ? a.value(QLatin1String("font-family")).toString()
                                                            : QStringLiteral("Sans Serif"));
    font.setPixelSize(kOutlinePixels);
    const QStringView weight = a.value(QLatin1String("font-weight"));
    if (weight == QLatin1String("bold"))
        font.setWeight(QFont::Bold);
    else if (weight.toInt() > 0)
        font.setWeight(QFont::Weight(weight.toInt()));
    const QStringView style = a.value(QLatin1String("font-style"));
    font.setItalic(style == QLatin1String("italic") || style == QLatin1String("oblique"));
    return font;
}

// One run of text as a filled path at the run's baseline position.
void writeOutline(QXmlStreamWriter& out, const QXmlStreamAttributes& a, const QString& text)
{
    const double size =
        a.hasAttribute(QLatin1String("font-size")) ? a.value(QLatin1String("font-size")).toDouble() : 12.0;
    QPainterPath glyphs;
    glyphs.addText(0, 0, fontOf(a), text);
    QTransform place;
    place.translate(a.value(QLatin1String("x")).toDouble(), a.value(QLatin1String("y")).toDouble());
    place.scale(size / kOutlinePixels, size / kOutlinePixels);
    const QPainterPath path = place.map(glyphs);

    out.writeStartElement(QStringLiteral("path"));
    for (const char* copied : {"fill", "fill-opacity", "transform"})
        if (a.hasAttribute(QLatin1String(copied)))
            out.writeAttribute(QLatin1String(copied), a.value(QLatin1String(copied)).toString());
    out.writeAttribute(QStringLiteral("stroke"), QStringLiteral("none"));
    out.writeAttribute(QStringLiteral("fill-rule"), path.fillRule() == Qt::WindingFill
                                                        ? QStringLiteral("nonzero")
                                                        : QStringLiteral("evenodd"));
    out.writeAttribute(QStringLiteral("aria-label"), text);
    out.writeAttribute(QStringLiteral("d"), pathData(path));
    out.writeEndElement();
}

} // namespace

QByteArray SvgTextOutliner::outline(const QByteArray& svg)
{
    QXmlStreamReader in(svg);
    in.setNamespaceProcessing(false); // xmlns declarations pass through as plain attributes
    QByteArray result;
    QXmlStreamWriter out(&result);
    while (!in.atEnd()) {
        switch (in.readNext()) {
        case QXmlStreamReader::StartDocument:
            out.writeStartDocument(in.documentVersion().toString(), in.isStandaloneDocument());
            break;
        case QXmlStreamReader::EndDocument:
            out.writeEndDocument();
            break;
        case QXmlStreamReader::DTD:
            out.writeDTD(in.text().toString());
            break;
        case QXmlStreamReader::StartElement:
            if (in.qualifiedName() == QLatin1String("text")) {
                const QXmlStreamAttributes attributes = in.attributes();
                const QString text = in.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!text.isEmpty())
                    writeOutline(out, attributes, text);
                break;
            }
            out.writeStartElement(in.qualifiedName().toString());
            out.writeAttributes(in.attributes());
            break;
        case QXmlStreamReader::EndElement:
            out.writeEndElement();
            break;
        case QXmlStreamReader::Characters:
            if (in.isCDATA())
                out.writeCDATA(in.text().toString());
            else
                out.writeCharacters(in.text().toString());
            break;
        case QXmlStreamReader::Comment:
            out.writeComment(in.text().toString());
            break;
        case QXmlStreamReader::ProcessingInstruction:
            out.writeProcessingInstruction(in.processingInstructionTarget().toString(),
                                           in.processingInstructionData().toString());
            break;
        default:
            break;
        }
    }
    return in.hasError() ? svg : result;
}

} // namespace seedscape
