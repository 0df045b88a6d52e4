#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace seedscape {

// A progress report a command experiment's program prints on stdout (or stderr):
//   @seedscape {"epoch": 3, "epochs": 20, "train_loss": 0.41, "val_score": 0.87, "test_score": 0.85}
// Every key is optional; others are ignored, so programs can add their own.
struct ProgressLine
{
    std::optional<int> epoch; // 1-based
    std::optional<int> epochs;
    std::optional<double> trainLoss;
    std::optional<double> validationScore;
    // Only shown (the window's cross for a training seed), never stored: a seed's scores are
    // Seedscape's own, from its predictions.
    std::optional<double> testScore;

    static constexpr const char* kPrefix = "@seedscape";

    static bool isProgressLine(const QByteArray& line);
    // Where the report in a line of output starts, or -1 when it has none: at the line's start; or,
    // followed by a JSON object, after a '\r' (a progress bar such as tqdm's redraws its line with
    // one), a space or a logging prefix ("INFO:root:", "[12:00:01]"), which are dropped.
    static qsizetype find(const QByteArray& line);
    // The report of a line that isProgressLine; nullopt and *problem when its JSON is not one.
    static std::optional<ProgressLine> parse(const QByteArray& line, QString* problem);
};

} // namespace seedscape
