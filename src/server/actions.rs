//! Code actions: each finding's fix as a quick fix (a safe fix preferred,
//! an unsafe one titled as such, a display-only one not offered: it needs a
//! person), "fix all safe problems" (`citelint fix --no-renumber`) and
//! "renumber citations into order of first citation" (`citelint fix`).

use std::collections::HashMap;
use std::sync::OnceLock;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::diagnostics::to_lsp;
use super::Ctx;
use crate::diagnostic::Applicability;
use crate::fix::{plan, FixOptions, FixPlan};
use crate::source::Span;

/// The kind of "fix all safe problems".
pub const FIX_ALL: &str = "source.fixAll.citelint";
/// The kind of "renumber citations into order of first citation".
pub const RENUMBER: &str = "source.renumber.citelint";

/// The whole-text plans of one checked version, made when first asked for
/// (a client asks for code actions at every move of the cursor).
#[derive(Debug, Default)]
pub struct Plans {
    safe: OnceLock<FixPlan>,
    renumber: OnceLock<FixPlan>,
}

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
            &ctx.plans.safe,
            FIX_ALL,
            "Fix all safe citelint problems",
            FixOptions {
                unsafe_fixes: false,
                compress_ranges: false,
                renumber: false,
            },
        ),
        (
            &ctx.plans.renumber,
            RENUMBER,
            "Renumber citations into order of first citation",
            FixOptions::default(),
        ),
    ];
    for (cache, kind, title, opts) in whole {
        if !wanted(p, kind) {
            continue;
        }
        let planned = cache.get_or_init(|| plan(ctx.text, ctx.checked, &opts));
        if planned.is_empty() || (opts.renumber && !planned.renumbered) {
            continue;
        }
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: title.into(),
            kind: Some(CodeActionKind::new(kind)),
            edit: Some(edit(
                ctx,
                planned
                    .edits
                    .iter()
                    .map(|e| (e.span, e.replacement.clone())),
            )),
            ..CodeAction::default()
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::tests::with_ctx;
    use crate::server::Options;

    const TEXT: &str = "Birds [2] and fish [1, 1].\n\nReferences\n\n\
        1. Smith J. Fish of the northern seas. J Zool. 2001;1:1-5.\n\
        2. Lee K. Birds of the southern isles. Ibis. 2002;2:2-9.\n\
        3. Wu L. Nothing cites this one at all. Nature. 2003;3:3-4.\n";

    fn actions(ctx: &Ctx, span: Span, only: Option<&[&str]>) -> Vec<CodeAction> {
        let p = CodeActionParams {
            text_document: lsp_types::TextDocumentIdentifier::new(ctx.uri.clone()),
            range: ctx.lines.range(span),
            context: lsp_types::CodeActionContext {
                diagnostics: Vec::new(),
                only: only.map(|o| {
                    o.iter()
                        .map(|k| CodeActionKind::from(k.to_string()))
                        .collect()
                }),
                trigger_kind: None,
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        code_actions(ctx, &p)
            .into_iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a,
                CodeActionOrCommand::Command(c) => panic!("a bare command {c:?}"),
            })
            .collect()
    }

    /// The text after the action's edits.
    fn after(ctx: &Ctx, a: &CodeAction) -> String {
        let edits = &a.edit.as_ref().unwrap().changes.as_ref().unwrap()[ctx.uri];
        let edits: Vec<crate::fix::Edit> = edits
            .iter()
            .map(|e| crate::fix::Edit {
                span: ctx.lines.span(e.range),
                replacement: e.new_text.clone(),
            })
            .collect();
        crate::fix::apply(ctx.text, &edits).unwrap()
    }

    #[test]
    fn safe_fixes_are_preferred_and_unsafe_ones_say_so() {
        with_ctx(TEXT, &Options::default(), |ctx| {
            let marker = TEXT.find("[1, 1]").unwrap();
            // the finding is on the repeated number
            let quick = actions(ctx, Span::new(marker + 4, marker + 4), Some(&["quickfix"]));
            assert_eq!(quick.len(), 1, "{quick:?}");
            assert_eq!(quick[0].is_preferred, Some(true));
            assert!(after(ctx, &quick[0]).contains("fish [1]."));

            let entry = TEXT.find("3. Wu").unwrap();
            // the finding is on the entry's label
            let quick = actions(ctx, Span::new(entry, entry + 1), Some(&["quickfix"]));
            assert_eq!(quick.len(), 1, "{quick:?}");
            assert_eq!(quick[0].is_preferred, Some(false));
            assert!(quick[0].title.contains("unsafe"), "{}", quick[0].title);
            assert!(!after(ctx, &quick[0]).contains("Wu L."));
        });
    }

    #[test]
    fn fix_all_and_renumber_act_on_the_whole_text() {
        with_ctx(TEXT, &Options::default(), |ctx| {
            let all = actions(ctx, Span::new(0, 0), Some(&["source"]));
            let kinds: Vec<&str> = all
                .iter()
                .map(|a| a.kind.as_ref().unwrap().as_str())
                .collect();
            assert_eq!(kinds, [FIX_ALL, RENUMBER]);
            // the safe fixes only: the repeated number goes, the order stays
            let fixed = after(ctx, &all[0]);
            assert!(fixed.starts_with("Birds [2] and fish [1]."), "{fixed}");
            assert!(fixed.contains("3. Wu L."));
            // renumbered into order of first citation (with the safe fixes)
            let renumbered = after(ctx, &all[1]);
            assert!(
                renumbered.starts_with("Birds [1] and fish [2]."),
                "{renumbered}"
            );
            assert!(renumbered.contains("1. Lee K. Birds"), "{renumbered}");
            // `only` filters by kind and sub-kind
            let only = actions(ctx, Span::new(0, 0), Some(&["source.fixAll"]));
            assert_eq!(only.len(), 1);
            assert!(actions(ctx, Span::new(0, 0), Some(&["refactor"])).is_empty());
        });
    }
}
