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

/// Trained weights, laid out for decoding.
pub struct Model {
    /// `steps[c * (L + 1) + prev]`: the score of each next label after
    /// `prev` (`L`: start) across a boundary of class `c`, both transition
    /// tables added once at load; lanes past `L` are never read
    steps: Vec<[f32; W]>,
    /// the lookup structure the emissions use (see [`Table`])
    table: Table,
}

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
/// [`Model::decode`] looks the features of a whole reference up in one pass
/// with software prefetching, so that cache misses overlap.
struct Table {
    slots: Vec<u64>,
    rows: Vec<Row>,
    /// `64 - log2(slots.len())`: a hash shifted right by this is its home
    shift: u32,
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
        Table::with_capacity(0, 1.0)
    }
}

/// The fingerprint half of a slot for feature `f`.
#[inline]
fn fingerprint(f: u64) -> u64 {
    (f & 0xFFFF_FFFF) | 1
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
    /// An empty table for `n` features (load at most two thirds).
    fn with_capacity(n: usize, scale: f32) -> Table {
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
    fn home(&self, f: u64) -> usize {
        (f >> self.shift) as usize
    }

    /// Adds feature `f` with its `(label, quantised weight)` pairs; a
    /// feature already present keeps its first weights.
    fn insert(&mut self, f: u64, weights: &[(u8, i16)]) {
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
    fn find(&self, f: u64) -> u32 {
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

/// Buffers [`Model::decode`] reuses between calls on one thread.
#[derive(Default)]
struct DecodeScratch {
    found: Vec<u32>,
    em: Vec<[f32; W]>,
    back: Vec<[u8; W]>,
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
        Model::assemble(
            vec![0.0; (L + 1) * L],
            vec![0.0; CLASSES * (L + 1) * L],
            Table::default(),
        )
    }

    /// The model from its transition tables (`(L + 1) * L` scores, the
    /// last row the start state; the same again per boundary class) and
    /// feature table.
    fn assemble(trans: Vec<f32>, ctrans: Vec<f32>, table: Table) -> Model {
        let mut steps = vec![[f32::NEG_INFINITY; W]; CLASSES * (L + 1)];
        for (k, step) in steps.iter_mut().enumerate() {
            let p = k % (L + 1);
            for l in 0..L {
                step[l] = ctrans[k * L + l] + trans[p * L + l];
            }
        }
        Model { steps, table }
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
        // at least 9 bytes a feature: a count past the data is a bad file
        if n > b.len() / 9 {
            return None;
        }
        let mut table = Table::with_capacity(n, scale);
        let mut weights = Vec::with_capacity(L);
        for _ in 0..n {
            let f = r.u64()?;
            let k = r.u8()?;
            weights.clear();
            for _ in 0..k {
                let l = r.u8()?;
                let w = r.i16()?;
                if usize::from(l) < L {
                    weights.push((l, w));
                }
            }
            if !weights.is_empty() {
                table.insert(f, &weights);
            }
        }
        Some(Model::assemble(trans, ctrans, table))
    }

    /// The emission scores of every token (`em[i][label]`), looking all
    /// features up in one pass: slots are prefetched a few features ahead
    /// and the weights of each found feature as soon as its slot is read.
    fn emissions(&self, feats: &[u64], offsets: &[usize], s: &mut DecodeScratch) {
        const AHEAD: usize = 12;
        let t = &self.table;
        s.found.clear();
        for &f in feats.iter().take(AHEAD) {
            prefetch(&t.slots[t.home(f)]);
        }
        for (j, &f) in feats.iter().enumerate() {
            if let Some(&g) = feats.get(j + AHEAD) {
                prefetch(&t.slots[t.home(g)]);
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
            let mut em = [0f32; W];
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

    /// Both transition tables from `prev` (`L`: start) in front of token
    /// `i`, added.
    #[inline]
    fn step(&self, classes: &[u8], i: usize, prev: usize) -> &[f32; W] {
        let c = classes
            .get(i)
            .map_or(0, |&c| usize::from(c).min(CLASSES - 1));
        &self.steps[c * (L + 1) + prev]
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
        s.back.resize(n, [0; W]);
        let mut prev = [f32::NEG_INFINITY; W];
        let s0 = self.step(classes, 0, L);
        for l in 0..L {
            prev[l] = s0[l] + s.em[0][l];
        }
        for i in 1..n {
            // previous label outermost, so that the inner loop over the
            // current label vectorises; ties keep the lowest previous label
            let mut best = [f32::NEG_INFINITY; W];
            let mut arg = [0u8; W];
            for (p, &ps) in prev.iter().enumerate().take(L) {
                let row = self.step(classes, i, p);
                for l in 0..W {
                    let v = ps + row[l];
                    if v > best[l] {
                        best[l] = v;
                        arg[l] = p as u8;
                    }
                }
            }
            for l in 0..W {
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
    /// The decoding model of [`Dense::to_bytes`] (the shipped model is the
    /// same bytes, so what the trainer measures is what ships).
    pub fn to_model(&self, prune: f32, floor: f32) -> Model {
        Model::from_bytes(&self.to_bytes(prune, floor)).unwrap_or_else(Model::empty)
    }

    /// The binary format of the module docs, weights quantised to `i16`:
    /// feature weights whose magnitude is at most `max(prune * largest,
    /// floor)` are dropped (they hardly change a decision, and a smaller
    /// table stays in the CPU cache), and so are features left without
    /// weights. Features are written in ascending order, which is the order
    /// [`Model::from_bytes`] fills its table in.
    pub fn to_bytes(&self, prune: f32, floor: f32) -> Vec<u8> {
        let largest = self.w.iter().fold(0f32, |m, x| m.max(x.abs()));
        let cut = (largest * prune).max(floor);
        let kept = |x: &f32| x.abs() > cut;
        let max = self
            .trans
            .iter()
            .chain(&self.ctrans)
            .chain(self.w.iter().filter(|x| kept(x)))
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
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&i| self.keys[i]);
        let rows: Vec<(u64, Vec<(u8, i16)>)> = order
            .into_iter()
            .filter_map(|i| {
                let ws: Vec<(u8, i16)> = self.w[i * L..(i + 1) * L]
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| kept(x))
                    .map(|(l, &x)| (l as u8, q(x)))
                    .collect();
                (!ws.is_empty()).then_some((self.keys[i], ws))
            })
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (k, ws) in rows {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(ws.len() as u8);
            for (l, w) in ws {
                out.push(l);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (SplitMix64).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Weights that quantise exactly (integers, the largest 32000, so the
    /// scale is 1): a feature has 1 to `L` weights. Some keys share their
    /// top bits, so that probing runs past a home slot.
    fn random_dense(rng: &mut Rng, features: usize) -> Dense {
        let mut keys: Vec<u64> = (0..features)
            .map(|i| {
                let k = rng.next();
                if i % 7 == 0 {
                    k & 0x0000_FFFF_FFFF_FFFF
                } else {
                    k
                }
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut w = vec![0f32; keys.len() * L];
        for row in w.chunks_exact_mut(L) {
            let n = 1 + rng.below(L as u64) as usize;
            for _ in 0..n {
                row[rng.below(L as u64) as usize] = rng.below(201) as f32 - 100.0;
            }
        }
        w[0] = 32000.0;
        let mut t =
            |n: usize| -> Vec<f32> { (0..n).map(|_| rng.below(61) as f32 - 30.0).collect() };
        let trans = t((L + 1) * L);
        let ctrans = t(CLASSES * (L + 1) * L);
        Dense {
            keys,
            w,
            trans,
            ctrans,
        }
    }

    #[test]
    fn table_decodes_as_the_dense_weights() {
        let mut rng = Rng(7);
        let dense = random_dense(&mut rng, 3000);
        let model = dense.to_model(0.0, 0.0);
        let mut fast = Vec::new();
        let mut slow = Vec::new();
        for case in 0..300 {
            let n = 1 + rng.below(40) as usize;
            let mut feats = Vec::new();
            let mut offsets = vec![0];
            let mut classes = Vec::new();
            for _ in 0..n {
                for _ in 0..rng.below(9) {
                    // mostly known features, some never seen
                    feats.push(if rng.below(4) == 0 {
                        rng.next()
                    } else {
                        dense.keys[rng.below(dense.keys.len() as u64) as usize]
                    });
                }
                offsets.push(feats.len());
                classes.push(rng.below(CLASSES as u64 + 3) as u8);
            }
            model.decode(&feats, &offsets, &classes, &[], &mut fast);
            let rows = feature_rows(
                &[Example {
                    feats: feats.clone(),
                    offsets: offsets.clone(),
                    classes: classes.clone(),
                    labels: vec![0; n],
                }],
                &dense.keys,
            );
            decode_dense(
                &dense.trans,
                &dense.ctrans,
                &dense.w,
                &rows[0],
                &offsets,
                &classes,
                &mut slow,
            );
            assert_eq!(fast, slow, "case {case}");
        }
    }

    #[test]
    fn bytes_round_trip_and_bad_files_are_refused() {
        let mut rng = Rng(11);
        let dense = random_dense(&mut rng, 500);
        let bytes = dense.to_bytes(0.0, 0.0);
        let model = Model::from_bytes(&bytes).expect("reads back");
        // every feature with a weight is found, with its weights
        for (i, &k) in dense.keys.iter().enumerate() {
            let s = model.table.find(k);
            if dense.w[i * L..(i + 1) * L].iter().all(|&x| x == 0.0) {
                assert_eq!(s, ABSENT, "feature {i}");
                continue;
            }
            assert_ne!(s, ABSENT, "feature {i}");
            let got = model.table.rows[s as usize].0;
            for (l, (&g, &d)) in got.iter().zip(&dense.w[i * L..(i + 1) * L]).enumerate() {
                assert_eq!(f32::from(g), d, "feature {i} label {l}");
            }
        }
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(Model::from_bytes(b"RPM2").is_none());
        let mut huge = bytes.clone();
        let at = 12 + (L + 1) * L * 2 + 4 + CLASSES * (L + 1) * L * 2;
        huge[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Model::from_bytes(&huge).is_none());
    }

    #[test]
    fn the_shipped_model_loads() {
        assert!(Model::from_bytes(EMBEDDED).is_some());
    }
}
