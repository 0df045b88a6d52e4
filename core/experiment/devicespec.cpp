#include "devicespec.h"

#include <QRegularExpression>

namespace seedscape {

QString DeviceSpec::name() const
{
    switch (kind) {
    case Kind::Cpu:
        return QStringLiteral("cpu");
    case Kind::Auto:
        return QStringLiteral("auto");
    case Kind::Cuda:
        break;
    }
    return index < 0 ? QStringLiteral("cuda") : QStringLiteral("cuda:%1").arg(index);
}

std::optional<DeviceSpec> DeviceSpec::parse(const QString& word)
{
    if (word == QLatin1String("cpu"))
        return cpu();
    if (word == QLatin1String("auto"))
        return automatic();
    if (word == QLatin1String("cuda"))
        return cuda();
    // "cuda:N" with N a plain number, as PyTorch writes it (no sign, no spaces, at most 2 digits).
    static const QRegularExpression numbered(QStringLiteral("^cuda:(0|[1-9][0-9]?)$"));
    if (const auto m = numbered.match(word); m.hasMatch())
        return cuda(m.captured(1).toInt());
    return std::nullopt;
}

QStringList DeviceSpec::words()
{
    return {QStringLiteral("cpu"), QStringLiteral("cuda"), QStringLiteral("cuda:N"), QStringLiteral("auto")};
}

} // namespace seedscape
