#!/bin/sh
# Trains the reference-field sequence model on the dev data (refstrings and
# the papers' reference entries) and writes src/refparse/model.bin, which is
# embedded in the binary. Deterministic: same data and code, same model.
#   REFPARSE_CV=1 scripts/train-refparse.sh   cross-validation run (see
#   tests/integration/refparse_train.rs); retrain without it before committing.
set -e
cd "$(dirname "$0")/.."
cargo test --release --test integration refparse_train:: -- --ignored --nocapture 2>&1 | grep -v '^$'
