//! The feature table the decoder looks weights up in.

use super::L;

/// Open-addressing table from feature hash to quantised weights, built for
/// decoding and read straight from `model.bin` in one sequential pass.
///
/// A slot is one `u64`: the low half of the feature hash (with the low bit
/// set, so that 0 marks an empty slot) over the index of the feature's
/// weight row. A row holds the weights of all labels as `i16` (48 bytes),
/// so that a found feature costs one fetch and a few vector additions.
/// A feature's home slot is the top bits of its hash, so the file's
/// ascending feature order fills the slots front to back (linear probing)
/// and lays the rows out in slot order: loading costs no random memory
/// traffic, and neighbouring slots have neighbouring rows.
/// [`Model::decode`](super::Model::decode) looks the features of a whole
/// reference up in one pass with software prefetching, so that cache misses
/// overlap.
pub(super) struct Table {
    pub(super) slots: Vec<u64>,
    pub(super) rows: Vec<Row>,
    /// `64 - log2(slots.len())`: a hash shifted right by this is its home
    shift: u32,
    mask: usize,
    pub(super) scale: f32,
}

/// Row width: `L` rounded up to a multiple of 8.
pub(super) const W: usize = L.div_ceil(8) * 8;

/// The quantised weights of one feature, one per label (padding is 0).
#[derive(Clone, Copy)]
#[repr(align(16))]
pub(super) struct Row(pub(super) [i16; W]);

impl Default for Table {
    fn default() -> Table {
        Table::with_capacity(0, 1.0)
    }
}

/// The fingerprint half of a slot for feature `f`.
#[inline]
fn fingerprint(f: u64) -> u64 {
    (f & 0xFFFF_FFFF) | 1
}

/// Marks a feature that is not in the table.
pub(super) const ABSENT: u32 = u32::MAX;

/// Asks the CPU to fetch the cache line holding `x` (a hint; no effect on
/// results).
#[inline(always)]
pub(super) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: prefetching is a hint that never faults; the pointer comes
        // from a reference. SSE is part of the x86_64 baseline.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

impl Table {
    /// An empty table for `n` features (load at most two thirds).
    pub(super) fn with_capacity(n: usize, scale: f32) -> Table {
        let cap = (n + n / 2).next_power_of_two().max(16);
        Table {
            slots: vec![0; cap],
            rows: Vec::with_capacity(n),
            shift: 64 - cap.trailing_zeros(),
            mask: cap - 1,
            scale,
        }
    }

    #[inline]
    pub(super) fn home(&self, f: u64) -> usize {
        (f >> self.shift) as usize
    }

    /// Adds feature `f` with its `(label, quantised weight)` pairs; a
    /// feature already present keeps its first weights.
    pub(super) fn insert(&mut self, f: u64, weights: &[(u8, i16)]) {
        let fp = fingerprint(f);
        let mut i = self.home(f);
        while self.slots[i] != 0 {
            if self.slots[i] >> 32 == fp {
                return;
            }
            i = (i + 1) & self.mask;
        }
        let mut row = Row([0; W]);
        for &(l, w) in weights {
            if let Some(x) = row.0.get_mut(usize::from(l)) {
                *x = w;
            }
        }
        self.slots[i] = (fp << 32) | self.rows.len() as u64;
        self.rows.push(row);
    }

    /// The row index of feature `f`, or [`ABSENT`].
    #[inline]
    pub(super) fn find(&self, f: u64) -> u32 {
        let fp = fingerprint(f);
        let mut i = self.home(f);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return ABSENT;
            }
            if s >> 32 == fp {
                return s as u32;
            }
            i = (i + 1) & self.mask;
        }
    }
}
