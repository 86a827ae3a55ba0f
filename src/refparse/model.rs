//! The sequence labeller: a first-order linear-chain model over tokens
//! (the same family as a CRF), trained as an averaged structured perceptron
//! (or, selectable, as a CRF by [`crf`](super::crf)) and decoded with
//! Viterbi. Besides the plain label-to-label transitions,
//! a transition also scores by the kind of boundary it crosses
//! ([`features::boundary_class`](super::features::boundary_class): "after a
//! full stop, before a capitalised word" …), so that where a field may end
//! is learnt per boundary kind and not only per token.
//!
//! The trained weights ship inside the binary (`model.bin`, read once through
//! a `LazyLock`). File layout, all little-endian:
//!
//! ```text
//! "RPM2"  u32 label_count  f32 scale
//! (label_count + 1) * label_count  i16   transitions (last row: start)
//! u32 class_count, class_count * (label_count + 1) * label_count  i16
//!                                        transitions per boundary class
//! u32 row_count, then per row: u64 feature, u8 n, n * (u8 label, i16 weight)
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::features::CLASSES;

/// The labels, in model order.
pub const LABELS: [&str; 23] = [
    "other",
    "author",
    "editor",
    "translator",
    "title",
    "container",
    "collection",
    "date",
    "volume",
    "issue",
    "pages",
    "publisher",
    "location",
    "institution",
    "edition",
    "genre",
    "doi",
    "url",
    "isbn",
    "arxiv",
    "identifier",
    "note",
    "citation_number",
];
/// Number of labels.
pub const L: usize = LABELS.len();

/// Index of a label name; unknown names map to `other` (0).
pub fn label_index(name: &str) -> u8 {
    let name = match name {
        "pubplace" => "location",
        "notes" | "medium" => "note",
        "page" => "pages",
        n => n,
    };
    LABELS.iter().position(|&l| l == name).unwrap_or(0) as u8
}

/// Hasher for keys that are already good 64-bit hashes.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Trained weights.
pub struct Model {
    /// `(L + 1) * L` transition scores; row `L` is the start state.
    trans: Vec<f32>,
    /// `CLASSES * (L + 1) * L` transition scores per boundary class
    ctrans: Vec<f32>,
    /// feature → (first entry, entry count) in `entries`
    rows: IdMap<(u32, u8)>,
    entries: Vec<(u8, f32)>,
    /// the lookup structure `emit` uses (see [`Table`])
    table: Table,
}

/// Open-addressing table from feature hash to quantised weights, built for
/// decoding. A slot is one `u64`: the high half of the feature hash (with
/// the low bit set, so that 0 marks an empty slot) over the index of the
/// feature's weight row. A row holds the weights of all labels as `i16`
/// (48 bytes), so that a found feature costs one fetch and a few vector
/// additions. [`Model::decode`] looks the features of a whole reference up
/// in one pass with software prefetching, so that cache misses overlap.
struct Table {
    slots: Vec<u64>,
    rows: Vec<Row>,
    mask: usize,
    scale: f32,
}

/// Row width: `L` rounded up to a multiple of 8.
const W: usize = L.div_ceil(8) * 8;

/// The quantised weights of one feature, one per label (padding is 0).
#[derive(Clone, Copy)]
#[repr(align(16))]
struct Row([i16; W]);

impl Default for Table {
    fn default() -> Table {
        Table {
            slots: vec![0],
            rows: Vec::new(),
            mask: 0,
            scale: 1.0,
        }
    }
}

/// The fingerprint half of a slot for feature `f`.
#[inline]
fn fingerprint(f: u64) -> u64 {
    (f >> 32) | 1
}

/// Marks a feature that is not in the table.
const ABSENT: u32 = u32::MAX;

