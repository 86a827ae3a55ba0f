//! A second trainer for the sequence model of [`model`](super::model): a
//! linear-chain conditional random field, trained by maximising the
//! conditional log-likelihood of the gold label sequences with an L2
//! penalty, over exactly the parameters the perceptron learns (a weight per
//! feature and label, the label-to-label transitions and the transitions
//! per boundary class). The result decodes with the unchanged Viterbi of
//! [`Model`](super::model::Model).
//!
//! The likelihood and its gradient (expected minus observed feature counts)
//! come from forward–backward in probability space, each step rescaled to
//! sum to one. The optimiser is L-BFGS over the full batch with a
//! backtracking line search. Training is deterministic: the examples are
//! split into a fixed number of contiguous chunks, one per thread, and the
//! partial sums are added in chunk order.

use super::features::CLASSES;
use super::model::{feature_keys, feature_rows, Dense, Example, L};

/// Settings of [`train`].
#[derive(Clone, Debug)]
pub struct Options {
    /// weight of the penalty `l2 / 2 * |θ|²` against the summed negative
    /// log-likelihood
    pub l2: f64,
    /// maximum number of L-BFGS iterations
    pub iterations: usize,
    /// stop when the objective improved by less than this fraction over
    /// the last 10 iterations
    pub tolerance: f64,
    /// correction pairs kept by L-BFGS
    pub memory: usize,
    /// worker threads (the split is fixed, so results do not depend on it
    /// being honoured in any particular order)
    pub threads: usize,
    /// called after every iteration with its number and the objective (the
    /// library itself never prints)
    pub trace: Option<fn(usize, f64)>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            l2: 1.0,
            iterations: 200,
            tolerance: 1e-5,
            memory: 6,
            threads: 2,
            trace: None,
        }
    }
}

/// Number of transition parameters: `(L + 1) * L` plain ones followed by
/// `CLASSES * (L + 1) * L` class-conditioned ones.
const NT: usize = (L + 1) * L * (1 + CLASSES);

/// One example as the trainer sees it: per token the rows of its known
/// features, its boundary class and its gold label.
struct Seq {
    /// feature rows of token `i`: `rows[offsets[i]..offsets[i + 1]]`
    rows: Vec<u32>,
    offsets: Vec<usize>,
    classes: Vec<usize>,
    labels: Vec<usize>,
}

impl Seq {
    /// The example with its features mapped to rows (unknown features are
    /// left out), or `None` when it is empty or has a label out of range.
    fn new(e: &Example, rows: &[Option<u32>]) -> Option<Seq> {
        let n = e.offsets.len().checked_sub(1)?;
        if n == 0 || e.labels.len() != n || e.labels.iter().any(|&l| usize::from(l) >= L) {
            return None;
        }
        let mut kept = Vec::with_capacity(rows.len());
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        for i in 0..n {
            let span = rows.get(e.offsets[i]..e.offsets[i + 1]).unwrap_or(&[]);
            kept.extend(span.iter().flatten());
            offsets.push(kept.len());
        }
        let classes = (0..n)
            .map(|i| {
                e.classes
                    .get(i)
                    .map_or(0, |&c| usize::from(c).min(CLASSES - 1))
            })
            .collect();
        Some(Seq {
            rows: kept,
            offsets,
            classes,
            labels: e.labels.iter().map(|&l| usize::from(l)).collect(),
        })
    }

    fn len(&self) -> usize {
        self.labels.len()
    }

