#include "experimentlabels.h"

namespace seedscape {

ExperimentLabels ExperimentLabels::fromData(const PreparedData& data, Metric metric)
{
    ExperimentLabels labels;
    labels.task = data.dataset.task;
    labels.metric = metric;
    if (isClassification(data.dataset.task))
        labels.classNames = data.dataset.classNames;
    for (int row : data.split.validation)
        labels.validation.push_back(data.dataset.target[row]);
    for (int row : data.split.test)
        labels.test.push_back(data.dataset.target[row]);
    return labels;
}

} // namespace seedscape
