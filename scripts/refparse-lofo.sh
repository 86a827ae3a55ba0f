#!/bin/sh
# Leave-one-style-family-out evaluation of the reference-field model: for
# each family of bundled CSL styles (APA-like, Vancouver-like, GB/T 7714,
# Chicago author-date, Nature-like, IEEE-like, other), trains without that
# family's synthetic renders (and without every fifth real string and every
# second paper, whose items are never rendered into training), then scores
# renders of the held-out items in the left-out family's styles. Prints one
# line per family; the model of each run goes to /tmp, not into the tree.
#   scripts/refparse-lofo.sh [FAMILY...]
set -e
cd "$(dirname "$0")/.."
families=${*:-"apa vancouver gb-t-7714 chicago-author-date nature ieee other"}
cargo test --release --test integration --no-run 2>&1 | grep -v '^$' | tail -1
for f in $families; do
    REFPARSE_LOFO=$f REFPARSE_OUT=/tmp/refparse-lofo-$f.bin \
        cargo test --release --test integration refparse_train::train_model -- --ignored --nocapture 2>&1 |
        grep 'family left out' || echo "  $f: no result"
done
