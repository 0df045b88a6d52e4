#include "experimentwriter.h"

#include "common/atomicfile.h"
#include "experimentnames.h"

#include <nlohmann/json.hpp>

namespace seedscape {

namespace {

using ordered = nlohmann::ordered_json;

std::string str(const QString& s)
{
    return s.toStdString();
}

// Left out when empty, so files written before tags and notes existed stay byte for byte the same.
void writeNotes(const Experiment& e, ordered& root)
{
    if (!e.tags.isEmpty()) {
        ordered tags = ordered::array();
        for (const QString& tag : e.tags)
            tags.push_back(str(tag));
        root["tags"] = tags;
    }
    if (!e.notes.isEmpty())
        root["notes"] = str(e.notes);
}

} // namespace

QByteArray ExperimentWriter::toJson(const Experiment& e)
{
    ordered split = ordered::object();
    if (e.dataset.split.usesColumn()) {
        split["column"] = str(e.dataset.split.column);
    } else {
        split["validation"] = e.dataset.split.validation;
        split["test"] = e.dataset.split.test;
        split["seed"] = e.dataset.split.seed;
    }
    ordered vary = ordered::array();
    if (e.seeds.varyInit)
        vary.push_back("init");
    if (e.seeds.varyOrder)
        vary.push_back("order");
    if (e.seeds.varyDropout)
        vary.push_back("dropout");

    ordered root = ordered::object();
    root["format"] = Experiment::kFormat;
    root["name"] = str(e.name);
    root["dataset"] = {{"path", str(e.dataset.path)},
                       {"target", str(e.dataset.target)},
                       {"task", str(names::task(e.dataset.task))},
                       {"missing", str(names::missing(e.dataset.missing))},
                       {"split", split}};
    if (e.isCommand()) {
        // Training and the randomness sources belong to the user's program: neither is written.
        ordered command = ordered::array();
        for (const QString& argument : e.model.command.command)
            command.push_back(str(argument));
        root["model"] = {{"type", "command"},
                         {"command", command},
                         {"workdir", str(e.model.command.workdir)},
                         {"parallel", e.model.command.parallel},
                         {"timeout_minutes", e.model.command.timeoutMinutes}};
        // Written only when there is one, so that files (and fingerprints) without it stay as they were.
        if (!e.model.command.watch.isEmpty()) {
            ordered watch = ordered::array();
            for (const QString& path : e.model.command.watch)
                watch.push_back(str(path));
            root["model"]["watch"] = watch;
        }
        if (e.metric != Metric::Auto)
            root["metric"] = str(names::metric(e.metric));
        root["seeds"] = {{"count", e.seeds.count}, {"list", e.seeds.list}};
        writeNotes(e, root);
        return QByteArray::fromStdString(root.dump(2) + "\n");
    }
    root["model"] = {{"type", "mlp"},
                     {"hidden", e.model.hidden},
                     {"activation", str(names::activation(e.model.activation))},
                     {"dropout", e.model.dropout},
                     {"layer_norm", e.model.layerNorm}};
    root["training"] = {{"optimizer", str(names::optimizer(e.training.optimizer))},
                        {"lr", e.training.lr},
                        {"weight_decay", e.training.weightDecay},
                        {"momentum", e.training.momentum},
                        {"batch_size", e.training.batchSize},
                        {"epochs", e.training.epochs},
                        {"schedule", str(names::schedule(e.training.schedule))},
                        {"early_stopping_patience", e.training.earlyStoppingPatience}};
    if (e.metric != Metric::Auto) // left out, the metric follows the task
        root["metric"] = str(names::metric(e.metric));
    root["seeds"] = {{"count", e.seeds.count}, {"vary", vary}, {"list", e.seeds.list}};
    root["device"] = str(e.device.name());
    writeNotes(e, root);
    return QByteArray::fromStdString(root.dump(2) + "\n");
}

void ExperimentWriter::writeFile(const Experiment& experiment, const QString& path)
{
    AtomicFile::write(path, toJson(experiment));
}

} // namespace seedscape
