#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build: every fuzz target that runs without an agent, linked with
# $LIB_FUZZING_ENGINE and built with the infrastructure's $CC/$CXX/$CFLAGS/$CXXFLAGS (its sanitizer
# and coverage flags), into $OUT with its seed corpus, dictionary and data files.
project="$SRC/zmq-conformance"
# The base builder's CXXFLAGS ask for libc++; yaml-cpp and Boost.Filesystem come from the distro,
# built against libstdc++, so the project keeps libstdc++.
export CXXFLAGS="${CXXFLAGS//-stdlib=libc++/}"

# libzmq, static and instrumented with the same flags, for the in-process targets.
ZCONFORM_SKIP_SETUP=1 "$project/scripts/build-instrumented-libzmq" --out "$WORK/libzmq" "$SRC/libzmq"

cmake -S "$project" -B "$WORK/build" -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DZCONFORM_FUZZ=ON -DZCONFORM_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DZCONFORM_FUZZ_FLAGS_FROM_ENV=ON \
  -DZCONFORM_LIBZMQ_FUZZ_DIR="$WORK/libzmq" -DZCONFORM_BUILD_TESTS=OFF \
  -DZCONFORM_BUILD_LIBZMQ_AGENT=OFF -DZCONFORM_BUILD_JEROMQ_AGENT=OFF
targets=()
for source in "$project"/fuzz/*_fuzzer.cpp; do
  name="$(basename "$source" _fuzzer.cpp)"
  [[ "$name" == wire_agent ]] && continue  # drives a live agent: not for the fuzzing infrastructure
  targets+=("$name")
done
cmake --build "$WORK/build" --target "${targets[@]/%/_fuzzer}"

# The project files some parsers read (CLAUSES.md, pairings.yaml) go beside the binaries.
mkdir -p "$OUT/zconform-data/conformance"
cp -r "$project/conformance/spec" "$project/conformance/pairings.yaml" "$OUT/zconform-data/conformance/"
for name in "${targets[@]}"; do
  cp "$WORK/build/fuzz/${name}_fuzzer" "$OUT/"
  (cd "$project/corpus/$name" && zip -q -r "$OUT/${name}_fuzzer_seed_corpus.zip" .)
  [[ -f "$project/corpus/$name.dict" ]] && cp -L "$project/corpus/$name.dict" "$OUT/${name}_fuzzer.dict"
done
