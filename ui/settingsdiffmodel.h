#pragma once

#include "experiment/experimentsettingsdiff.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QPalette>

#include <vector>

namespace seedscape {

// The settings of the compared experiments, one row each: the setting's label (its file path as
// tooltip), then one column per experiment headed by its name. Rows whose values differ are bold
// on a faint highlight; "only differences" leaves the equal rows out.
class SettingsDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        PathRole = Qt::UserRole, // the setting's field path, e.g. "training.lr"
        DiffersRole,             // bool: the experiments do not all have the same value
    };
    static constexpr int kLabelColumn = 0;

    explicit SettingsDiffModel(QObject* parent = nullptr);

    void setExperiments(std::vector<Experiment> experiments);
    void setOnlyDifferences(bool only);
    bool onlyDifferences() const { return m_onlyDifferences; }
    // The differing rows take their background from this palette's highlight colour, faint, so
    // they read on light and dark palettes alike.
    void setPalette(const QPalette& palette);

    int settingCount() const { return static_cast<int>(m_diff.rows().size()); }
    int differingCount() const { return m_diff.differingCount(); }
    int experimentCount() const { return static_cast<int>(m_names.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuildShownRows();
    const SettingsDiffRow& rowAt(int row) const;

    ExperimentSettingsDiff m_diff;
    QStringList m_names;
    std::vector<int> m_shown; // indices into m_diff.rows(), in order
    bool m_onlyDifferences = true;
    QPalette m_palette;
};

} // namespace seedscape
