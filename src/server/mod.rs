//! `citelint server`: a Language Server Protocol server, on the same
//! library, rules, codes and configuration as `check`.
//!
//! Built on `lsp-server` (the synchronous transport and message types that
//! rust-analyzer and ruff use) and `lsp-types`. The message loop on the
//! calling thread holds the open documents and answers requests; one worker
//! thread ([`worker`]) checks documents after a short debounce and sends
//! the results back; a result for a version the editor has moved past is
//! dropped, and a request about a document whose latest version is not
//! checked yet waits for that check (so that every answer belongs to the
//! text the editor shows). A panic in a check or a request becomes a
//! logged error, and the server goes on.
//!
//! Nothing here prints: messages go through the [`Connection`] given to
//! [`run`], logs as `window/logMessage`.
//!
//! Client options (`initializationOptions`, all optional):
//! `{"extensions": ["txt", "md", "markdown", "text"], "cslStyle": "apa",
//! "debounceMs": 150}`.

pub mod actions;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod navigation;
pub mod positions;
pub mod settings;
pub mod worker;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::{select, Receiver};
use lsp_server::{Connection, ErrorCode, Message, Notification, ProtocolError, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification as notif, request as req, InitializeParams, MessageType, Uri};
use serde::Deserialize;
use serde_json::Value;

use documents::{is_checked, Document, DEFAULT_EXTENSIONS};
use positions::{Encoding, Lines};
use worker::{Analysis, CheckFn, Job, Outcome, Worker};

/// What the client may set in `initializationOptions`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// File extensions checked (without the dot).
    pub extensions: Vec<String>,
    /// The CSL style hovers format entries in (a bundled style name or a
    /// `.csl` path; `apa` when unset).
    pub csl_style: Option<String>,
    /// How long to wait after a change before checking, in milliseconds.
    pub debounce_ms: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
            csl_style: None,
            debounce_ms: 150,
        }
    }
}

/// Why the server stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The client broke the protocol (or went away during the handshake).
    #[error("{0}")]
    Protocol(#[from] ProtocolError),
    /// The `initialize` parameters could not be read.
    #[error("invalid initialize parameters: {0}")]
    Initialize(#[from] serde_json::Error),
    /// The worker thread could not be started.
    #[error("cannot start the checking thread: {0}")]
    Thread(#[from] std::io::Error),
    /// The client sent `exit` without `shutdown` first (the protocol asks
    /// for exit code 1 then).
    #[error("the client sent `exit` before `shutdown`")]
    ExitWithoutShutdown,
}

/// Serves one client on `connection` until it sends `shutdown` and `exit`
/// (or goes away).
pub fn run(connection: Connection) -> Result<(), ServerError> {
    run_with(connection, crate::check_with)
}

/// [`run`] with another check function (tests make one that panics).
pub fn run_with(connection: Connection, check: CheckFn) -> Result<(), ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let caps = &params.capabilities;
    let encoding = Encoding::negotiate(
        caps.general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let (options, options_error) = match params.initialization_options {
        None | Some(Value::Null) => (Options::default(), None),
        Some(v) => match serde_json::from_value::<Options>(v) {
            Ok(o) => (o, None),
            Err(e) => (Options::default(), Some(e.to_string())),
        },
    };
    let watch = caps
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": {"name": "citelint", "version": env!("CARGO_PKG_VERSION")},
    });
    connection.initialize_finish(id, result)?;

    let (done_tx, done) = crossbeam_channel::unbounded();
    let worker = Worker::spawn(Duration::from_millis(options.debounce_ms), check, done_tx)?;
    let mut server = Server {
        conn: connection,
        encoding,
        options,
        docs: HashMap::new(),
        analyses: HashMap::new(),
        waiting: Vec::new(),
        jobs: worker.jobs,
        done,
        next_id: 0,
        config_error: None,
    };
    if let Some(e) = options_error {
        server.show(
            MessageType::WARNING,
            format!("citelint: initializationOptions ignored: {e}"),
        );
    }
    if watch {
        server.register_watcher();
    }
    server.main_loop()
}

/// The capabilities announced at `initialize`.
fn capabilities(encoding: Encoding) -> lsp_types::ServerCapabilities {
    use lsp_types::*;
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(actions::kinds()),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// What a request handler sees: one checked document version.
pub struct Ctx<'a> {
    /// The document.
    pub uri: &'a Uri,
    /// Its text.
    pub text: &'a str,
    /// The check of that text.
    pub checked: &'a crate::Checked,
    /// Position conversion for that text.
    pub lines: Lines<'a>,
    /// The client's options.
    pub options: &'a Options,
    /// The fix plans of this version, once made.
    pub plans: &'a actions::Plans,
}

struct Server {
    conn: Connection,
    encoding: Encoding,
    options: Options,
    docs: HashMap<Uri, Document>,
    /// The latest analysis of each open document's current version.
    analyses: HashMap<Uri, Arc<Analysis>>,
    /// Requests about documents whose current version is being checked.
    waiting: Vec<(Uri, Request)>,
    jobs: crossbeam_channel::Sender<Job>,
    done: Receiver<Analysis>,
    next_id: i32,
    /// The configuration error last shown, not to show it on every keystroke.
    config_error: Option<String>,
}

