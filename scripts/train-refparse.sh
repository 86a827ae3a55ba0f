#!/bin/sh
# Trains the reference-field sequence model on the dev data (refstrings and
# the papers' reference entries, each weighted 4x) plus synthetic strings
# (their items rendered in 3 bundled CSL styles each, src/refparse/synth)
# and writes src/refparse/model.bin, which is embedded in the binary.
# Deterministic: same data and code, same model (about 7 minutes here).
#   REFPARSE_SYNTH=K          styles per item (0: no synthetic strings)
#   REFPARSE_REAL_WEIGHT=N    presentations of each real string per epoch
#   scripts/refparse-lofo.sh  leave-one-style-family-out evaluation
#   REFPARSE_CV=1 scripts/train-refparse.sh   cross-validation run (see
#   tests/integration/refparse_train.rs); retrain without it before committing.
set -e
cd "$(dirname "$0")/.."
cargo test --release --test integration refparse_train:: -- --ignored --nocapture 2>&1 | grep -v '^$'
