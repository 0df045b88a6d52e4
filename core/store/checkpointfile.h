#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace seedscape {

// results/NAME/checkpoints/FIRSTSEED.ckpt: the saved state of a running job (one seed, or a
// batched group), so that a killed sweep resumes it instead of starting again. Written atomically
// (at most once a minute by the sweep), removed once its seeds are stored. A header line (JSON:
// engine, fingerprint, seeds, epoch, size and hash of the state) is followed by the engine's state.
struct CheckpointFile
{
    QString engine;
    QString fingerprint; // of the experiment definition it was trained with
    std::vector<quint64> seeds;
    int epoch = 0; // the last epoch the state has finished
    QByteArray state;

    static QString folder(const QString& resultsFolder);
    static QString path(const QString& resultsFolder, quint64 firstSeed);

    void write(const QString& resultsFolder) const; // atomic; throws StorageError
    // Every checkpoint that reads back whole; damaged ones are named in problems ("FILE: why") and
    // skipped, their paths in damagedFiles.
    static std::vector<CheckpointFile> readAll(const QString& resultsFolder, QStringList* problems = nullptr,
                                               QStringList* damagedFiles = nullptr);
    // Deletes the checkpoints that were read whole but are damaged (nothing can resume from them:
    // their seeds start over) and says which, "FILE: why", so that none lingers unexplained. One
    // that cannot be opened now, or of another Seedscape version, is left alone.
    static QStringList removeDamaged(const QString& resultsFolder);
    // Deletes the temporary files of checkpoint saves a killed process left (AtomicFile's hidden
    // ".NAME…tmp"): only while holding the experiment's lock, when no save can be under way.
    static void removeLeftovers(const QString& resultsFolder);
    static void remove(const QString& resultsFolder, quint64 firstSeed);
    // How many checkpoint files the folder holds, without reading them (a cheap look, for the window).
    static int count(const QString& resultsFolder);
};

} // namespace seedscape
