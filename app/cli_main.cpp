// seedscape-cli: the headless command line (INTERFACES.md). Links core only; needs no display.
// Exit codes: 0 success, 1 a user error (one line on stderr naming file, line and field),
// 2 an internal failure.
#include "common/inputerror.h"
#include "data/preparedata.h"
#include "experiment/experimentnames.h"
#include "experiment/experimentreader.h"
#include "store/atomicfile.h"
#include "store/sampleworkspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace {

using namespace seedscape;
using nlohmann::ordered_json;

constexpr int kExitUserError = 1;
constexpr int kExitInternal = 2;

const char* const kUsage = R"(Usage: seedscape-cli COMMAND [OPTIONS]

Commands:
  check EXPERIMENT.json          read an experiment and its data; print what Seedscape sees as JSON
  sample --workspace DIR         write the built-in sample datasets and example experiments to DIR

Options:
  -h, --help                     show this help
  --version                      show the version
)";

class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The value after `option` in args, or empty when the option is absent.
QString optionValue(const QStringList& args, const QString& option)
{
    const qsizetype i = args.indexOf(option);
    if (i < 0)
        return {};
    if (i + 1 >= args.size() || args[i + 1].startsWith(QStringLiteral("--")))
        throw UsageError(QStringLiteral("option %1 needs a value").arg(option).toStdString());
    return args[i + 1];
}

void rejectUnknownOptions(const QStringList& args, const QStringList& known)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (!args[i].startsWith(QStringLiteral("--")))
            continue;
        if (!known.contains(args[i]))
            throw UsageError(QStringLiteral("unknown option %1").arg(args[i]).toStdString());
        ++i; // every option takes a value
    }
}

ordered_json toJson(const QStringList& list)
{
    ordered_json a = ordered_json::array();
    for (const QString& s : list)
        a.push_back(s.toStdString());
    return a;
}

int checkCommand(const QStringList& args)
{
    rejectUnknownOptions(args, {});
    if (args.size() != 1)
        throw UsageError("check takes one experiment file");
    const QString file = args[0];
    const Experiment e = ExperimentReader::readFile(file);
    const QString dataPath = e.dataset.resolvedPath(QFileInfo(file).absolutePath());
    const PreparedData p = PreparedData::prepare(dataPath, e.dataset);
    const Dataset& d = p.dataset;
    ordered_json out = {
        {"name", e.name.toStdString()},
        {"dataset",
         {{"file", dataPath.toStdString()},
          {"rows", d.rowCount()},
          {"features", d.featureCount()},
          {"feature_names", toJson(d.featureNames)},
          {"target", d.targetName.toStdString()},
          {"task", names::task(d.task).toStdString()},
          {"classes", toJson(d.classNames)},
          {"split", {{"train", p.split.train.size()}, {"validation", p.split.validation.size()}, {"test", p.split.test.size()}}},
          {"dropped_rows", d.droppedRows},
          {"warnings", toJson(d.warnings)}}},
        {"metric", names::metric(effectiveMetric(e.metric, d.task)).toStdString()},
        {"higher_is_better", higherIsBetter(effectiveMetric(e.metric, d.task))},
    };
    std::cout << out.dump(2) << std::endl;
    return 0;
}

int sampleCommand(const QStringList& args)
{
    rejectUnknownOptions(args, {QStringLiteral("--workspace")});
    const QString folder = optionValue(args, QStringLiteral("--workspace"));
    if (folder.isEmpty() || args.size() != 2)
        throw UsageError("sample needs --workspace DIR");
    const int count = SampleWorkspace::create(folder);
    std::cerr << "sample workspace " << folder.toStdString() << ": " << count << " experiments" << std::endl;
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Seedscape"));
    QCoreApplication::setOrganizationName(QStringLiteral("Seedscape"));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args[0] == QLatin1String("-h") || args[0] == QLatin1String("--help") ||
        args[0] == QLatin1String("help")) {
        std::cout << kUsage;
        return args.isEmpty() ? kExitUserError : 0;
    }
    if (args[0] == QLatin1String("--version")) {
        std::cout << "seedscape-cli " << SEEDSCAPE_VERSION << std::endl;
        return 0;
    }
    const QString command = args.takeFirst();
    try {
        if (command == QLatin1String("check"))
            return checkCommand(args);
        if (command == QLatin1String("sample"))
            return sampleCommand(args);
        throw UsageError(QStringLiteral("unknown command '%1' (see seedscape-cli --help)").arg(command).toStdString());
    } catch (const UsageError& e) {
        std::cerr << "seedscape-cli: " << e.what() << std::endl;
        return kExitUserError;
    } catch (const InputError& e) {
        std::cerr << "seedscape-cli: " << e.message().toStdString() << std::endl;
        return kExitUserError;
    } catch (const StorageError& e) {
        std::cerr << "seedscape-cli: " << e.message().toStdString() << std::endl;
        return kExitUserError;
    } catch (const std::exception& e) {
        std::cerr << "seedscape-cli: internal error: " << e.what() << std::endl;
        return kExitInternal;
    }
}