/// Asks the CPU to fetch the cache line holding `x` (a hint; no effect on
/// results).
#[inline(always)]
fn prefetch<T>(x: &T) {
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
    fn build(rows: &IdMap<(u32, u8)>, entries: &[(u8, f32)]) -> Table {
        let mut keys: Vec<(u64, (u32, u8))> = rows.iter().map(|(&k, &r)| (k, r)).collect();
        // keys are unique: an unstable sort gives the one order
        keys.sort_unstable_by_key(|&(k, _)| k);
        Table::build_sorted(&keys, entries)
    }

    /// [`Table::build`] from `(feature, (first entry, count))` pairs in
    /// ascending feature order (the order of `model.bin`).
    fn build_sorted(keys: &[(u64, (u32, u8))], entries: &[(u8, f32)]) -> Table {
        let max = entries.iter().fold(0f32, |m, e| m.max(e.1.abs()));
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let cap = (keys.len() + keys.len() / 2).next_power_of_two().max(16);
        let mut slots = vec![0u64; cap];
        // place the keys first, then lay the rows out in slot order so that
        // neighbouring slots have neighbouring rows
        let mut placed: Vec<Option<(u32, u8)>> = vec![None; cap];
        for &(k, r) in keys {
            let mut i = (k as usize) & (cap - 1);
            while slots[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = fingerprint(k) << 32;
            placed[i] = Some(r);
        }
        let mut out = Vec::with_capacity(keys.len());
        for (slot, r) in slots.iter_mut().zip(&placed) {
            let Some((s, n)) = *r else { continue };
            let mut row = Row([0; W]);
            for &(l, w) in &entries[s as usize..s as usize + usize::from(n)] {
                if let Some(x) = row.0.get_mut(usize::from(l)) {
                    *x = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
            }
            *slot |= out.len() as u64;
            out.push(row);
        }
        Table {
            slots,
            rows: out,
            mask: cap - 1,
            scale,
        }
    }

    /// The row index of feature `f`, or [`ABSENT`].
    #[inline]
    fn find(&self, f: u64) -> u32 {
        let fp = fingerprint(f);
        let mut i = (f as usize) & self.mask;
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

/// Buffers [`Model::decode`] reuses between calls on one thread.
#[derive(Default)]
struct DecodeScratch {
    found: Vec<u32>,
    em: Vec<[f32; L]>,
    back: Vec<[u8; L]>,
}

thread_local! {
    static DECODE: std::cell::RefCell<DecodeScratch> =
        std::cell::RefCell::new(DecodeScratch::default());
}

static EMBEDDED: &[u8] = include_bytes!("model.bin");

/// The model shipped in the binary.
pub static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::from_bytes(EMBEDDED).unwrap_or_else(Model::empty));

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}
impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let s = self.b.get(self.p..self.p + N)?;
        self.p += N;
        s.try_into().ok()
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take::<1>()?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take()?))
    }
    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take()?))
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take()?))
    }
}

impl Model {
    /// A model with no weights (everything scores zero).
    pub fn empty() -> Model {
        Model {
            trans: vec![0.0; (L + 1) * L],
            ctrans: vec![0.0; CLASSES * (L + 1) * L],
            rows: IdMap::default(),
            entries: Vec::new(),
            table: Table::default(),
        }
    }

