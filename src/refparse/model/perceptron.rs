//! Training: examples, the averaged structured perceptron, the dense
//! weights both trainers produce, and the `model.bin` writer.

use super::{IdMap, Model, CLASSES, L};

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
pub(super) fn decode_dense(
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
