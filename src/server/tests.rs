//! The server in process, over an in-memory connection.

use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

use super::*;

/// A client talking to a server thread.
struct Client {
    conn: Connection,
    /// Notifications received while waiting for a response, in order.
    backlog: std::cell::RefCell<std::collections::VecDeque<Notification>>,
    thread: Option<std::thread::JoinHandle<Result<(), ServerError>>>,
    next: i32,
}

impl Client {
    fn start(check: CheckFn, capabilities: Value) -> Client {
        Client::start_with(check, capabilities, json!({"debounceMs": 10}))
    }

    fn start_with(check: CheckFn, capabilities: Value, options: Value) -> Client {
        let (server, conn) = Connection::memory();
        let thread = std::thread::spawn(move || run_with(server, check));
        let mut c = Client {
            conn,
            backlog: Default::default(),
            thread: Some(thread),
            next: 0,
        };
        let init = c.request(
            "initialize",
            json!({"capabilities": capabilities, "initializationOptions": options}),
        );
        assert!(init.get("capabilities").is_some(), "{init}");
        c.notify("initialized", json!({}));
        c
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.into(), params).into())
            .unwrap();
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers")
    }

    /// Sends a request and waits for its response, skipping notifications.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Request::new(id.clone(), method.into(), params).into())
            .unwrap();
        loop {
            match self.recv() {
                Message::Response(r) => {
                    assert_eq!(r.id, id);
                    return r.response_result.expect("a successful response");
                }
                Message::Notification(n) => self.backlog.borrow_mut().push_back(n),
                Message::Request(_) => {}
            }
        }
    }

    /// The next notification of `method`, skipping others.
    fn next_notification(&self, method: &str) -> Value {
        while let Some(n) = self.backlog.borrow_mut().pop_front() {
            if n.method == method {
                return n.params;
            }
        }
        loop {
            if let Message::Notification(n) = self.recv() {
                if n.method == method {
                    return n.params;
                }
            }
        }
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let r = self.thread.take().unwrap().join().unwrap();
        assert!(r.is_ok(), "{r:?}");
    }
}

fn panicky(text: &str, settings: &crate::config::Settings) -> crate::Checked {
    if text.contains("PANIC") {
        panic!("boom in the check");
    }
    crate::check_with(text, settings)
}

const DOC: &str =
    "See [1] and [2].\n\nReferences\n\n1. Smith J. Fish of the northern seas. J Zool. 2001;1:1-5.\n";

#[test]
fn a_panicking_check_is_logged_and_the_server_keeps_serving() {
    let mut c = Client::start(panicky, json!({}));
    c.open("file:///nowhere/a.txt", "PANIC [1]");
    let log = c.next_notification("window/logMessage");
    assert!(
        log["message"]
            .as_str()
            .unwrap()
            .contains("boom in the check"),
        "{log}"
    );
    let published = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"], json!([]));
    // a request about the failed version gets an empty answer, not a hang
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/a.txt"}, "position": {"line": 0, "character": 7}}),
    );
    assert_eq!(hover, Value::Null);
    // the next version is checked as usual
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/a.txt", "version": 2},
               "contentChanges": [{"text": DOC}]}),
    );
    let published = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(published["version"], 2);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CL001"]);
    c.stop();
}

#[test]
fn only_the_latest_version_is_published_and_requests_wait_for_it() {
    let mut c = Client::start(crate::check_with, json!({}));
    let uri = "file:///nowhere/b.md";
    c.open(uri, DOC);
    for v in 2..=6 {
        // each edit appends entry 2 and takes it away again; version 6 has it
        let text = if v % 2 == 0 {
            format!("{DOC}2. Lee K. Birds of the southern isles. Ibis. 2002;2:2-9.\n")
        } else {
            DOC.to_string()
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}),
        );
    }
    // a hover sent now is answered against version 6
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 13}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("Lee K. Birds of the southern isles"),
        "{value}"
    );
    // publications come in rising versions, the last (before the hover's
    // answer) being version 6, which cites nothing missing
    let mut versions = Vec::new();
    let mut last = Value::Null;
    for n in c.backlog.borrow().iter() {
        if n.method == "textDocument/publishDiagnostics" {
            versions.push(n.params["version"].as_i64().unwrap());
            last = n.params.clone();
        }
    }
    assert_eq!(versions.last(), Some(&6), "{versions:?}");
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(last["diagnostics"], json!([]));
    c.stop();
}

#[test]
fn utf8_positions_are_used_when_offered() {
    let c = Client::start(
        crate::check_with,
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
    );
    let uri = "file:///nowhere/c.txt";
    // 研究 are 3 bytes each: the marker starts at byte 7 (UTF-16: 3)
    c.open(
        uri,
        "研究 [3].\n\nReferences\n\n1. Smith J. Fish. J Zool. 2001;1:1.\n",
    );
    let published = c.next_notification("textDocument/publishDiagnostics");
    let d = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CL001")
        .cloned()
        .expect("the unresolved citation");
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": 7}));
    assert_eq!(d["range"]["end"], json!({"line": 0, "character": 10}));
    c.stop();
}