    /// Reads the binary format described in the module docs.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let mut r = Reader { b, p: 0 };
        if r.take::<4>()? != *b"RPM2" || r.u32()? as usize != L {
            return None;
        }
        let scale = r.f32()?;
        let mut trans = Vec::with_capacity((L + 1) * L);
        for _ in 0..(L + 1) * L {
            trans.push(f32::from(r.i16()?) * scale);
        }
        if r.u32()? as usize != CLASSES {
            return None;
        }
        let mut ctrans = Vec::with_capacity(CLASSES * (L + 1) * L);
        for _ in 0..CLASSES * (L + 1) * L {
            ctrans.push(f32::from(r.i16()?) * scale);
        }
        let n = r.u32()? as usize;
        let mut rows = IdMap::with_capacity_and_hasher(n, Default::default());
        let mut entries = Vec::with_capacity(n * 3);
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            let f = r.u64()?;
            let k = r.u8()?;
            rows.insert(f, (entries.len() as u32, k));
            keys.push((f, (entries.len() as u32, k)));
            for _ in 0..k {
                let l = r.u8()?;
                let w = r.i16()?;
                if usize::from(l) < L {
                    entries.push((l, f32::from(w) * scale));
                }
            }
        }
        // `to_bytes` writes the features in ascending order
        if !keys.is_sorted_by_key(|&(f, _)| f) {
            keys.sort_unstable_by_key(|&(f, _)| f);
        }
        keys.dedup_by_key(|&mut (f, _)| f);
        let table = Table::build_sorted(&keys, &entries);
        Some(Model {
            trans,
            ctrans,
            rows,
            entries,
            table,
        })
    }

    /// Writes the binary format, quantising weights to i16.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .trans
            .iter()
            .chain(&self.ctrans)
            .chain(self.entries.iter().map(|e| &e.1))
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut out = Vec::new();
        out.extend_from_slice(b"RPM2");
        out.extend_from_slice(&(L as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for &t in &self.trans {
            out.extend_from_slice(&q(t).to_le_bytes());
        }
        out.extend_from_slice(&(CLASSES as u32).to_le_bytes());
        for &t in &self.ctrans {
            out.extend_from_slice(&q(t).to_le_bytes());
        }
        let mut keys: Vec<_> = self.rows.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for (k, &(s, n)) in keys {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(n);
            for &(l, w) in &self.entries[s as usize..s as usize + usize::from(n)] {
                out.push(l);
                out.extend_from_slice(&q(w).to_le_bytes());
            }
        }
        out
    }

    /// The emission scores of every token (`em[i][label]`), looking all
    /// features up in one pass: slots are prefetched a few features ahead
    /// and the weights of each found feature as soon as its slot is read.
    fn emissions(&self, feats: &[u64], offsets: &[usize], s: &mut DecodeScratch) {
        const AHEAD: usize = 12;
        let t = &self.table;
        s.found.clear();
        for &f in feats.iter().take(AHEAD) {
            prefetch(&t.slots[(f as usize) & t.mask]);
        }
        for (j, &f) in feats.iter().enumerate() {
            if let Some(&g) = feats.get(j + AHEAD) {
                prefetch(&t.slots[(g as usize) & t.mask]);
            }
            let r = t.find(f);
            if let Some(row) = t.rows.get(r as usize) {
                prefetch(&row.0[0]);
                prefetch(&row.0[W - 1]);
            }
            s.found.push(r);
        }
        let n = offsets.len().saturating_sub(1);
        s.em.clear();
        for i in 0..n {
            let mut acc = [0i32; W];
            for &r in s.found.get(offsets[i]..offsets[i + 1]).unwrap_or(&[]) {
                if let Some(row) = t.rows.get(r as usize) {
                    for (a, &w) in acc.iter_mut().zip(&row.0) {
                        *a += i32::from(w);
                    }
                }
            }
            let mut em = [0f32; L];
            for (e, a) in em.iter_mut().zip(acc) {
                *e = a as f32 * t.scale;
            }
            s.em.push(em);
        }
    }

    /// The best label sequence for the features of each token
    /// (`feats[offsets[i]..offsets[i+1]]`) and the boundary class in front
    /// of each (`classes[i]`). The tokens in `fixed` get the given label
    /// (marks whose meaning is certain but too rare to be learnt), and the
    /// rest of the sequence is decoded around them.
    pub fn decode(
        &self,
        feats: &[u64],
        offsets: &[usize],
        classes: &[u8],
        fixed: &[(usize, u8)],
        out: &mut Vec<u8>,
    ) {
        DECODE.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.decode_with(feats, offsets, classes, fixed, out, &mut s),
            Err(_) => self.decode_with(
                feats,
                offsets,
                classes,
                fixed,
                out,
                &mut DecodeScratch::default(),
            ),
        });
    }

    /// The class-conditioned transition row from `prev` (`L`: start) in
    /// front of token `i`.
    #[inline]
    fn crow(&self, classes: &[u8], i: usize, prev: usize) -> [f32; L] {
        let c = classes
            .get(i)
            .map_or(0, |&c| usize::from(c).min(CLASSES - 1));
        let at = (c * (L + 1) + prev) * L;
        let mut row = [0f32; L];
        if let Some(r) = self.ctrans.get(at..at + L) {
            row.copy_from_slice(r);
        }
        row
    }

    fn decode_with(
        &self,
        feats: &[u64],
        offsets: &[usize],
        classes: &[u8],
        fixed: &[(usize, u8)],
        out: &mut Vec<u8>,
        s: &mut DecodeScratch,
    ) {
        let n = offsets.len().saturating_sub(1);
        out.clear();
        if n == 0 {
            return;
        }
        self.emissions(feats, offsets, s);
        for &(i, l) in fixed {
            if let Some(e) = s.em.get_mut(i) {
                for (k, x) in e.iter_mut().enumerate() {
                    if k != usize::from(l) {
                        *x -= 1.0e6;
                    }
                }
            }
        }
        s.back.clear();
        s.back.resize(n, [0; L]);
        let mut prev = [0f32; L];
        let c0 = self.crow(classes, 0, L);
        for (l, p) in prev.iter_mut().enumerate() {
            *p = self.trans[L * L + l] + c0[l] + s.em[0][l];
        }
        for i in 1..n {
            // previous label outermost, so that the inner loop over the
            // current label vectorises; ties keep the lowest previous label
            let mut best = [f32::NEG_INFINITY; L];
            let mut arg = [0u8; L];
            for (p, &ps) in prev.iter().enumerate() {
                let mut row = self.crow(classes, i, p);
                for (r, &t) in row.iter_mut().zip(&self.trans[p * L..p * L + L]) {
                    *r += t;
                }
                for l in 0..L {
                    let v = ps + row[l];
                    if v > best[l] {
                        best[l] = v;
                        arg[l] = p as u8;
                    }
                }
            }
            for l in 0..L {
                prev[l] = best[l] + s.em[i][l];
            }
            s.back[i] = arg;
        }
        let mut last = (0..L)
            .max_by(|&a, &b| prev[a].total_cmp(&prev[b]))
            .unwrap_or(0);
        out.resize(n, 0);
        for i in (0..n).rev() {
            out[i] = last as u8;
            last = usize::from(s.back[i][last]);
        }
    }
}