impl Server {
    fn main_loop(&mut self) -> Result<(), ServerError> {
        loop {
            select! {
                recv(self.conn.receiver) -> msg => {
                    let Ok(msg) = msg else { return Ok(()) };
                    match msg {
                        Message::Request(r) => {
                            if self.conn.handle_shutdown(&r)? {
                                return Ok(());
                            }
                            self.on_request(r);
                        }
                        Message::Notification(n) if n.method == notif::Exit::METHOD => {
                            return Err(ServerError::ExitWithoutShutdown);
                        }
                        Message::Notification(n) => self.on_notification(n),
                        Message::Response(_) => {}
                    }
                }
                recv(self.done) -> a => {
                    if let Ok(a) = a {
                        self.on_analysis(a);
                    }
                }
            }
        }
    }

    fn send(&self, msg: impl Into<Message>) {
        // the client has gone when this fails; the loop ends on its own
        let _ = self.conn.sender.send(msg.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify::<notif::LogMessage>(lsp_types::LogMessageParams { typ, message });
    }

    fn show(&self, typ: MessageType, message: String) {
        self.log(typ, message.clone());
        self.notify::<notif::ShowMessage>(lsp_types::ShowMessageParams { typ, message });
    }

    /// Asks the client to tell about changes to configuration files.
    fn register_watcher(&mut self) {
        use lsp_types::*;
        let watchers: Vec<FileSystemWatcher> = crate::config::FILE_NAMES
            .iter()
            .map(|n| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{n}")),
                kind: None,
            })
            .collect();
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "citelint-config".into(),
                method: notif::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers,
                })
                .ok(),
            }],
        };
        self.next_id += 1;
        self.send(Request::new(
            format!("citelint/{}", self.next_id).into(),
            req::RegisterCapability::METHOD.into(),
            params,
        ));
    }

    fn submit(&self, uri: &Uri) {
        if let Some(doc) = self.docs.get(uri) {
            let _ = self.jobs.send(Job {
                uri: uri.clone(),
                version: doc.version,
                text: doc.text.clone(),
            });
        }
    }

    fn on_notification(&mut self, n: Notification) {
        let params = n.params;
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let Ok(p) = parse::<lsp_types::DidOpenTextDocumentParams>(params) else {
                    return;
                };
                let d = p.text_document;
                if !is_checked(&d.uri, &self.options.extensions) {
                    return;
                }
                let doc = Document {
                    text: Arc::from(d.text),
                    version: d.version,
                };
                self.docs.insert(d.uri.clone(), doc);
                self.submit(&d.uri);
            }
            notif::DidChangeTextDocument::METHOD => {
                let Ok(p) = parse::<lsp_types::DidChangeTextDocumentParams>(params) else {
                    return;
                };
                let uri = p.text_document.uri;
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return;
                };
                doc.apply(p.content_changes, self.encoding);
                doc.version = p.text_document.version;
                self.submit(&uri);
            }
            notif::DidSaveTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidSaveTextDocumentParams>(params) {
                    self.submit(&p.text_document.uri);
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                let Ok(p) = parse::<lsp_types::DidCloseTextDocumentParams>(params) else {
                    return;
                };
                let uri = p.text_document.uri;
                if self.docs.remove(&uri).is_some() {
                    self.analyses.remove(&uri);
                    self.publish(&uri, Vec::new(), None);
                    self.release_waiting(&uri, None);
                }
            }
            notif::DidChangeWatchedFiles::METHOD => {
                // a configuration file changed: check every open document again
                let uris: Vec<Uri> = self.docs.keys().cloned().collect();
                for uri in &uris {
                    self.submit(uri);
                }
            }
            notif::Cancel::METHOD => {
                let Ok(p) = parse::<lsp_types::CancelParams>(params) else {
                    return;
                };
                let id: lsp_server::RequestId = match p.id {
                    lsp_types::NumberOrString::Number(i) => i.into(),
                    lsp_types::NumberOrString::String(s) => s.into(),
                };
                if let Some(i) = self.waiting.iter().position(|(_, r)| r.id == id) {
                    let (_, r) = self.waiting.remove(i);
                    self.send(Response::new_err(
                        r.id,
                        ErrorCode::RequestCanceled as i32,
                        "cancelled".into(),
                    ));
                }
            }
            _ => {}
        }
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify::<notif::PublishDiagnostics>(lsp_types::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        });
    }

    fn on_analysis(&mut self, a: Analysis) {
        let current = self.docs.get(&a.uri).map(|d| d.version);
        if current != Some(a.version) {
            return; // the editor has moved on (or closed the document)
        }
        let uri = a.uri.clone();
        let diagnostics = match &a.outcome {
            Outcome::Checked(checked) => {
                let lines = Lines::new(&a.text, &a.index, self.encoding);
                let ds = checked
                    .diagnostics
                    .iter()
                    .map(|d| diagnostics::to_lsp(d, &uri, &lines))
                    .collect();
                self.config_error = None;
                ds
            }
            Outcome::ConfigError(e) => {
                if self.config_error.as_ref() != Some(e) {
                    self.show(MessageType::ERROR, format!("citelint: {e}"));
                    self.config_error = Some(e.clone());
                }
                Vec::new()
            }
            Outcome::Panicked(m) => {
                self.log(
                    MessageType::ERROR,
                    format!(
                        "citelint: checking {} (version {}) failed: {m}",
                        uri.as_str(),
                        a.version
                    ),
                );
                Vec::new()
            }
        };
        self.publish(&uri, diagnostics, Some(a.version));
        let a = Arc::new(a);
        self.analyses.insert(uri.clone(), a.clone());
        self.release_waiting(&uri, Some(&a));
    }

    /// Answers the requests that waited for `uri` (with nothing when the
    /// document was closed).
    fn release_waiting(&mut self, uri: &Uri, analysis: Option<&Arc<Analysis>>) {
        let (ready, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|(u, _)| u == uri);
        self.waiting = rest;
        for (_, r) in ready {
            match analysis {
                Some(a) => self.answer(r, a),
                None => self.send(Response::new_ok(r.id, Value::Null)),
            }
        }
    }

    fn on_request(&mut self, r: Request) {
        if !handles(&r.method) {
            self.send(Response::new_err(
                r.id,
                ErrorCode::MethodNotFound as i32,
                format!("citelint does not handle `{}`", r.method),
            ));
            return;
        }
        let uri = r
            .params
            .get("textDocument")
            .and_then(|d| d.get("uri"))
            .and_then(|u| serde_json::from_value::<Uri>(u.clone()).ok());
        let Some(uri) = uri else {
            self.send(Response::new_err(
                r.id,
                ErrorCode::InvalidParams as i32,
                "no `textDocument.uri`".into(),
            ));
            return;
        };
        let Some(doc) = self.docs.get(&uri) else {
            self.send(Response::new_ok(r.id, Value::Null));
            return;
        };
        match self.analyses.get(&uri) {
            Some(a) if a.version == doc.version => {
                let a = a.clone();
                self.answer(r, &a);
            }
            _ => self.waiting.push((uri, r)),
        }
    }

    /// Answers `r` from analysis `a`; a panic becomes an error response.
    fn answer(&self, r: Request, a: &Analysis) {
        let Some(checked) = a.checked() else {
            self.send(Response::new_ok(r.id, Value::Null));
            return;
        };
        let ctx = Ctx {
            uri: &a.uri,
            text: &a.text,
            checked,
            lines: Lines::new(&a.text, &a.index, self.encoding),
            options: &self.options,
            plans: &a.plans,
        };
        let id = r.id.clone();
        let method = r.method.clone();
        match catch_unwind(AssertUnwindSafe(|| dispatch(&ctx, r))) {
            Ok(Ok(v)) => self.send(Response::new_ok(id, v)),
            Ok(Err(e)) => self.send(Response::new_err(id, ErrorCode::InvalidParams as i32, e)),
            Err(_) => {
                self.log(
                    MessageType::ERROR,
                    format!(
                        "citelint: `{method}` on {} failed (a panic)",
                        a.uri.as_str()
                    ),
                );
                self.send(Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    "internal error".into(),
                ));
            }
        }
    }
}

