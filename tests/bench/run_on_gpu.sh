#!/usr/bin/env bash
# The GPU checks of issue #15 in one call on the lent GPU machine (PyTorch with CUDA, no Qt): builds
# core, the command line and the core tests against that machine's LibTorch, runs the tests labelled
# gpu and the core tests that take a GPU branch where there is one, then the GPU benchmark
# (tests/bench/bench_gpu.py) with a kernel profile where ncu is there.
# Prepare here, in the project root:
#   bash ../shared/gpu/prepare.sh && cp ../shared/bench/reference_*.py .device-deps/
# then, on the device, with carry [".device-deps"]:
#   bash tests/bench/run_on_gpu.sh [bench_gpu.py arguments, e.g. --counts 16,256,1024 --ncu 200]
set -uo pipefail
out=${OUT:-/tmp}
# Here a GPU is the point: tst_cudaengine fails instead of skipping when it finds none.
export SEEDSCAPE_REQUIRE_GPU=1
bash .device-deps/build.sh -R 'tst_cudaengine|tst_computedevice|tst_batchedseedtrainer|tst_resultstore' \
    --output-on-failure > "$out/gpu-tests.txt" 2>&1
status=$?
tail -40 "$out/gpu-tests.txt"
cp /tmp/gpu-build/Testing/Temporary/LastTest.log "$out/gpu-tests-full.log" 2>/dev/null # every test's output
[ -x /tmp/gpu-build/app/seedscape-cli ] || exit 1
grep -q "LibTorch has CUDA" "$out/configure.log" || { echo "the build found no CUDA in LibTorch" >&2; exit 1; }
python3 tests/bench/bench_gpu.py --cli /tmp/gpu-build/app/seedscape-cli --reference-dir .device-deps "$@" \
    2>&1 | tee "$out/bench-gpu.txt"
exit $status
