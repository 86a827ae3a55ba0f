//! `fix` on a key-citing manuscript: a key with one nearest key is
//! corrected to it, and an entry no key cites is removed from its `.bib`
//! file. Both are unsafe (applied with `--unsafe-fixes` only). An entry
//! that a corrected key comes to cite is kept, and so is one that is among
//! the nearest keys of a key left unknown (it may be the one meant).

use std::collections::{HashMap, HashSet};

use super::near::nearest;

use crate::diagnostic::Applicability;
use crate::fix::Edit;
use crate::report::Checked;
use crate::rules::Rule;
use crate::source::Span;

/// One repair, or one left undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// The file it is in (`None`: the manuscript).
    pub file: Option<String>,
    /// Where, in that file.
    pub span: Span,
    /// `correct-key` or `remove-unused-entry`.
    pub kind: &'static str,
    /// What was done, or why not.
    pub message: String,
}

/// The edits of one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileEdits {
    /// The file (`None`: the manuscript).
    pub file: Option<String>,
    /// Its edits, in text order, not overlapping.
    pub edits: Vec<Edit>,
}

/// What [`plan`] decides.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyFixPlan {
    /// The edits, file by file (the manuscript's first, when it has any).
    pub files: Vec<FileEdits>,
    /// The repairs made.
    pub applied: Vec<Repair>,
    /// The repairs not made, and why.
    pub skipped: Vec<Repair>,
}

/// Plans the repairs of a checked key-citing manuscript.
pub fn plan(checked: &Checked, unsafe_fixes: bool) -> KeyFixPlan {
    let mut out = KeyFixPlan::default();
    let mut corrected: HashSet<&str> = HashSet::new();
    // entries an unknown key may have meant, when it has several near keys
    let mut meant: HashMap<String, String> = HashMap::new();
    if let Some(keyed) = &checked.keys {
        let known = keyed.by_key();
        for c in keyed
            .cites
            .iter()
            .filter(|c| !known.contains_key(c.key.as_str()))
        {
            let near = nearest(&c.key, keyed.entries.iter().map(|e| e.key.as_str()));
            if near.len() > 1 {
                for k in near {
                    meant.entry(k.to_string()).or_insert_with(|| c.key.clone());
                }
            }
        }
    }
    let fixable = |rule| matches!(rule, Rule::UnknownKey | Rule::UnusedEntry);
    // key corrections first: the entries they come to cite are kept
    let mut ordered: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| fixable(d.rule) && d.fix.is_some())
        .collect();
    ordered.sort_by_key(|d| d.rule != Rule::UnknownKey);
    for d in ordered {
        let Some(fix) = &d.fix else { continue };
        let kind = if d.rule == Rule::UnknownKey {
            "correct-key"
        } else {
            "remove-unused-entry"
        };
        let repair = |message: String| Repair {
            file: d.file.clone(),
            span: d.span,
            kind,
            message,
        };
        if fix.applicability < Applicability::Unsafe
            || (fix.applicability == Applicability::Unsafe && !unsafe_fixes)
        {
            out.skipped.push(repair(format!(
                "{} (unsafe: run with --unsafe-fixes)",
                fix.title
            )));
            continue;
        }
        if d.rule == Rule::UnknownKey {
            for e in &fix.edits {
                corrected.insert(e.replacement.as_str());
            }
        } else if let Some(key) = entry_key(&d.message).filter(|k| corrected.contains(k)) {
            out.skipped.push(repair(format!(
                "`{key}` is kept: a corrected key now cites it"
            )));
            continue;
        } else if let Some((key, by)) =
            entry_key(&d.message).and_then(|k| meant.get(k).map(|b| (k, b)))
        {
            out.skipped.push(repair(format!(
                "`{key}` is kept: it may be what `{by}` means"
            )));
            continue;
        }
        let slot = match out.files.iter().position(|f| f.file == d.file) {
            Some(i) => i,
            None => {
                out.files.push(FileEdits {
                    file: d.file.clone(),
                    edits: Vec::new(),
                });
                out.files.len() - 1
            }
        };
        out.files[slot].edits.extend(fix.edits.iter().map(|e| Edit {
            span: e.span,
            replacement: e.replacement.clone(),
        }));
        out.applied.push(repair(fix.title.clone()));
    }
    out.files.sort_by(|a, b| a.file.cmp(&b.file));
    for f in &mut out.files {
        f.edits.sort_by_key(|e| e.span);
    }
    out
}

