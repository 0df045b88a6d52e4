#!/usr/bin/env bash
# The GPU checks of issue #15 in one call on the lent GPU machine (PyTorch with CUDA, no Qt): builds
# core, the command line and the core tests against that machine's LibTorch, runs the tests labelled
# gpu and the core tests that take a GPU branch where there is one, then every other core test, then
# the GPU benchmark (tests/bench/bench_gpu.py) with a kernel profile where ncu is there. Everything
# it writes lands in $OUT: configure.log, build.log, gpu-tests.txt, gpu-tests-full.log,
# core-tests.txt, bench-gpu.txt, ncu-summary.txt. Seen on an H200 (2026-11-29): about 150 s for the
# build and tests and 200 s for the benchmark with --ncu 100, the machine's start not counted.
# Prepare here, in the project root:
#   bash ../shared/gpu/prepare.sh && cp ../shared/bench/reference_*.py .device-deps/
# then, on the device, with carry [".device-deps"]:
#   bash tests/bench/run_on_gpu.sh [bench_gpu.py arguments, e.g. --counts 16,256,1024 --ncu 200]
set -uo pipefail
out=${OUT:-/tmp}
# Here a GPU is the point: tst_cudaengine fails instead of skipping when it finds none.
export SEEDSCAPE_REQUIRE_GPU=1
# The command-experiment tests run Python programs that need numpy and torch: there, the python3 on PATH.
SEEDSCAPE_PYTHON=$(command -v python3)
export SEEDSCAPE_PYTHON
bash .device-deps/build.sh -R 'tst_cudaengine|tst_computedevice|tst_batchedseedtrainer|tst_resultstore' \
    --output-on-failure --timeout 150 > "$out/gpu-tests.txt" 2>&1
status=$?
tail -40 "$out/gpu-tests.txt"
cp /tmp/gpu-build/Testing/Temporary/LastTest.log "$out/gpu-tests-full.log" 2>/dev/null # every test's output
[ -x /tmp/gpu-build/app/seedscape-cli ] || exit 1
# build.sh unpacked Qt there; its export does not reach this script, and the programs need it.
export LD_LIBRARY_PATH=/opt/deb/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
# The other core tests, against this LibTorch with CUDA (device auto now finds a GPU).
(cd /tmp/gpu-build && ctest -L core -j12 --timeout 150 --output-on-failure \
    -E 'tst_cudaengine|tst_computedevice|tst_batchedseedtrainer|tst_resultstore') > "$out/core-tests.txt" 2>&1
core=$?
grep -E "tests passed|tests failed|\*\*\*|Failed|Timeout" "$out/core-tests.txt" | tail -15
[ $core -eq 0 ] || status=1
grep -q "LibTorch has CUDA" "$out/configure.log" || { echo "the build found no CUDA in LibTorch" >&2; exit 1; }
python3 tests/bench/bench_gpu.py --cli /tmp/gpu-build/app/seedscape-cli --reference-dir .device-deps "$@" \
    2>&1 | tee "$out/bench-gpu.txt"
exit $status
