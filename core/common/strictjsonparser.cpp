#include "strictjsonparser.h"

#include "inputerror.h"
#include "textencoding.h"

#include <QRegularExpression>

#include <algorithm>
#include <iterator>
#include <vector>

namespace seedscape {

namespace {

using nlohmann::json;

// Reads bytes like a const char* and records how far the parser has read, so that events, which
// carry no position, can name their line.
class TrackingIterator
{
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    TrackingIterator(const char* at, const char** reached) : m_at(at), m_reached(reached) {}
    reference operator*() const { return *m_at; }
    TrackingIterator& operator++()
    {
        *m_reached = ++m_at;
        return *this;
    }
    TrackingIterator operator++(int)
    {
        TrackingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const TrackingIterator& other) const { return m_at == other.m_at; }
    bool operator!=(const TrackingIterator& other) const { return m_at != other.m_at; }

private:
    const char* m_at;
    const char** m_reached;
};

// Builds the document like nlohmann's own DOM parser, keeping the path of the value being read.
class StrictHandler : public nlohmann::json_sax<json>
{
public:
    StrictHandler(const QByteArray& text, const QString& file, const char** reached)
        : m_text(text), m_file(file), m_reached(reached)
    {
    }

    json take() { return std::move(m_root); }

    bool null() override { return add(nullptr); }
    bool boolean(bool v) override { return add(v); }
    bool number_integer(number_integer_t v) override { return add(v); }
    bool number_unsigned(number_unsigned_t v) override { return add(v); }
    bool number_float(number_float_t v, const string_t&) override { return add(v); }
    bool string(string_t& v) override { return add(v); }
    bool binary(binary_t& v) override { return add(json::binary(v)); }
    bool start_object(std::size_t) override { return open(json::object()); }
    bool start_array(std::size_t) override { return open(json::array()); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t& key) override
    {
        Frame& frame = m_frames.back();
        frame.key = key;
        if (frame.value->contains(key))
            throw InputError({m_file, lineAt(*m_reached - m_text.constData()), {}, path()},
                             QStringLiteral("the key \"%1\" appears twice in one object; keep one")
                                 .arg(InputError::excerpt(QString::fromStdString(key))));
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const json::exception& e) override
    {
        const int line = lineAt(static_cast<qsizetype>(position));
        if (e.id == 406) { // number overflow: the value about to be read is the one at fault
            nextElement();
            throw InputError({m_file, line, {}, path()},
                             QStringLiteral("the number is too large (beyond ±1.8e308)"));
        }
        throw InputError({m_file, line}, QStringLiteral("not valid JSON: %1")
                                             .arg(InputError::excerpt(StrictJsonParser::readable(e), 240)));
    }

private:
    struct Frame
    {
        json* value;
        std::string key; // in an object: the key being read
        int index = -1;  // in a list: the element being read
    };

    int lineAt(qsizetype byte) const
    {
        const qsizetype end = std::clamp<qsizetype>(byte, 0, m_text.size());
        return 1 + static_cast<int>(std::count(m_text.constBegin(), m_text.constBegin() + end, '\n'));
    }

    // "training.lr", "model.hidden[1]": where the value being read sits.
    QString path() const
    {
        QString p;
        for (const Frame& f : m_frames) {
            if (f.value->is_array()) {
                p += QStringLiteral("[%1]").arg(f.index);
            } else if (!f.key.empty()) {
                if (!p.isEmpty())
                    p += QLatin1Char('.');
                p += QString::fromStdString(f.key);
            }
        }
        return p;
    }

    void nextElement()
    {
        if (!m_frames.empty() && m_frames.back().value->is_array())
            ++m_frames.back().index;
    }

    json* place(json&& v)
    {
        if (m_frames.empty()) {
            m_root = std::move(v);
            return &m_root;
        }
        Frame& frame = m_frames.back();
        if (frame.value->is_array()) {
            frame.value->push_back(std::move(v));
            return &frame.value->back();
        }
        json& slot = (*frame.value)[frame.key];
        slot = std::move(v);
        return &slot;
    }

    bool add(json&& v)
    {
        nextElement();
        place(std::move(v));
        return true;
    }

    bool open(json&& container)
    {
        nextElement();
        m_frames.push_back({place(std::move(container))});
        return true;
    }

    bool close()
    {
        m_frames.pop_back();
        return true;
    }

    const QByteArray& m_text;
    const QString& m_file;
    const char** m_reached;
    json m_root;
    std::vector<Frame> m_frames;
};

} // namespace

json StrictJsonParser::parse(const QByteArray& text, const QString& file)
{
    TextEncoding::requireUtf8(text, file);
    const char* reached = text.constData();
    StrictHandler handler(text, file, &reached);
    json::sax_parse(TrackingIterator(text.constBegin(), &reached),
                    TrackingIterator(text.constEnd(), &reached), &handler);
    return handler.take();
}

QString StrictJsonParser::readable(const nlohmann::json::exception& e)
{
    QString what = QString::fromUtf8(e.what());
    what.remove(QRegularExpression(QStringLiteral("^\\[json\\.exception\\.[a-z_]+\\.\\d+\\] ")));
    return what;
}

} // namespace seedscape
