//! Checking off the message loop.
//!
//! One thread checks documents. It waits [`debounce`](Worker::spawn) after
//! the first request of a burst, so that a run of keystrokes is checked
//! once; a newer version of a document that arrives before an older one is
//! checked replaces it; and a panic inside the check is caught and reported
//! as an [`Outcome::Panicked`], after which the thread goes on.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_types::Uri;

use super::documents::file_path;
use super::settings::SettingsCache;
use crate::config::Settings;
use crate::report::Checked;
use crate::source::LineIndex;

/// A check function: [`crate::check_with`], or a stand-in in tests.
pub type CheckFn = fn(&str, &Settings) -> Checked;

/// A document version to check.
#[derive(Debug, Clone)]
pub struct Job {
    /// Which document.
    pub uri: Uri,
    /// Its version.
    pub version: i32,
    /// Its text at that version.
    pub text: Arc<str>,
}

/// What came of a check.
#[derive(Debug)]
pub enum Outcome {
    /// The check ran.
    Checked(Box<Checked>),
    /// The configuration file could not be read or is invalid.
    ConfigError(String),
    /// The check panicked; the message.
    Panicked(String),
}

/// A checked document version.
#[derive(Debug)]
pub struct Analysis {
    /// Which document.
    pub uri: Uri,
    /// The version checked.
    pub version: i32,
    /// The text checked.
    pub text: Arc<str>,
    /// Its line index.
    pub index: LineIndex,
    /// What came of it.
    pub outcome: Outcome,
    /// The settings it was checked with (the defaults after a config error).
    pub settings: Arc<Settings>,
    /// When the job reached the worker.
    pub received: Instant,
    /// Its fix plans, made when a code action first needs them.
    pub plans: super::actions::Plans,
}

impl Analysis {
    /// The check's result, when it ran.
    pub fn checked(&self) -> Option<&Checked> {
        match &self.outcome {
            Outcome::Checked(c) => Some(c),
            _ => None,
        }
    }
}

/// The checking thread.
pub struct Worker {
    /// Where jobs go.
    pub jobs: Sender<Job>,
    /// The thread (it ends when `jobs` is dropped).
    pub thread: JoinHandle<()>,
}

impl Worker {
    /// Starts the thread: it checks with `check` and sends each analysis to
    /// `done`.
    pub fn spawn(
        debounce: Duration,
        check: CheckFn,
        done: Sender<Analysis>,
    ) -> std::io::Result<Self> {
        let (jobs, rx) = crossbeam_channel::unbounded::<Job>();
        let thread = std::thread::Builder::new()
            .name("citelint-check".into())
            .spawn(move || run(&rx, debounce, check, &done))?;
        Ok(Worker { jobs, thread })
    }
}

/// Adds `job` to `pending`, replacing an older version of its document.
fn enqueue(pending: &mut VecDeque<(Job, Instant)>, job: Job) {
    let now = Instant::now();
    match pending.iter_mut().find(|(j, _)| j.uri == job.uri) {
        Some(slot) if slot.0.version <= job.version => *slot = (job, now),
        Some(_) => {}
        None => pending.push_back((job, now)),
    }
}

fn run(rx: &Receiver<Job>, debounce: Duration, check: CheckFn, done: &Sender<Analysis>) {
    let mut cache = SettingsCache::default();
    let mut pending = VecDeque::new();
    let mut open = true;
    while open {
        match rx.recv() {
            Ok(job) => enqueue(&mut pending, job),
            Err(_) => break,
        }
        // the burst: everything that arrives within `debounce` of its start
        let deadline = Instant::now() + debounce;
        loop {
            match rx.recv_deadline(deadline) {
                Ok(job) => enqueue(&mut pending, job),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        loop {
            // newer versions that came in while the last check ran
            while let Ok(job) = rx.try_recv() {
                enqueue(&mut pending, job);
            }
            let Some((job, received)) = pending.pop_front() else {
                break;
            };
            let analysis = analyse(job, received, &mut cache, check);
            if done.send(analysis).is_err() {
                return;
            }
        }
    }
}

/// Checks one job, catching a panic.
fn analyse(job: Job, received: Instant, cache: &mut SettingsCache, check: CheckFn) -> Analysis {
    let index = LineIndex::new(&job.text);
    let (settings, outcome) = match cache.for_document(file_path(&job.uri).as_deref()) {
        Err(message) => (Arc::new(Settings::default()), Outcome::ConfigError(message)),
        Ok(settings) => {
            let text: &str = &job.text;
            let outcome = match catch_unwind(AssertUnwindSafe(|| check(text, &settings))) {
                Ok(checked) => Outcome::Checked(Box::new(checked)),
                Err(payload) => Outcome::Panicked(panic_message(payload.as_ref())),
            };
            (settings, outcome)
        }
    };
    Analysis {
        uri: job.uri,
        version: job.version,
        text: job.text,
        index,
        outcome,
        settings,
        received,
        plans: Default::default(),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with no message".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(uri: &str, version: i32, text: &str) -> Job {
        Job {
            uri: uri.parse().unwrap(),
            version,
            text: Arc::from(text),
        }
    }

    fn checked_or_panic(text: &str, settings: &Settings) -> Checked {
        if text.contains("PANIC") {
            panic!("the check fell over");
        }
        crate::check_with(text, settings)
    }

    #[test]
    fn a_burst_is_checked_once_at_its_latest_version() {
        let (tx, rx) = crossbeam_channel::unbounded();
        let w = Worker::spawn(Duration::from_millis(50), crate::check_with, tx).unwrap();
        for v in 1..=5 {
            w.jobs.send(job("untitled:a.txt", v, "See [1].")).unwrap();
        }
        w.jobs.send(job("untitled:b.txt", 1, "See [2].")).unwrap();
        let first = rx.recv_timeout(Duration::from_secs(20)).unwrap();
        let second = rx.recv_timeout(Duration::from_secs(20)).unwrap();
        assert_eq!((first.uri.as_str(), first.version), ("untitled:a.txt", 5));
        assert_eq!(second.uri.as_str(), "untitled:b.txt");
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
        drop(w.jobs);
        w.thread.join().unwrap();
    }

    #[test]
    fn a_panic_is_reported_and_the_worker_goes_on() {
        let (tx, rx) = crossbeam_channel::unbounded();
        let w = Worker::spawn(Duration::ZERO, checked_or_panic, tx).unwrap();
        w.jobs.send(job("untitled:a.txt", 1, "PANIC [1]")).unwrap();
        let a = rx.recv_timeout(Duration::from_secs(20)).unwrap();
        match &a.outcome {
            Outcome::Panicked(m) => assert_eq!(m, "the check fell over"),
            other => panic!("expected a caught panic, got {other:?}"),
        }
        w.jobs.send(job("untitled:a.txt", 2, "See [1].")).unwrap();
        let b = rx.recv_timeout(Duration::from_secs(20)).unwrap();
        let checked = b.checked().expect("checked after the panic");
        assert_eq!(checked.diagnostics.len(), 1);
    }
}
