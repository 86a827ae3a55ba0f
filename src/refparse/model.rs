//! The sequence labeller: a first-order linear-chain model over tokens
//! (the same family as a CRF), trained as an averaged structured perceptron
//! and decoded with Viterbi.
//!
//! The trained weights ship inside the binary (`model.bin`, read once through
//! a `LazyLock`). File layout, all little-endian:
//!
//! ```text
//! "RPM1"  u32 label_count  f32 scale
//! (label_count + 1) * label_count  i16   transitions (last row: start)
//! u32 row_count, then per row: u64 feature, u8 n, n * (u8 label, i16 weight)
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

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
    /// feature → (first entry, entry count) in `entries`
    rows: IdMap<(u32, u8)>,
    entries: Vec<(u8, f32)>,
    /// the lookup structure `emit` uses (see [`Table`])
    table: Table,
}

/// One slot of [`Table`]: a feature hash and where its weights are.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    off: u32,
    n: u32,
}

/// Open-addressing table from feature hash to quantised weights, built for
/// decoding: one slot (16 bytes) per probe and the weights of a feature
/// packed together (`label << 16 | i16 weight`), so that a lookup touches
/// about two cache lines instead of the three of a general hash map.
#[derive(Default)]
struct Table {
    slots: Vec<Slot>,
    packed: Vec<u32>,
    mask: usize,
    scale: f32,
}

