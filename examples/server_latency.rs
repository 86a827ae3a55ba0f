//! Latency of `citelint server` from a change to the published diagnostics,
//! for a 100 KB and a 2 MB manuscript: median and worst of 50 edits.
//!
//! ```sh
//! cargo run --release --example server_latency
//! ```
//!
//! The server runs in this process on an in-memory connection (the same
//! code as `citelint server`, without the stdio framing). Each edit is what
//! an editor sends for one keystroke, an incremental `didChange` that
//! types or deletes one character in the middle of the text; the time is
//! from sending it to receiving the `publishDiagnostics` of its version.
//! The debounce is set to 0 so that the figures are the server's own work;
//! an editor session adds the debounce (150 ms by default) to each.

use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

/// The seed manuscript's body repeated to about `size` bytes, its markers
/// spread over a list that grows with the text (at most 400 entries), and
/// that list, so that every citation resolves.
fn manuscript(size: usize) -> String {
    let seed = include_str!("../paper/cyberspace-governance.txt");
    let body = &seed[..seed.find("References:").expect("the seed has a list")];
    let copies = size / body.len() + 1;
    let entries = (4 * copies).min(400);
    let mut text = String::with_capacity(size + entries * 120);
    for i in 0..copies {
        let mut copy = body.to_string();
        for n in 1..=4 {
            let k = (4 * i + n - 1) % entries + 1;
            copy = copy.replace(&format!("^[{n}]"), &format!("^[@{k}]"));
        }
        text.push_str(&copy.replace("^[@", "^["));
    }
    text.push_str("References:\n\n");
    for k in 1..=entries {
        text.push_str(&format!(
            "[{k}] Author{k} Name. {}. Governance of Cyberspace, Part {k} [J]. Journal of Network Law {}.\n",
            2000 + k % 20,
            k % 7
        ));
    }
    text
}

struct Client {
    conn: Connection,
}

impl Client {
    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.into(), params).into())
            .expect("the server listens");
    }

    fn request(&self, id: i32, method: &str, params: Value) {
        self.conn
            .sender
            .send(Request::new(RequestId::from(id), method.into(), params).into())
            .expect("the server listens");
        loop {
            if let Message::Response(_) = self.recv() {
                return;
            }
        }
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(120))
            .expect("the server answers")
    }

    /// Waits for the diagnostics of `version`; returns how many there are.
    fn published(&self, version: i32) -> usize {
        loop {
            if let Message::Notification(n) = self.recv() {
                if n.method == "textDocument/publishDiagnostics" && n.params["version"] == version {
                    return n.params["diagnostics"].as_array().map_or(0, Vec::len);
                }
            }
        }
    }
}

/// The median time of `citelint::check` alone on `text` (11 runs).
fn check_alone(text: &str) -> Duration {
    let mut times: Vec<Duration> = (0..11)
        .map(|_| {
            let start = Instant::now();
            let checked = citelint::check(text);
            let t = start.elapsed();
            assert!(!checked.doc.markers.is_empty());
            t
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Median and worst of 50 edits on a document of about `size` bytes, and
/// the median of the check alone.
fn measure(size: usize) -> (usize, usize, Duration, Duration, Duration) {
    let (server, conn) = Connection::memory();
    let thread = std::thread::spawn(move || citelint::server::run(server));
    let c = Client { conn };
    c.request(
        1,
        "initialize",
        json!({"capabilities": {"general": {"positionEncodings": ["utf-16"]}},
               "initializationOptions": {"debounceMs": 0}}),
    );
    c.notify("initialized", json!({}));
    let text = manuscript(size);
    let uri = "file:///nowhere/latency.txt";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 0, "text": text}}),
    );
    let findings = c.published(0);
    // a line in the middle of the body, typed at and cleared again
    let line = text[..text.len() / 2].matches('\n').count();
    let mut times = Vec::new();
    for v in 1..=50 {
        let at = json!({"line": line, "character": 0});
        let change = if v % 2 == 1 {
            json!({"range": {"start": at, "end": at}, "text": "x"})
        } else {
            json!({"range": {"start": at, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let start = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [change]}),
        );
        c.published(v);
        times.push(start.elapsed());
    }
    c.request(2, "shutdown", Value::Null);
    c.notify("exit", Value::Null);
    thread
        .join()
        .expect("the server thread ends")
        .expect("the server ends cleanly");
    times.sort();
    let alone = check_alone(&text);
    (
        text.len(),
        findings,
        times[times.len() / 2],
        times[times.len() - 1],
        alone,
    )
}

fn main() {
    println!(
        "| document | findings | change → diagnostics, median | worst | the check alone, median |"
    );
    println!("|---|---|---|---|---|");
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    for size in [100_000, 2_000_000] {
        let (len, findings, median, worst, alone) = measure(size);
        println!(
            "| {:.0} KB | {findings} | {:.1} ms | {:.1} ms | {:.1} ms |",
            len as f64 / 1000.0,
            ms(median),
            ms(worst),
            ms(alone)
        );
    }
}
