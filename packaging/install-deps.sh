#!/usr/bin/env bash
# Installs everything Seedscape needs to build, run and test, from Debian 12's packages.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
    build-essential cmake ninja-build pkg-config \
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6 libgl-dev \
    qt6-qpa-plugins libqt6opengl6-dev \
    libtorch-dev \
    libopenblas0-openmp \
    libqcustomplot-dev \
    nlohmann-json3-dev \
    xvfb xauth imagemagick fonts-dejavu-core \
    librsvg2-bin poppler-utils chromium \
    clang-14 libclang-rt-14-dev \
    python3-torch python3-numpy python3-scipy \
    slurmctld slurmd slurm-client munge \
    help2man desktop-file-utils lintian
