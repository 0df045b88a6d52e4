#pragma once

#include "train/seedresult.h"

#include <QAbstractTableModel>

#include <vector>

namespace seedscape {

// The stored seeds of one experiment, one row each: seed, status, scores, the epoch used ("34 of
// 60": whose weights gave the scores, of the epochs run), epochs, time, engine and, for a failed
// seed, why (its tooltip adds a command seed's last stderr lines).
class SeedTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Seed,
        Status,
        Validation,
        Test,
        EpochUsed, // the epoch whose weights gave the scores; "—" for a command seed
        Epochs,
        Seconds,
        Engine,
        Reason,
        ColumnCount
    };

    explicit SeedTableModel(QObject* parent = nullptr);

    void setSeeds(const QString& experiment, std::vector<SeedResult> seeds);
    const QString& experiment() const { return m_experiment; }
    int rowOf(quint64 seed) const; // -1 when absent
    const SeedResult& seedAt(int row) const { return m_seeds[static_cast<size_t>(row)]; }
    // The lines of stderr a tooltip shows: the last few, the seed's detail area shows all it kept.
    static constexpr int kToolTipStderrLines = 8;
    // The Epoch used column's header tooltip (and a built-in seed's cell tooltip).
    static QString epochUsedExplanation();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static bool hasEpochUsed(const SeedResult& s);
    static QString epochUsedToolTip(const SeedResult& s);

    QString m_experiment;
    std::vector<SeedResult> m_seeds;
};

} // namespace seedscape