/// The key an `unused-entry` message names (between the first backticks).
fn entry_key(message: &str) -> Option<&str> {
    let rest = message.split_once('`')?.1;
    Some(rest.split_once('`')?.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Keyed, Syntax};

    const BIB: &str = "@article{smith2008, author = {Smith, J.}, title = {Fish}, year = 2008}\n\n@article{lee2010, author = {Lee, K.}, title = {Birds}, year = 2010}\n\n@article{old1999, author = {Old, O.}, title = {Gone}, year = 1999}\n";

    fn planned(text: &str, bib: &str, unsafe_fixes: bool) -> (KeyFixPlan, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.bib");
        std::fs::write(&path, bib).unwrap();
        let keyed = Keyed::read(None, text, Syntax::Pandoc, &[path])
            .unwrap()
            .unwrap();
        let checked = crate::keys::check(text, keyed, &Default::default());
        let plan = plan(&checked, unsafe_fixes);
        let bib_text = checked.keys.as_ref().unwrap().files[0].text.clone();
        (plan, bib_text)
    }

    fn messages(rs: &[Repair]) -> Vec<&str> {
        rs.iter().map(|r| r.message.as_str()).collect()
    }

    #[test]
    fn nothing_is_repaired_without_unsafe_fixes() {
        let (plan, _) = planned("See [@smtih2008] and [@lee2010].", BIB, false);
        assert!(plan.files.is_empty() && plan.applied.is_empty());
        // the typo, and smith2008 and old1999 (uncited as the text stands)
        assert_eq!(plan.skipped.len(), 3);
        assert!(plan
            .skipped
            .iter()
            .all(|r| r.message.ends_with("(unsafe: run with --unsafe-fixes)")));
    }

    #[test]
    fn a_corrected_key_keeps_the_entry_it_comes_to_cite() {
        let text = "See [@smtih2008] and [@lee2010].";
        let (plan, bib) = planned(text, BIB, true);
        let kinds: Vec<&str> = plan.applied.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, ["correct-key", "remove-unused-entry"]);
        assert_eq!(
            messages(&plan.skipped),
            ["`smith2008` is kept: a corrected key now cites it"]
        );
        assert_eq!(plan.files[0].file, None);
        assert_eq!(
            crate::fix::apply(text, &plan.files[0].edits).unwrap(),
            "See [@smith2008] and [@lee2010]."
        );
        let new_bib = crate::fix::apply(&bib, &plan.files[1].edits).unwrap();
        assert!(!new_bib.contains("old1999"), "{new_bib}");
        assert!(new_bib.contains("smith2008") && new_bib.contains("lee2010"));
        assert!(new_bib.ends_with("}\n\n"), "{new_bib:?}");
    }

    #[test]
    fn entries_an_unknown_key_may_mean_are_kept() {
        let bib = format!(
            "{BIB}\n@article{{old1998, author = {{Old, O.}}, title = {{Also}}, year = 1998}}\n"
        );
        let (plan, _) = planned("See [@smith2008], [@lee2010] and [@old199].", &bib, true);
        assert!(plan.applied.is_empty(), "{:?}", plan.applied);
        assert_eq!(
            messages(&plan.skipped),
            [
                "`old1999` is kept: it may be what `old199` means",
                "`old1998` is kept: it may be what `old199` means"
            ]
        );
    }
}