/// Whether the server answers requests of `method`.
fn handles(method: &str) -> bool {
    matches!(
        method,
        req::HoverRequest::METHOD
            | req::GotoDefinition::METHOD
            | req::References::METHOD
            | req::DocumentSymbolRequest::METHOD
            | req::DocumentLinkRequest::METHOD
            | req::CodeActionRequest::METHOD
    )
}

/// A notification's parameters (a malformed notification is ignored).
fn parse<P: serde::de::DeserializeOwned>(v: Value) -> Result<P, serde_json::Error> {
    serde_json::from_value(v)
}

fn params<P: serde::de::DeserializeOwned>(r: Request) -> Result<P, String> {
    serde_json::from_value(r.params).map_err(|e| format!("invalid parameters: {e}"))
}

fn to_value(v: impl serde::Serialize) -> Result<Value, String> {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// Runs the handler of `r`'s method.
fn dispatch(ctx: &Ctx, r: Request) -> Result<Value, String> {
    match r.method.as_str() {
        req::HoverRequest::METHOD => to_value(hover::hover(ctx, &params(r)?)),
        req::GotoDefinition::METHOD => to_value(navigation::definition(ctx, &params(r)?)),
        req::References::METHOD => to_value(navigation::references(ctx, &params(r)?)),
        req::DocumentSymbolRequest::METHOD => to_value(navigation::symbols(ctx)),
        req::DocumentLinkRequest::METHOD => to_value(navigation::links(ctx)),
        req::CodeActionRequest::METHOD => to_value(actions::code_actions(ctx, &params(r)?)),
        m => Err(format!("citelint does not handle `{m}`")),
    }
}

#[cfg(test)]
mod tests;
