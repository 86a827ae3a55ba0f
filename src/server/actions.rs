//! Code actions: each finding's fix as a quick fix (a safe fix preferred,
//! an unsafe one titled as such, a display-only one not offered: it needs a
//! person), "fix all safe problems" (`citelint fix --no-renumber`) and
//! "renumber citations into order of first citation" (`citelint fix`).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::diagnostics::to_lsp;
use super::Ctx;
use crate::diagnostic::Applicability;
use crate::fix::{plan, FixOptions};
use crate::source::Span;

/// The kind of "fix all safe problems".
pub const FIX_ALL: &str = "source.fixAll.citelint";
/// The kind of "renumber citations into order of first citation".
pub const RENUMBER: &str = "source.renumber.citelint";

/// The kinds the server offers.
pub fn kinds() -> Vec<CodeActionKind> {
    vec![
        CodeActionKind::QUICKFIX,
        CodeActionKind::new(FIX_ALL),
        CodeActionKind::new(RENUMBER),
    ]
}

fn edit(ctx: &Ctx, edits: impl Iterator<Item = (Span, String)>) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = edits
        .map(|(span, new_text)| TextEdit {
            range: ctx.lines.range(span),
            new_text,
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(ctx.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// Whether the client asked for actions of `kind` (all, without `only`).
fn wanted(p: &CodeActionParams, kind: &str) -> bool {
    p.context.only.as_ref().is_none_or(|only| {
        only.iter().any(|o| {
            let o = o.as_str();
            kind == o || kind.strip_prefix(o).is_some_and(|r| r.starts_with('.'))
        })
    })
}

/// The actions for the request's range.
pub fn code_actions(ctx: &Ctx, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let range = ctx.lines.span(p.range);
    let mut out = Vec::new();
    if wanted(p, CodeActionKind::QUICKFIX.as_str()) {
        for d in &ctx.checked.diagnostics {
            let Some(fix) = &d.fix else { continue };
            let touches = d.span.start <= range.end && range.start <= d.span.end;
            if !touches || fix.applicability == Applicability::DisplayOnly {
                continue;
            }
            let safe = fix.applicability == Applicability::Safe;
            let title = if safe {
                fix.title.clone()
            } else {
                format!("{} (unsafe: check the result)", fix.title)
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(d, ctx.uri, &ctx.lines)]),
                edit: Some(edit(
                    ctx,
                    fix.edits.iter().map(|e| (e.span, e.replacement.clone())),
                )),
                is_preferred: Some(safe),
                ..CodeAction::default()
            }));
        }
    }
    let whole = [
        (
            FIX_ALL,
            "Fix all safe citelint problems",
            FixOptions {
                unsafe_fixes: false,
                compress_ranges: false,
                renumber: false,
            },
        ),
        (
            RENUMBER,
            "Renumber citations into order of first citation",
            FixOptions::default(),
        ),
    ];
    for (kind, title, opts) in whole {
        if !wanted(p, kind) {
            continue;
        }
        let planned = plan(ctx.text, ctx.checked, &opts);
        if planned.is_empty() || (opts.renumber && !planned.renumbered) {
            continue;
        }
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: title.into(),
            kind: Some(CodeActionKind::new(kind)),
            edit: Some(edit(
                ctx,
                planned.edits.into_iter().map(|e| (e.span, e.replacement)),
            )),
            ..CodeAction::default()
        }));
    }
    out
}
