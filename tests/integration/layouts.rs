//! The same manuscript laid out differently must check the same: every dev
//! paper is re-typeset (another heading, no heading, CRLF line ends, the text wrapped at
//! 72 columns, entries one a line, entries wrapped flush or with a hanging
//! tab, another label shape) and
//! its entries, markers, links and findings compared with the original's.

use std::collections::BTreeMap;

use serde_json::Value;

/// What a check found, independent of byte offsets.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    entries: usize,
    /// (marker text with whitespace collapsed, entries, unresolved) → count
    links: BTreeMap<(String, Vec<usize>, Vec<String>), usize>,
    /// rule name → count
    rules: BTreeMap<&'static str, usize>,
}

fn outcome(text: &str) -> Outcome {
    let checked = citelint::check(text);
    let entries = checked.doc.list.as_ref().map_or(0, |l| l.entries.len());
    let mut links = BTreeMap::new();
    for (m, link) in checked.doc.markers.iter().zip(&checked.links) {
        let written = text
            .get(m.span.start..m.span.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        *links
            .entry((written, link.refs.clone(), link.unresolved.clone()))
            .or_default() += 1;
    }
    let mut rules = BTreeMap::new();
    for d in &checked.diagnostics {
        *rules.entry(d.rule.info().name).or_default() += 1;
    }
    Outcome {
        entries,
        links,
        rules,
    }
}

/// Greedy wrapping of `s` at 72 columns, later lines starting with `indent`.
fn wrap(s: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    for w in s.split_whitespace() {
        if col > 0 && col + 1 + w.chars().count() > 72 {
            out.push('\n');
            out.push_str(indent);
            col = indent.len();
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += w.chars().count();
    }
    out
}

fn num(v: &Value, key: &str) -> usize {
    v[key].as_u64().unwrap() as usize
}

/// The re-typeset versions of `text`, named.
fn variants(text: &str, gold: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let section = &gold["reference_section"];
    let h_start = num(section, "start");
    let h_end = h_start + section["heading"].as_str().unwrap().len();
    for h in ["Literature Cited", "参考文献"] {
        out.push((
            format!("heading {h}"),
            format!("{}{h}{}", &text[..h_start], &text[h_end..]),
        ));
    }
    out.push(("CRLF".into(), text.replace('\n', "\r\n")));
    let body: Vec<String> = text[..h_start]
        .split('\n')
        .map(|l| {
            if l.chars().count() > 72 {
                wrap(l, "")
            } else {
                l.to_string()
            }
        })
        .collect();
    out.push((
        "body wrapped at 72 columns".into(),
        format!("{}{}", body.join("\n"), &text[h_start..]),
    ));
    let mut refs: Vec<&Value> = gold["references"].as_array().unwrap().iter().collect();
    refs.sort_by_key(|r| num(r, "start"));
    // Rewrites every entry (from the last, so that offsets stay good).
    let rewrite = |f: &dyn Fn(&Value, &str) -> String| {
        let mut t = text.to_string();
        for r in refs.iter().rev() {
            let (s, e) = (num(r, "start"), num(r, "end"));
            let new = f(r, &text[s..e]);
            t.replace_range(s..e, &new);
        }
        t
    };
    out.push(("wrapped flush".into(), rewrite(&|_, e| wrap(e, ""))));
    out.push((
        "wrapped, hanging tab".into(),
        rewrite(&|_, e| wrap(e, "\t")),
    ));
    let mut one_a_line = text.to_string();
    for pair in refs.windows(2).rev() {
        let (end, next) = (num(pair[0], "end"), num(pair[1], "start"));
        let gap = &text[end..next];
        if gap.trim().is_empty() && gap.matches('\n').count() >= 2 {
            one_a_line.replace_range(end..next, "\n");
        }
    }
    out.push(("one entry a line".into(), one_a_line));
    out.push((
        "heading removed".into(),
        format!("{}{}", &text[..h_start], &text[h_end..]),
    ));
    if gold["style"] == "numeric" {
        for shape in ["[{}] ", "({}) "] {
            let t = rewrite(&|r, e| {
                let label: String = r["label"]
                    .as_str()
                    .unwrap_or("")
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let body = &e[num(r, "text_start") - num(r, "start")..];
                if label.is_empty() {
                    e.to_string()
                } else {
                    format!("{}{body}", shape.replace("{}", &label))
                }
            });
            out.push((format!("labels {shape}"), t));
        }
    }
    out
}

#[test]
fn layouts_do_not_change_the_result() {
    let Some(dir) = crate::dev_papers() else {
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for style in ["numeric", "author-year"] {
        for base in crate::dev_paper_bases(&dir, style) {
            let gold: Value = serde_json::from_str(
                &std::fs::read_to_string(format!("{base}.gold.json")).unwrap(),
            )
            .unwrap();
            let text = std::fs::read_to_string(format!("{base}.txt")).unwrap();
            let want = outcome(&text);
            for (name, variant) in variants(&text, &gold) {
                checked += 1;
                let got = outcome(&variant);
                // without its heading the list is still found, and the
                // missing heading is reported once
                let mut want = want.clone();
                if name == "heading removed" {
                    *want.rules.entry("missing-reference-heading").or_default() += 1;
                }
                if got != want {
                    let paper = base.rsplit('/').next().unwrap_or(&base);
                    failures.push(format!(
                        "{paper}, {name}: entries {} -> {}, rules {:?} -> {:?}",
                        want.entries, got.entries, want.rules, got.rules
                    ));
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