/// One training sequence: the features of each token and the gold labels.
#[derive(Clone)]
pub struct Example {
    pub feats: Vec<u64>,
    pub offsets: Vec<usize>,
    /// the boundary class in front of each token
    pub classes: Vec<u8>,
    pub labels: Vec<u8>,
}

/// Trained weights before pruning and quantisation: one row of `L` weights
/// per feature of `keys` (ascending), and the two transition tables in the
/// layout of [`Model`]. Both trainers produce this; [`Dense::to_model`]
/// turns it into the decoding model.
pub struct Dense {
    /// the features, ascending; feature `keys[i]` has weights
    /// `w[i * L..(i + 1) * L]`
    pub keys: Vec<u64>,
    pub w: Vec<f32>,
    /// `(L + 1) * L`, last row: start
    pub trans: Vec<f32>,
    /// `CLASSES * (L + 1) * L`
    pub ctrans: Vec<f32>,
}

impl Dense {
    /// The decoding model: feature weights whose magnitude is at most
    /// `max(prune * largest, floor)` are dropped (they hardly change a
    /// decision, and a smaller table stays in the CPU cache), and so are
    /// features left without weights.
    pub fn to_model(&self, prune: f32, floor: f32) -> Model {
        let max = self.w.iter().fold(0f32, |m, x| m.max(x.abs()));
        let cut = (max * prune).max(floor);
        let mut rows = IdMap::default();
        let mut entries = Vec::new();
        for (k, ws) in self.keys.iter().zip(self.w.chunks_exact(L)) {
            let start = entries.len();
            for (l, &x) in ws.iter().enumerate() {
                if x.abs() > cut {
                    entries.push((l as u8, x));
                }
            }
            let n = entries.len() - start;
            if n > 0 {
                rows.insert(*k, (start as u32, n as u8));
            }
        }
        let table = Table::build(&rows, &entries);
        Model {
            trans: self.trans.clone(),
            ctrans: self.ctrans.clone(),
            rows,
            entries,
            table,
        }
    }
}

