#!/bin/sh
# Trains the reference-field sequence model on the dev reference strings
# (../shared/datasets/dev/refstrings/*.jsonl) and writes src/refparse/model.bin,
# which is embedded in the binary. Deterministic: same data, same model.
set -e
cd "$(dirname "$0")/.."
cargo test --release --test refparse_train -- --ignored --nocapture
