#pragma once

#include "slurm/slurmjob.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace seedscape {

class SlurmController;

// Run → Submit to Slurm…: how many seeds the experiment should have and what to ask Slurm for
// (seedscape-cli submit's options), remembered per workspace. Submit hands the work to the
// SlurmController (sbatch runs off the GUI thread); the dialog closes once the job is in the queue
// and stays open with the one-line reason when it is not.
class SlurmSubmitDialog : public QDialog
{
    Q_OBJECT

public:
    SlurmSubmitDialog(SlurmController* slurm, const QString& experiment, int seeds,
                      QWidget* parent = nullptr);

    QString experiment() const { return m_experiment; }
    int seeds() const;
    void setSeeds(int seeds);
    SlurmOptions options() const;
    void setOptions(const SlurmOptions& options);
    // The partitions offered (the first entry, "", is the cluster's default).
    QStringList offeredPartitions() const;
    // What the dialog says under the form: submitting, or why the submission failed.
    QString note() const;

    // Remembers the options for the workspace and submits; false when a submission is under way.
    bool submit();

    // The options last submitted in a workspace (QSettings).
    static SlurmOptions remembered(const QString& workspaceFolder);
    static void remember(const QString& workspaceFolder, const SlurmOptions& options);

private:
    void showPartitions(const QStringList& partitions, const QString& problem);
    void choosePartition(const QString& partition);
    void setNote(const QString& text, bool problem);

    SlurmController* m_slurm;
    QString m_experiment;
    QSpinBox* m_seeds;
    QComboBox* m_partition;
    QLineEdit* m_time;
    QSpinBox* m_cpus;
    QSpinBox* m_gpus;
    QSpinBox* m_maxParallel;
    QSpinBox* m_seedsPerTask;
    QLineEdit* m_sbatchArgs;
    QLabel* m_note;
    QPushButton* m_submit;
    bool m_waiting = false; // for this dialog's submission
};

} // namespace seedscape