#[test]
fn closing_clears_and_other_files_are_left_alone() {
    let c = Client::start(crate::check_with, json!({}));
    c.open("file:///nowhere/main.rs", "fn main() { [1] }");
    c.open("file:///nowhere/d.txt", "See [9].");
    let published = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(published["uri"], "file:///nowhere/d.txt");
    assert!(!published["diagnostics"].as_array().unwrap().is_empty());
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///nowhere/d.txt"}}),
    );
    let cleared = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(cleared["uri"], "file:///nowhere/d.txt");
    assert_eq!(cleared["diagnostics"], json!([]));
    c.stop();
}

/// Runs `f` on a context for `text`, checked with the default settings.
pub(super) fn with_ctx<R>(text: &str, options: &Options, f: impl FnOnce(&Ctx) -> R) -> R {
    let checked = crate::check(text);
    let index = crate::source::LineIndex::new(text);
    let uri: Uri = "file:///nowhere/t.txt".parse().unwrap();
    let ctx = Ctx {
        uri: &uri,
        text,
        checked: &checked,
        lines: Lines::new(text, &index, Encoding::Utf8),
        options,
        plans: &Default::default(),
    };
    f(&ctx)
}

#[test]
fn a_changed_configuration_file_rechecks_open_documents() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("paper.md");
    let uri = crate::server::diagnostics::file_uri(&doc).unwrap();
    let uri = uri.as_str();
    let c = Client::start(
        crate::check_with,
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    // the watcher for citelint.toml is registered
    let registration = loop {
        if let Message::Request(r) = c.recv() {
            break r;
        }
    };
    assert_eq!(registration.method, "client/registerCapability");
    let globs = registration.params["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(globs.contains("**/citelint.toml"), "{globs}");

    c.open(uri, DOC);
    let published = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"][0]["code"], "CL001");

    std::fs::write(dir.path().join("citelint.toml"), "ignore = [\"CL001\"]\n").unwrap();
    let config = crate::server::diagnostics::file_uri(&dir.path().join("citelint.toml")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config.as_str(), "type": 1}]}),
    );
    let published = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"], json!([]));

    // a broken file is shown to the user, naming it
    std::fs::write(
        dir.path().join("citelint.toml"),
        "ignore = [\"no-such-rule\"]\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config.as_str(), "type": 2}]}),
    );
    let shown = c.next_notification("window/showMessage");
    let message = shown["message"].as_str().unwrap();
    assert!(
        message.contains("citelint.toml") && message.contains("no-such-rule"),
        "{message}"
    );
    c.stop();
}

#[test]
fn the_checked_extensions_and_the_hover_style_come_from_the_options() {
    let options = json!({"extensions": ["tex"], "cslStyle": "ieee", "debounceMs": 0});
    let parsed: Options = serde_json::from_value(options.clone()).unwrap();
    assert_eq!(parsed.csl_style.as_deref(), Some("ieee"));
    let mut c = Client::start_with(crate::check_with, json!({}), options);
    c.open("file:///nowhere/skipped.txt", "See [9].");
    c.open("file:///nowhere/paper.tex", DOC);
    let published = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(published["uri"], "file:///nowhere/paper.tex");
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/paper.tex"}, "position": {"line": 0, "character": 5}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    // IEEE: initials first, the title in quotes
    assert!(
        value.contains("J. Smith, “Fish of the northern seas,”"),
        "{value}"
    );
    // a document outside the set is not served
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/skipped.txt"}, "position": {"line": 0, "character": 5}}),
    );
    assert_eq!(none, Value::Null);
    c.stop();
}

#[test]
fn unknown_options_are_reported_and_the_defaults_used() {
    let c = Client::start_with(crate::check_with, json!({}), json!({"colour": "red"}));
    let shown = c.next_notification("window/showMessage");
    assert!(
        shown["message"].as_str().unwrap().contains("colour"),
        "{shown}"
    );
    c.open("file:///nowhere/e.md", DOC);
    let published = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"][0]["code"], "CL001");
    c.stop();
}

#[test]
fn bad_requests_get_errors_and_the_server_goes_on() {
    let c = Client::start(crate::check_with, json!({}));
    let uri = "file:///nowhere/f.txt";
    c.open(uri, DOC);
    c.next_notification("textDocument/publishDiagnostics");
    let error_of = |id: i32, method: &str, params: Value| {
        c.conn
            .sender
            .send(Request::new(RequestId::from(id), method.into(), params).into())
            .unwrap();
        loop {
            if let Message::Response(r) = c.recv() {
                assert_eq!(r.id, RequestId::from(id));
                return r.response_result.expect_err("an error").code;
            }
        }
    };
    assert_eq!(
        error_of(
            100,
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}})
        ),
        ErrorCode::MethodNotFound as i32
    );
    assert_eq!(
        error_of(101, "textDocument/hover", json!({"position": {"line": 0}})),
        ErrorCode::InvalidParams as i32
    );
    assert_eq!(
        error_of(
            102,
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": "x"})
        ),
        ErrorCode::InvalidParams as i32
    );
    // a change past the end of the text is clamped, not a crash
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 99, "character": 0},
                                             "end": {"line": 99, "character": 5}},
                                   "text": "2. Lee K. Birds of the southern isles. Ibis. 2002;2:2-9.\n"}]}),
    );
    let published = c.next_notification("textDocument/publishDiagnostics");
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));
    c.stop();
}
