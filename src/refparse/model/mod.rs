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
//!
//! Sub-modules: `table` (the feature table the decoder looks weights up
//! in, filled from `model.bin` in one pass) and `perceptron` (training
//! examples, the averaged perceptron, dense weights and the file writer).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::features::CLASSES;

mod perceptron;
mod table;

pub use perceptron::{
    feature_keys, feature_rows, train, train_perceptron, train_perceptron_on, Dense, Example,
};
use table::{prefetch, Table, W};

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

static EMBEDDED: &[u8] = include_bytes!("../model.bin");

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

#[cfg(test)]
mod tests {
    use super::perceptron::decode_dense;
    use super::table::ABSENT;
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