    /// The feature rows of token `i`.
    fn token_rows(&self, i: usize) -> &[u32] {
        &self.rows[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// Index of the transition weight from `prev` (`L`: start) to `cur` in
/// front of a token of boundary class `class`, in the class-conditioned
/// block (the plain transition is at `prev * L + cur`).
#[inline]
fn ctrans_at(class: usize, prev: usize, cur: usize) -> usize {
    (L + 1) * L + (class * (L + 1) + prev) * L + cur
}

/// `exp` of the combined transition score (plain + class) for every class,
/// previous label (with start) and label.
fn transition_potentials(t: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; CLASSES * (L + 1) * L];
    for c in 0..CLASSES {
        for p in 0..=L {
            for l in 0..L {
                g[(c * (L + 1) + p) * L + l] = (t[p * L + l] + t[ctrans_at(c, p, l)]).exp();
            }
        }
    }
    g
}

/// Buffers for forward–backward over one sequence.
#[derive(Default)]
struct Lattice {
    /// emission score of every token and label
    em: Vec<[f64; L]>,
    /// exp(em - max) per token
    psi: Vec<[f64; L]>,
    alpha: Vec<[f64; L]>,
    beta: Vec<[f64; L]>,
    /// the normaliser of each forward step
    scale: Vec<f64>,
}

/// Adds the negative log-likelihood of `s` to the return value and its
/// gradient (expected minus observed counts) to `grad_w` (feature weights)
/// and `grad_t` (transitions).
fn accumulate(
    s: &Seq,
    w: &[f64],
    t: &[f64],
    g: &[f64],
    lat: &mut Lattice,
    grad_w: &mut [f64],
    grad_t: &mut [f64],
) -> f64 {
    let n = s.len();
    let gx = |c: usize, p: usize| &g[(c * (L + 1) + p) * L..(c * (L + 1) + p + 1) * L];
    // emissions
    lat.em.clear();
    lat.psi.clear();
    let mut log_z = 0.0;
    for i in 0..n {
        let mut em = [0.0; L];
        for &r in s.token_rows(i) {
            let r = r as usize * L;
            for (e, &x) in em.iter_mut().zip(&w[r..r + L]) {
                *e += x;
            }
        }
        let m = em.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        let mut psi = [0.0; L];
        for (p, &e) in psi.iter_mut().zip(&em) {
            *p = (e - m).exp();
        }
        log_z += m;
        lat.em.push(em);
        lat.psi.push(psi);
    }
    // forward
    lat.alpha.clear();
    lat.scale.clear();
    for i in 0..n {
        let mut a = [0.0; L];
        if i == 0 {
            for (l, (x, &tr)) in a.iter_mut().zip(gx(s.classes[0], L)).enumerate() {
                *x = tr * lat.psi[0][l];
            }
        } else {
            let prev = lat.alpha[i - 1];
            for (p, &ap) in prev.iter().enumerate() {
                for (x, &tr) in a.iter_mut().zip(gx(s.classes[i], p)) {
                    *x += ap * tr;
                }
            }
            for (x, &ps) in a.iter_mut().zip(&lat.psi[i]) {
                *x *= ps;
            }
        }
        let z: f64 = a.iter().sum();
        for x in &mut a {
            *x /= z;
        }
        log_z += z.ln();
        lat.scale.push(z);
        lat.alpha.push(a);
    }
    // backward
    lat.beta.clear();
    lat.beta.resize(n, [0.0; L]);
    lat.beta[n - 1] = [1.0; L];
    for i in (0..n - 1).rev() {
        let mut next = lat.beta[i + 1];
        for (x, &ps) in next.iter_mut().zip(&lat.psi[i + 1]) {
            *x *= ps / lat.scale[i + 1];
        }
        let mut b = [0.0; L];
        for (p, x) in b.iter_mut().enumerate() {
            *x = gx(s.classes[i + 1], p)
                .iter()
                .zip(&next)
                .map(|(tr, nb)| tr * nb)
                .sum();
        }
        lat.beta[i] = b;
    }
    // expected counts, observed counts, gold score
    let mut gold = 0.0;
    for i in 0..n {
        let y = s.labels[i];
        let mut marg = [0.0; L];
        for (l, m) in marg.iter_mut().enumerate() {
            *m = lat.alpha[i][l] * lat.beta[i][l];
        }
        marg[y] -= 1.0;
        for &r in s.token_rows(i) {
            let r = r as usize * L;
            for (gw, &m) in grad_w[r..r + L].iter_mut().zip(&marg) {
                *gw += m;
            }
        }
        let c = s.classes[i];
        let py = if i == 0 { L } else { s.labels[i - 1] };
        gold += lat.em[i][y] + t[py * L + y] + t[ctrans_at(c, py, y)];
        if i == 0 {
            for (l, &m) in marg.iter().enumerate() {
                grad_t[L * L + l] += m;
                grad_t[ctrans_at(c, L, l)] += m;
            }
            continue;
        }
        let mut right = [0.0; L];
        for (l, r) in right.iter_mut().enumerate() {
            *r = lat.psi[i][l] * lat.beta[i][l] / lat.scale[i];
        }
        for p in 0..L {
            let ap = lat.alpha[i - 1][p];
            let row = gx(c, p);
            for l in 0..L {
                let pm = ap * row[l] * right[l];
                grad_t[p * L + l] += pm;
                grad_t[ctrans_at(c, p, l)] += pm;
            }
        }
        grad_t[py * L + y] -= 1.0;
        grad_t[ctrans_at(c, py, y)] -= 1.0;
    }
    log_z - gold
}

/// The penalised negative log-likelihood of all sequences at `theta`
/// (feature weights, then transitions) and its gradient in `grad`.
fn objective(seqs: &[Seq], theta: &[f64], opts: &Options, grad: &mut [f64]) -> f64 {
    let nw = theta.len() - NT;
    let (w, t) = theta.split_at(nw);
    let g = transition_potentials(t);
    let threads = opts.threads.max(1);
    let chunk = seqs.len().div_ceil(threads).max(1);
    let parts: Vec<(f64, Vec<f64>)> = std::thread::scope(|sc| {
        let handles: Vec<_> = seqs
            .chunks(chunk)
            .map(|part| {
                let g = &g;
                sc.spawn(move || {
                    let mut gr = vec![0.0; theta.len()];
                    let (gw, gt) = gr.split_at_mut(nw);
                    let mut lat = Lattice::default();
                    let f: f64 = part
                        .iter()
                        .map(|s| accumulate(s, w, t, g, &mut lat, gw, gt))
                        .sum();
                    (f, gr)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    grad.fill(0.0);
    let mut f = 0.0;
    for (pf, pg) in &parts {
        f += pf;
        for (a, b) in grad.iter_mut().zip(pg) {
            *a += b;
        }
    }
    for (a, &x) in grad.iter_mut().zip(theta) {
        *a += opts.l2 * x;
    }
    f + 0.5 * opts.l2 * dot(theta, theta)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The correction pairs of L-BFGS, oldest first.
struct History {
    s: Vec<Vec<f64>>,
    y: Vec<Vec<f64>>,
    rho: Vec<f64>,
    memory: usize,
}

impl History {
    fn new(memory: usize) -> History {
        History {
            s: Vec::new(),
            y: Vec::new(),
            rho: Vec::new(),
            memory: memory.max(1),
        }
    }

    fn clear(&mut self) {
        self.s.clear();
        self.y.clear();
        self.rho.clear();
    }

    /// Stores the step `sk` and gradient change `yk` when they have
    /// positive curvature, dropping the oldest pair when full.
    fn push(&mut self, sk: Vec<f64>, yk: Vec<f64>) {
        let sy = dot(&sk, &yk);
        if sy <= 1e-10 {
            return;
        }
        if self.s.len() == self.memory {
            self.s.remove(0);
            self.y.remove(0);
            self.rho.remove(0);
        }
        self.s.push(sk);
        self.y.push(yk);
        self.rho.push(1.0 / sy);
    }

    /// The search direction `-H g` (two-loop recursion).
    fn direction(&self, g: &[f64]) -> Vec<f64> {
        let mut q: Vec<f64> = g.iter().map(|x| -x).collect();
        let mut a = vec![0.0; self.s.len()];
        for k in (0..self.s.len()).rev() {
            a[k] = self.rho[k] * dot(&self.s[k], &q);
            for (qi, yi) in q.iter_mut().zip(&self.y[k]) {
                *qi -= a[k] * yi;
            }
        }
        if let (Some(sl), Some(yl)) = (self.s.last(), self.y.last()) {
            let gamma = dot(sl, yl) / dot(yl, yl);
            for qi in &mut q {
                *qi *= gamma;
            }
        }
        for ((sk, yk), (&rk, &ak)) in self.s.iter().zip(&self.y).zip(self.rho.iter().zip(&a)) {
            let b = rk * dot(yk, &q);
            for (qi, si) in q.iter_mut().zip(sk) {
                *qi += (ak - b) * si;
            }
        }
        q
    }
}

/// Backtracking line search from `theta` along `d` (Armijo condition;
/// `f` and `slope` are the objective and its directional derivative at
/// `theta`): the accepted point, its objective, and its gradient in `grad`.
#[allow(clippy::too_many_arguments)]
fn line_search(
    seqs: &[Seq],
    theta: &[f64],
    d: &[f64],
    f: f64,
    slope: f64,
    mut step: f64,
    opts: &Options,
    grad: &mut [f64],
) -> Option<(Vec<f64>, f64)> {
    for _ in 0..30 {
        let cand: Vec<f64> = theta.iter().zip(d).map(|(x, di)| x + step * di).collect();
        let fc = objective(seqs, &cand, opts, grad);
        if fc.is_finite() && fc <= f + 1e-4 * step * slope {
            return Some((cand, fc));
        }
        step *= 0.5;
    }
    None
}

/// Minimises [`objective`] from `theta` with L-BFGS.
fn minimise(seqs: &[Seq], theta: &mut Vec<f64>, opts: &Options) {
    let mut grad = vec![0.0; theta.len()];
    let mut f = objective(seqs, theta, opts, &mut grad);
    let mut hist = History::new(opts.memory);
    let mut history = vec![f];
    let mut new_grad = vec![0.0; theta.len()];
    for it in 0..opts.iterations {
        let mut d = hist.direction(&grad);
        let mut slope = dot(&grad, &d);
        if slope >= 0.0 {
            // not a descent direction: restart from the gradient
            hist.clear();
            d = grad.iter().map(|x| -x).collect();
            slope = -dot(&grad, &grad);
        }
        let step = if hist.s.is_empty() {
            1.0 / dot(&grad, &grad).sqrt().max(1e-12)
        } else {
            1.0
        };
        let Some((cand, fc)) = line_search(seqs, theta, &d, f, slope, step, opts, &mut new_grad)
        else {
            break;
        };
        let sk = cand.iter().zip(theta.iter()).map(|(a, b)| a - b).collect();
        let yk = new_grad.iter().zip(&grad).map(|(a, b)| a - b).collect();
        hist.push(sk, yk);
        *theta = cand;
        std::mem::swap(&mut grad, &mut new_grad);
        f = fc;
        history.push(f);
        if let Some(trace) = opts.trace {
            trace(it + 1, f);
        }
        if let Some(&old) = history.len().checked_sub(11).and_then(|k| history.get(k)) {
            if (old - f) / f.abs().max(1.0) < opts.tolerance {
                break;
            }
        }
    }
}

/// Trains the CRF on `examples` (features seen fewer than `min_count` times
/// are left out), starting from `init` when given (its features must be
/// the same, as [`model::train_perceptron`](super::model::train_perceptron)
/// with the same `min_count` gives) and from zero otherwise.
pub fn train(examples: &[Example], min_count: u32, init: Option<&Dense>, opts: &Options) -> Dense {
    let keys = feature_keys(examples, min_count);
    let rows = feature_rows(examples, &keys);
    let seqs: Vec<Seq> = examples
        .iter()
        .zip(&rows)
        .filter_map(|(e, r)| Seq::new(e, r))
        .collect();
    let nw = keys.len() * L;
    let mut theta = vec![0.0; nw + NT];
    if let Some(d) = init.filter(|d| d.keys == keys) {
        let src = d.w.iter().chain(&d.trans).chain(&d.ctrans);
        for (x, &v) in theta.iter_mut().zip(src) {
            *x = f64::from(v);
        }
    }
    minimise(&seqs, &mut theta, opts);
    let (w, t) = theta.split_at(nw);
    let to32 = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
    Dense {
        keys,
        w: to32(w),
        trans: to32(&t[..(L + 1) * L]),
        ctrans: to32(&t[(L + 1) * L..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two tiny sequences whose labels follow from one feature each.
    fn toy() -> Vec<Example> {
        let ex = |feats: Vec<u64>, labels: Vec<u8>| Example {
            offsets: (0..=feats.len()).collect(),
            classes: vec![0; feats.len()],
            feats,
            labels,
        };
        vec![
            ex(vec![11, 12, 12], vec![1, 4, 4]),
            ex(vec![11, 11, 12], vec![1, 1, 4]),
        ]
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let ex = toy();
        let keys = feature_keys(&ex, 1);
        let rows = feature_rows(&ex, &keys);
        let seqs: Vec<Seq> = ex
            .iter()
            .zip(&rows)
            .filter_map(|(e, r)| Seq::new(e, r))
            .collect();
        let opts = Options {
            l2: 0.5,
            threads: 1,
            ..Options::default()
        };
        let n = keys.len() * L + NT;
        // a deterministic, uneven point
        let theta: Vec<f64> = (0..n)
            .map(|i| ((i * 37 % 101) as f64 - 50.0) / 200.0)
            .collect();
        let mut grad = vec![0.0; n];
        objective(&seqs, &theta, &opts, &mut grad);
        let h = 1e-5;
        let nw = keys.len() * L;
        let checks = [
            0,
            1,
            4,
            L + 1,
            L + 4,
            nw + L + 4,
            nw + L * L + 1,
            nw + ctrans_at(0, 1, 4),
            nw + ctrans_at(0, L, 1),
            nw + ctrans_at(3, 2, 2),
        ];
        for &k in &checks {
            let mut up = theta.clone();
            up[k] += h;
            let mut down = theta.clone();
            down[k] -= h;
            let mut tmp = vec![0.0; n];
            let num = (objective(&seqs, &up, &opts, &mut tmp)
                - objective(&seqs, &down, &opts, &mut tmp))
                / (2.0 * h);
            assert!(
                (num - grad[k]).abs() < 1e-5,
                "parameter {k}: {num} vs {}",
                grad[k]
            );
        }
    }

    #[test]
    fn learns_the_toy_labels() {
        let ex = toy();
        let m = train(&ex, 1, None, &Options::default()).to_model(0.0, 0.0);
        let mut out = Vec::new();
        for e in &ex {
            m.decode(&e.feats, &e.offsets, &e.classes, &[], &mut out);
            assert_eq!(out, e.labels);
        }
    }
}