impl Table {
    fn build(rows: &IdMap<(u32, u8)>, entries: &[(u8, f32)]) -> Table {
        let max = entries.iter().fold(0f32, |m, e| m.max(e.1.abs()));
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mut packed = Vec::with_capacity(entries.len());
        let mut keys: Vec<_> = rows.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        for (&k, &(s, n)) in keys {
            let key = k | 1; // 0 marks an empty slot
            let mut i = (key as usize) & (cap - 1);
            while slots[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            let off = packed.len() as u32;
            for &(l, w) in &entries[s as usize..s as usize + usize::from(n)] {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                packed.push((u32::from(l) << 16) | u32::from(q as u16));
            }
            slots[i] = Slot {
                key,
                off,
                n: u32::from(n),
            };
        }
        Table {
            slots,
            packed,
            mask: cap - 1,
            scale,
        }
    }

    /// The packed weights of feature `f`.
    #[inline]
    fn get(&self, f: u64) -> &[u32] {
        if self.slots.is_empty() {
            return &[];
        }
        let key = f | 1;
        let mut i = (key as usize) & self.mask;
        loop {
            let s = self.slots[i];
            if s.key == key {
                return &self.packed[s.off as usize..(s.off + s.n) as usize];
            }
            if s.key == 0 {
                return &[];
            }
            i = (i + 1) & self.mask;
        }
    }
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
            rows: IdMap::default(),
            entries: Vec::new(),
            table: Table::default(),
        }
    }

    /// Reads the binary format described in the module docs.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let mut r = Reader { b, p: 0 };
        if r.take::<4>()? != *b"RPM1" || r.u32()? as usize != L {
            return None;
        }
        let scale = r.f32()?;
        let mut trans = Vec::with_capacity((L + 1) * L);
        for _ in 0..(L + 1) * L {
            trans.push(f32::from(r.i16()?) * scale);
        }
        let n = r.u32()? as usize;
        let mut rows = IdMap::with_capacity_and_hasher(n, Default::default());
        let mut entries = Vec::with_capacity(n * 3);
        for _ in 0..n {
            let f = r.u64()?;
            let k = r.u8()?;
            rows.insert(f, (entries.len() as u32, k));
            for _ in 0..k {
                let l = r.u8()?;
                let w = r.i16()?;
                if usize::from(l) < L {
                    entries.push((l, f32::from(w) * scale));
                }
            }
        }
        let table = Table::build(&rows, &entries);
        Some(Model {
            trans,
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
            .chain(self.entries.iter().map(|e| &e.1))
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut out = Vec::new();
        out.extend_from_slice(b"RPM1");
        out.extend_from_slice(&(L as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for &t in &self.trans {
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

    /// Adds the weights of `feats` to `scores` (length `L`).
    fn emit(&self, feats: &[u64], scores: &mut [f32; L]) {
        let mut acc = [0i32; L];
        for &f in feats {
            for &e in self.table.get(f) {
                if let Some(a) = acc.get_mut((e >> 16) as usize) {
                    *a += i32::from(e as u16 as i16);
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s = a as f32 * self.table.scale;
        }
    }

    /// The best label sequence for the features of each token
    /// (`feats[offsets[i]..offsets[i+1]]`).
    pub fn decode(&self, feats: &[u64], offsets: &[usize], out: &mut Vec<u8>) {
        let n = offsets.len().saturating_sub(1);
        out.clear();
        if n == 0 {
            return;
        }
        let mut back: Vec<u8> = vec![0; n * L];
        let mut prev = [0f32; L];
        let mut cur = [0f32; L];
        let mut em = [0f32; L];
        self.emit(&feats[offsets[0]..offsets[1]], &mut em);
        for l in 0..L {
            prev[l] = self.trans[L * L + l] + em[l];
        }
        for i in 1..n {
            self.emit(&feats[offsets[i]..offsets[i + 1]], &mut em);
            for l in 0..L {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for (p, &ps) in prev.iter().enumerate() {
                    let s = ps + self.trans[p * L + l];
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
}

/// One training sequence: the features of each token and the gold labels.
pub struct Example {
    pub feats: Vec<u64>,
    pub offsets: Vec<usize>,
    pub labels: Vec<u8>,
}

/// Trains an averaged structured perceptron. Deterministic: the example
/// order of each epoch comes from a fixed-seed generator. Features seen
/// fewer than `min_count` times are dropped.
pub fn train(examples: &[Example], epochs: usize, min_count: u32) -> Model {
    // feature index
    let mut counts: IdMap<u32> = IdMap::default();
    for e in examples {
        for f in &e.feats {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let mut index: IdMap<u32> = IdMap::default();
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    for (i, k) in keys.iter().enumerate() {
        index.insert(*k, i as u32);
    }
    let nf = keys.len();
    let mut w = vec![0f32; nf * L];
    let mut u = vec![0f32; nf * L];
    let mut tw = vec![0f32; (L + 1) * L];
    let mut tu = vec![0f32; (L + 1) * L];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x5eed_1234_abcd_0001;
    let mut pred = Vec::new();
    // map every example's features to row indices once
    let rows: Vec<Vec<Option<u32>>> = examples
        .iter()
        .map(|e| e.feats.iter().map(|f| index.get(f).copied()).collect())
        .collect();
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
            decode_dense(&tw, &w, &rows[k], &e.offsets, &mut pred);
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
                    }
                }
            }
            c += 1.0;
        }
    }
    // average
    let avg =
        |w: &[f32], u: &[f32]| -> Vec<f32> { w.iter().zip(u).map(|(w, u)| w - u / c).collect() };
    let wa = avg(&w, &u);
    let trans = avg(&tw, &tu);
    let mut rows_map = IdMap::default();
    let mut entries = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let start = entries.len();
        for l in 0..L {
            let x = wa[i * L + l];
            if x.abs() > 1e-3 {
                entries.push((l as u8, x));
            }
        }
        let n = entries.len() - start;
        if n > 0 {
            rows_map.insert(*k, (start as u32, n as u8));
        }
    }
    let table = Table::build(&rows_map, &entries);
    Model {
        trans,
        rows: rows_map,
        entries,
        table,
    }
}

/// Viterbi over dense training weights.
fn decode_dense(
    trans: &[f32],
    w: &[f32],
    rows: &[Option<u32>],
    offsets: &[usize],
    out: &mut Vec<u8>,
) {
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
    for l in 0..L {
        prev[l] = trans[L * L + l] + em[l];
    }
    for i in 1..n {
        let em = emit(i);
        let mut cur = [0f32; L];
        for l in 0..L {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for (p, &ps) in prev.iter().enumerate() {
                let s = ps + trans[p * L + l];
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
