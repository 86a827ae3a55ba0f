//! `citelint server` end to end: the built binary driven over stdio as an
//! editor's client would, on the seed manuscript.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

/// A client of a `citelint server` child process.
pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: mpsc::Receiver<Value>,
    next: i64,
    /// Notifications received while waiting for responses, in order.
    backlog: Vec<Value>,
    /// The result of `initialize`.
    pub initialized: Value,
}

/// Reads `Content-Length` framed messages until the stream ends.
fn read_messages(out: impl Read, tx: mpsc::Sender<Value>) {
    let mut r = BufReader::new(out);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let msg: Value = serde_json::from_slice(&body).expect("a JSON message");
        if tx.send(msg).is_err() {
            return;
        }
    }
}

impl Client {
    /// Starts the server and initializes it with `capabilities`.
    pub fn start(capabilities: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_citelint"))
            .arg("server")
            .current_dir(crate::root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("citelint server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || read_messages(stdout, tx));
        let mut c = Client {
            child,
            stdin,
            incoming,
            next: 0,
            backlog: Vec::new(),
            initialized: Value::Null,
        };
        let init = c.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": {"debounceMs": 20}}),
        );
        c.notify("initialized", json!({}));
        c.initialized = init;
        c
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_vec(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self) -> Value {
        self.incoming
            .recv_timeout(Duration::from_secs(60))
            .expect("the server sends a message within a minute")
    }

    /// Sends a request and returns its result (a server error fails).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.recv();
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                assert!(msg.get("error").is_none(), "{method}: {msg}");
                return msg["result"].clone();
            }
            if msg.get("id").is_none() {
                self.backlog.push(msg);
            }
        }
    }

    /// The next `publishDiagnostics` for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        let found = self.backlog.iter().position(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        if let Some(i) = found {
            return self.backlog.remove(i)["params"].clone();
        }
        loop {
            let msg = self.recv();
            if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
                return msg["params"].clone();
            }
        }
    }

    /// shutdown, exit, and the process's exit status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap()
    }
}

/// A `file:` URI for a path of plain ASCII characters.
fn file_uri(path: &std::path::Path) -> String {
    let p = path.to_str().unwrap();
    assert!(p.bytes().all(|b| b.is_ascii_graphic() && b != b'%'));
    format!("file://{p}")
}

/// The (line, byte column) of byte `offset`: positions are UTF-8 here.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let col = offset - before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

/// The byte offset of a UTF-8 position.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let col = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + col
}

/// The text a range covers.
fn slice<'a>(text: &'a str, range: &Value) -> &'a str {
    &text[offset(text, &range["start"])..offset(text, &range["end"])]
}

/// Applies LSP text edits (UTF-8 positions, non-overlapping).
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e, new) in spans {
        out.push_str(&text[at..s]);
        out.push_str(new);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_editor_session_on_the_seed_manuscript() {
    let path = crate::root().join("paper/cyberspace-governance.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(c.initialized["capabilities"]["positionEncoding"], "utf-8");

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let published = c.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let ds = published["diagnostics"].as_array().unwrap().clone();
    // exactly the two unresolved citations and the stray bullet
    assert_eq!(codes(&published), ["CL001", "CL001", "CL003"]);
    let covered: Vec<&str> = ds.iter().map(|d| slice(&text, &d["range"])).collect();
    assert_eq!(covered, ["^[3]", "^[4]", "-"]);
    assert_eq!(ds[0]["severity"], 1);
    assert_eq!(ds[2]["severity"], 2);
    assert_eq!(ds[0]["source"], "citelint");
    let link = ds[0]["codeDescription"]["href"].as_str().unwrap();
    assert!(link.ends_with("/unresolved-citation.md"), "{link}");

    // hover on the first `^[1]`: Li Hongyuan's entry
    let first = text.find("^[1]").unwrap();
    let at = json!({"textDocument": {"uri": uri}, "position": position(&text, first + 1)});
    let hover = c.request("textDocument/hover", at.clone());
    let shown = hover["contents"]["value"].as_str().unwrap();
    // in the default CSL style (APA), and as written in the list
    assert!(shown.contains("Li, H. (2008)."), "{shown}");
    assert!(shown.contains("Li Hongyuan"), "{shown}");
    assert!(shown.contains("On Network Sovereignty"), "{shown}");
    assert!(!shown.contains("Cui Wenbo"), "{shown}");
    assert_eq!(slice(&text, &hover["range"]), "^[1]");

    // hover on `^[3]`: not in the list
    let three = text.find("^[3]").unwrap();
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(&text, three)}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("`3` is not in the reference list"),
        "{shown}"
    );

    // definition of `^[1]` lands on entry [1]
    let def = c.request("textDocument/definition", at);
    let target = slice(&text, &def["range"]);
    assert!(target.contains("[1] Li Hongyuan. 2008(08)."), "{target}");
    assert!(!target.contains("[2]"), "{target}");
    assert_eq!(def["uri"], uri);

    // references of entry [1]: its five markers
    let entry = text.find("Li Hongyuan").unwrap();
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": position(&text, entry),
               "context": {"includeDeclaration": false}}),
    );
    let refs = refs.as_array().unwrap();
    let mut starts: Vec<usize> = refs
        .iter()
        .map(|l| {
            assert_eq!(slice(&text, &l["range"]), "^[1]");
            offset(&text, &l["range"]["start"])
        })
        .collect();
    starts.dedup();
    let expected: Vec<usize> = text.match_indices("^[1]").map(|(i, _)| i).collect();
    assert_eq!(starts, expected);
    assert_eq!(starts.len(), 5);

    // the quick fix on the stray bullet removes it
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": ds[2]["range"],
               "context": {"diagnostics": [ds[2]], "only": ["quickfix"]}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply(&text, edits);
    assert!(!fixed.contains("\n-\n"), "the stray bullet is gone");
    assert_eq!(fixed.len(), text.len() - 2);

    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = c.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(codes(&published), ["CL001", "CL001"]);

    // adding entries [3] and [4] at the end (an incremental change) clears them
    let added = "\n[3] Zhang San. 2015. Cyberspace as the Fifth Space [J]. Global Review.\n\
                 [4] Wang Wu. 2019. Hard Law and Soft Law in Cyberspace [J]. Legal Forum.\n";
    let end = position(&fixed, fixed.len());
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [{"range": {"start": end, "end": end}, "text": added}]}),
    );
    let published = c.diagnostics(&uri);
    assert_eq!(published["version"], 3);
    assert_eq!(codes(&published), Vec::<String>::new());

    // closing clears
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let published = c.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]));

    let status = c.stop();
    assert!(status.success(), "{status:?}");
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut c = Client::start(json!({}));
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}