/// The features seen at least `min_count` times in `examples`, ascending.
pub fn feature_keys(examples: &[Example], min_count: u32) -> Vec<u64> {
    let mut counts: IdMap<u32> = IdMap::default();
    for e in examples {
        for f in &e.feats {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    keys
}

/// The row index of every feature of every example (`None`: a feature not
/// in `keys`, which must be ascending).
pub fn feature_rows(examples: &[Example], keys: &[u64]) -> Vec<Vec<Option<u32>>> {
    let index: IdMap<u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    examples
        .iter()
        .map(|e| e.feats.iter().map(|f| index.get(f).copied()).collect())
        .collect()
}

/// Trains an averaged structured perceptron. Deterministic: the example
/// order of each epoch comes from a fixed-seed generator. Features seen
/// fewer than `min_count` times are dropped, and so are averaged weights
/// smaller than `prune` times the largest (or than 0.001).
pub fn train(examples: &[Example], epochs: usize, min_count: u32, prune: f32) -> Model {
    train_perceptron(examples, epochs, min_count).to_model(prune, 1e-3)
}

/// The averaged perceptron weights of [`train`], before pruning.
pub fn train_perceptron(examples: &[Example], epochs: usize, min_count: u32) -> Dense {
    train_perceptron_on(examples, epochs, feature_keys(examples, min_count))
}

/// [`train_perceptron`] with the feature set given (`keys` ascending): when
/// examples repeat (a real string weighted, an item rendered in several
/// styles), the features are counted on the distinct ones.
pub fn train_perceptron_on(examples: &[Example], epochs: usize, keys: Vec<u64>) -> Dense {
    let nf = keys.len();
    let mut w = vec![0f32; nf * L];
    let mut u = vec![0f32; nf * L];
    let mut tw = vec![0f32; (L + 1) * L];
    let mut tu = vec![0f32; (L + 1) * L];
    let mut cw = vec![0f32; CLASSES * (L + 1) * L];
    let mut cu = vec![0f32; CLASSES * (L + 1) * L];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x5eed_1234_abcd_0001;
    let mut pred = Vec::new();
    // map every example's features to row indices once
    let rows = feature_rows(examples, &keys);
    for _epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let j = (seed >> 33) as usize % (i + 1);
            order.swap(i, j);
        }
        for &k in &order {
            let e = &examples[k];
            decode_dense(&tw, &cw, &w, &rows[k], &e.offsets, &e.classes, &mut pred);
            if pred != e.labels {
                for (i, (&g, &p)) in e.labels.iter().zip(pred.iter()).enumerate() {
                    let (g, p) = (usize::from(g), usize::from(p));
                    if g != p {
                        for r in rows[k][e.offsets[i]..e.offsets[i + 1]].iter().flatten() {
                            let r = *r as usize;
                            w[r * L + g] += 1.0;
                            u[r * L + g] += c;
                            w[r * L + p] -= 1.0;
                            u[r * L + p] -= c;
                        }
                    }
                    let gp = if i == 0 {
                        L
                    } else {
                        usize::from(e.labels[i - 1])
                    };
                    let pp = if i == 0 { L } else { usize::from(pred[i - 1]) };
                    if g != p || gp != pp {
                        tw[gp * L + g] += 1.0;
                        tu[gp * L + g] += c;
                        tw[pp * L + p] -= 1.0;
                        tu[pp * L + p] -= c;
                        let cl = usize::from(e.classes[i]).min(CLASSES - 1) * (L + 1);
                        cw[(cl + gp) * L + g] += 1.0;
                        cu[(cl + gp) * L + g] += c;
                        cw[(cl + pp) * L + p] -= 1.0;
                        cu[(cl + pp) * L + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    // average
    let avg =
        |w: &[f32], u: &[f32]| -> Vec<f32> { w.iter().zip(u).map(|(w, u)| w - u / c).collect() };
    Dense {
        w: avg(&w, &u),
        trans: avg(&tw, &tu),
        ctrans: avg(&cw, &cu),
        keys,
    }
}

/// Viterbi over dense training weights.
fn decode_dense(
    trans: &[f32],
    ctrans: &[f32],
    w: &[f32],
    rows: &[Option<u32>],
    offsets: &[usize],
    classes: &[u8],
    out: &mut Vec<u8>,
) {
    let crow = |i: usize, prev: usize| -> &[f32] {
        let c = classes
            .get(i)
            .map_or(0, |&c| usize::from(c).min(CLASSES - 1));
        let at = (c * (L + 1) + prev) * L;
        &ctrans[at..at + L]
    };
    let n = offsets.len().saturating_sub(1);
    out.clear();
    if n == 0 {
        return;
    }
    let emit = |i: usize| -> [f32; L] {
        let mut s = [0f32; L];
        for r in rows[offsets[i]..offsets[i + 1]].iter().flatten() {
            let r = *r as usize;
            for l in 0..L {
                s[l] += w[r * L + l];
            }
        }
        s
    };
    let mut back = vec![0u8; n * L];
    let em = emit(0);
    let mut prev = [0f32; L];
    let c0 = crow(0, L);
    for l in 0..L {
        prev[l] = trans[L * L + l] + c0[l] + em[l];
    }
    for i in 1..n {
        let em = emit(i);
        let mut cur = [0f32; L];
        for l in 0..L {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for (p, &ps) in prev.iter().enumerate() {
                let s = ps + trans[p * L + l] + crow(i, p)[l];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            cur[l] = best + em[l];
            back[i * L + l] = arg as u8;
        }
        prev = cur;
    }
    let mut last = (0..L)
        .max_by(|&a, &b| prev[a].total_cmp(&prev[b]))
        .unwrap_or(0);
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = last as u8;
        last = usize::from(back[i * L + last]);
    }
}
