use std::collections::BTreeSet;

use super::*;

fn fix_with(text: &str, opts: FixOptions) -> (String, FixPlan) {
    let checked = crate::check(text);
    let p = plan(text, &checked, &opts);
    let new = apply(text, &p.edits).expect("edits apply");
    (new, p)
}

fn fix(text: &str) -> String {
    fix_with(text, FixOptions::default()).0
}

fn twice(text: &str) -> String {
    let once = fix(text);
    let again = fix(&once);
    assert_eq!(again, once, "a second fix changed the text");
    once
}

#[test]
fn renumbers_markers_and_list_in_order_of_first_citation() {
    let text = "Intro [3]. Then [1, 3–5] and [2].\n\nReferences\n\n[1] A. One. 2001.\n[2] B. Two. 2002.\n[3] C. Three. 2003.\n[4] D. Four. 2004.\n[5] E. Five. 2005.\n";
    let got = twice(text);
    assert_eq!(
        got,
        "Intro [1]. Then [1–4] and [5].\n\nReferences\n\n[1] C. Three. 2003.\n[2] A. One. 2001.\n[3] D. Four. 2004.\n[4] E. Five. 2005.\n[5] B. Two. 2002.\n"
    );
}

#[test]
fn a_listed_run_stays_a_list_unless_compress_is_asked() {
    let text = "See [3, 4, 5] and [1] [2].\n\nReferences\n\n1. A 2001.\n2. B 2002.\n3. C 2003.\n4. D 2004.\n5. E 2005.\n";
    assert_eq!(
        twice(text),
        "See [1, 2, 3] and [4] [5].\n\nReferences\n\n1. C 2003.\n2. D 2004.\n3. E 2005.\n4. A 2001.\n5. B 2002.\n"
    );
    let opts = FixOptions {
        compress_ranges: true,
        ..FixOptions::default()
    };
    let (got, _) = fix_with(text, opts);
    assert!(got.starts_with("See [1–3] and [4] [5]."), "{got}");
}

#[test]
fn a_broken_range_is_regrouped_and_a_kept_range_keeps_its_dash() {
    // 2-4 must split when 3 is cited first elsewhere.
    let text = "First [3]. Then [1-2] and [2-4].\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n[3] C 2003.\n[4] D 2004.\n";
    assert_eq!(
        twice(text),
        "First [1]. Then [2-3] and [1, 3, 4].\n\nReferences\n\n[1] C 2003.\n[2] A 2001.\n[3] B 2002.\n[4] D 2004.\n"
    );
}

#[test]
fn caret_paren_cross_bracket_and_superscript_keep_their_shape() {
    let text = "Sleep^[2,3] and mice^[1].\n\nReferences\n\n1. A 2001.\n2. B 2002.\n3. C 2003.\n";
    assert_eq!(
        twice(text),
        "Sleep^[1,2] and mice^[3].\n\nReferences\n\n1. B 2002.\n2. C 2003.\n3. A 2001.\n"
    );
    let text =
        "Drift (2). Corrode (1, 2) and (3).\n\nReferences\n\n1) A 2001.\n2) B 2002.\n3) C 2003.\n";
    assert_eq!(
        twice(text),
        "Drift (1). Corrode (2, 1) and (3).\n\nReferences\n\n1) B 2002.\n2) A 2001.\n3) C 2003.\n"
            .replace("(2, 1)", "(1, 2)")
    );
    let text =
        "A [4]. B [1]–[3].\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n[3] C 2003.\n[4] D 2004.\n";
    assert_eq!(
        twice(text),
        "A [1]. B [2]–[4].\n\nReferences\n\n[1] D 2004.\n[2] A 2001.\n[3] B 2002.\n[4] C 2003.\n"
    );
    // A cross-bracket range that no longer is a run becomes one group.
    let text = "A [2]. B [1]–[3].\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n[3] C 2003.\n";
    assert_eq!(
        twice(text),
        "A [1]. B [1]–[3].\n\nReferences\n\n[1] B 2002.\n[2] A 2001.\n[3] C 2003.\n"
    );
}

#[test]
fn wrapped_entries_and_blank_lines_keep_their_bytes() {
    let text = "Cheap (2). Corrode (1).\n\nReferences\n\n1. Placidi P. Characterization\n   of sensors. 2020.\n\n2. Kojima Y. Low-cost probe.\n   Sensors. 2016.\n";
    assert_eq!(
        twice(text),
        "Cheap (1). Corrode (2).\n\nReferences\n\n1. Kojima Y. Low-cost probe.\n   Sensors. 2016.\n\n2. Placidi P. Characterization\n   of sensors. 2020.\n"
    );
}

#[test]
fn uncited_entries_keep_their_order_after_the_cited_ones() {
    let text =
        "Only [4] and [2].\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n[3] C 2003.\n[4] D 2004.\n";
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(
        got,
        "Only [1] and [2].\n\nReferences\n\n[1] D 2004.\n[2] B 2002.\n[3] A 2001.\n[4] C 2003.\n"
    );
    assert_eq!(
        p.skipped
            .iter()
            .filter(|s| s.kind == FixKind::RemoveUncited)
            .count(),
        2
    );
}

#[test]
fn unsafe_fixes_remove_uncited_entries() {
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let text = "Only [4] and [2].\n\nReferences\n\n[1] A 2001.\n\n[2] B 2002.\n\n[3] C 2003.\n\n[4] D 2004.\n";
    let (got, p) = fix_with(text, opts);
    assert_eq!(
        got,
        "Only [1] and [2].\n\nReferences\n\n[1] D 2004.\n\n[2] B 2002.\n"
    );
    assert_eq!(
        p.applied
            .iter()
            .filter(|a| a.kind == FixKind::RemoveUncited)
            .count(),
        2
    );
    // The fixed findings are gone; what is left are warnings about these
    // toy entries having no title.
    let checked = crate::check(&got);
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.severity < crate::Severity::Error),
        "{:?}",
        checked.diagnostics
    );
}

#[test]
fn exact_duplicates_merge_and_their_citations_follow() {
    let text = "See [1], [3] and [2, 3].\n\nReferences\n\n[1] A. One. 2001.\n[2] B. Two. 2002.\n[3] A. One.\n    2001.\n";
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(
        got,
        "See [1], [1] and [1, 2].\n\nReferences\n\n[1] A. One. 2001.\n[2] B. Two. 2002.\n"
    );
    assert!(p.applied.iter().any(|a| a.kind == FixKind::MergeDuplicate));
    assert_eq!(fix(&got), got);
}

#[test]
fn duplicate_labels_with_the_same_text_merge_then_renumber() {
    let text = "See [2] and [1].\n\nReferences\n\n[1] A 2001.\n[1] A 2001.\n[2] B 2002.\n";
    assert_eq!(
        twice(text),
        "See [1] and [2].\n\nReferences\n\n[1] B 2002.\n[2] A 2001.\n"
    );
}

#[test]
fn duplicate_labels_with_different_texts_refuse_renumbering() {
    let text = "See [2] and [1].\n\nReferences\n\n[1] A 2001.\n[1] Z 1999.\n[2] B 2002.\n";
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(got, text);
    let reasons: Vec<_> = p
        .skipped
        .iter()
        .filter(|s| s.kind == FixKind::Renumber)
        .map(|s| s.reason.as_str())
        .collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].contains("carry the number 1"), "{}", reasons[0]);
}

#[test]
fn unresolved_citations_refuse_renumbering_but_safe_fixes_still_apply() {
    let text = "A [2], B [5–3], C [4–4], D [1, 1], E [9].\n\nReferences:\n\n-\n[1] A 2001.\n[2] B 2002.\n[3] C 2003.\n[4] D 2004.\n[5] E 2005.\n";
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(
        got,
        "A [2], B [3–5], C [4], D [1], E [9].\n\nReferences:\n\n[1] A 2001.\n[2] B 2002.\n[3] C 2003.\n[4] D 2004.\n[5] E 2005.\n"
    );
    assert!(!p.renumbered);
    let kinds: BTreeSet<_> = p.applied.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            FixKind::NormaliseRange,
            FixKind::RemoveRepeatedNumber,
            FixKind::RemoveEmptyItem
        ]
    );
    assert!(p
        .skipped
        .iter()
        .any(|s| s.kind == FixKind::UnresolvedCitation && s.reason.contains("`[9]`")));
    assert!(p
        .skipped
        .iter()
        .any(|s| s.kind == FixKind::Renumber && s.reason.contains("`[9]`")));
    assert_eq!(fix(&got), got);
}

#[test]
fn the_seed_papers_stray_bullet_goes_and_nothing_else_moves() {
    let text = include_str!("../../paper/cyberspace-governance.txt");
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(
        got,
        text.replacen("References:\n\n-\n- [1]", "References:\n\n- [1]", 1)
    );
    assert!(!p.renumbered);
    assert_eq!(fix(&got), got);
    // `check` no longer reports the bullet; the unresolved citations stay.
    let rules: Vec<_> = crate::check(&got)
        .diagnostics
        .iter()
        .map(|d| d.rule.info().name)
        .collect();
    assert_eq!(rules, ["unresolved-citation", "unresolved-citation"]);
}

#[test]
fn crlf_and_bom_survive() {
    let text = "\u{feff}Birds [2] and fish [1].\r\n\r\nReferences\r\n\r\n-\r\n[1] Fish. 2001.\r\n[2] Birds. 2002.\r\n";
    assert_eq!(
        twice(text),
        "\u{feff}Birds [1] and fish [2].\r\n\r\nReferences\r\n\r\n[1] Birds. 2002.\r\n[2] Fish. 2001.\r\n"
    );
}

#[test]
fn year_mismatch_is_rewritten_only_with_unsafe_fixes() {
    let text = "As (Smith 2010) and (Lee, 2008) found.\n\nReferences\n\nLee, K. (2008). Fish. Copeia 2: 3–4.\n\nSmith, J. (2009). Birds. Ibis 1: 1–2.\n";
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(got, text);
    assert!(p.skipped.iter().any(|s| s.kind == FixKind::CorrectYear));
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let (got, _) = fix_with(text, opts);
    assert_eq!(got, text.replace("Smith 2010", "Smith 2009"));
    assert!(crate::check(&got).diagnostics.is_empty());
}

#[test]
fn an_ordered_manuscript_is_left_alone() {
    for f in [
        "bracket-list.txt",
        "caret-superscript.txt",
        "dot-list-wrapped.txt",
        "author-year-apa.txt",
    ] {
        let text =
            std::fs::read_to_string(format!("{}/paper/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let (got, p) = fix_with(&text, FixOptions::default());
        assert_eq!(got, text, "{f}: {:?}", p.applied);
    }
}

#[test]
fn hostile_input_never_panics() {
    let samples = [
        "",
        "[",
        "References\n\n[1]",
        "[1]\n\nReferences\n\n[1] a\n[1] a\n[1] a\n",
        "x [1–200] y\n\nReferences\n\n1. a 2001\n",
        "\r\r[2]\r\rReferences\r\r[1] A 2001.\r[2] B 2002.\r",
        "¹²³⁴ word¹⁻³ ok\n\nReferences\n\n1. a 2001\n2. b 2002\n3. c 2003\n",
    ];
    for s in samples {
        for unsafe_fixes in [false, true] {
            let opts = FixOptions {
                unsafe_fixes,
                compress_ranges: unsafe_fixes,
                renumber: true,
            };
            let (once, _) = fix_with(s, opts);
            let (again, _) = fix_with(&once, opts);
            assert_eq!(again, once, "{s:?}");
        }
    }
}

#[test]
fn a_parenthesised_number_the_parser_doubts_blocks_renumbering() {
    let text = include_str!("../../paper/dot-list-wrapped.txt");
    let shuffled = text.replace("help (4)", "help (9)");
    let (_, p) = fix_with(&shuffled, FixOptions::default());
    assert!(!p.renumbered);
    assert!(p
        .skipped
        .iter()
        .any(|s| s.kind == FixKind::Renumber && s.reason.contains("`weeks (2, 3)`")));
    // Taken for a citation in a manuscript that cites with parentheses,
    // the group after a word that may name a numbered thing still blocks
    // renumbering, and the refusal names it.
    let (_, p) = fix_with(&text.replace("help (4)", "help (3)"), FixOptions::default());
    assert!(!p.renumbered);
    assert!(p.skipped.iter().any(|s| s.kind == FixKind::Renumber
        && s.reason.contains("`weeks (2, 3)` is read as a citation")));
    // Without the doubtful group it renumbers.
    let text = "Cheap (3). Weeks later (1, 2), but see Fig. (2).\n\nReferences\n\n1. A 2001.\n2. B 2002.\n3. C 2003.\n";
    assert_eq!(
        fix(text),
        "Cheap (1). Weeks later (2, 3), but see Fig. (2).\n\nReferences\n\n1. C 2003.\n2. A 2001.\n3. B 2002.\n"
    );
}

#[test]
fn a_reference_cited_by_number_in_words_is_renumbered_with_the_rest() {
    for (body, want) in [
        (
            "See [2], and ref. 1 for more.",
            "See [1], and ref. 2 for more.",
        ),
        ("See [2], and Refs 1 and 2.", "See [1], and Refs 1 and 2."),
        ("See [2] and reference 1.", "See [1] and reference 2."),
        ("See [2] and [1, p. 5].", "See [1] and [2, p. 5]."),
    ] {
        let text = format!("{body}\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n");
        let (got, p) = fix_with(&text, FixOptions::default());
        assert!(p.renumbered, "{body}: {:?}", p.skipped);
        assert_eq!(
            got,
            format!("{want}\n\nReferences\n\n[1] B 2002.\n[2] A 2001.\n"),
            "{body}"
        );
    }
}

#[test]
fn a_reference_cited_by_number_inside_words_blocks_renumbering() {
    for body in ["See [2] and [1; see also 2].", "See [2] and [1, in part]."] {
        let text = format!("{body}\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n");
        let (got, p) = fix_with(&text, FixOptions::default());
        assert_eq!(got, text, "{body}");
        assert!(
            p.skipped
                .iter()
                .any(|s| s.kind == FixKind::Renumber && s.reason.contains("outside a marker")),
            "{body}: {:?}",
            p.skipped
        );
    }
    // Not citations: a year, a range of pages, an interval, a word.
    for body in [
        "See [2] and [1]; in 2008 refs were few.",
        "See [2] and [1], [0, 1] and [3 + 2], referee 1 agreed.",
    ] {
        let text = format!("{body}\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n");
        let (_, p) = fix_with(&text, FixOptions::default());
        assert!(p.renumbered, "{body}: {:?}", p.skipped);
    }
}

#[test]
fn a_check_of_another_text_changes_nothing() {
    let long = "Birds [2] and fish [1].\n\nReferences\n\n[1] Fish. 2001.\n[2] Birds. 2002.\n";
    let checked = crate::check(long);
    let p = plan("short", &checked, &FixOptions::default());
    assert!(p.edits.is_empty());
    assert!(p.skipped[0].reason.contains("do not belong"));
}

#[test]
fn markers_after_the_list_count_after_the_body() {
    let text = "Body [2].\n\nReferences\n\n1. A 2001.\n2. B 2002.\n3. C 2003.\n\nAppendix\n\nAs shown [3] and [1].\n";
    assert_eq!(
        twice(text),
        "Body [1].\n\nReferences\n\n1. B 2002.\n2. C 2003.\n3. A 2001.\n\nAppendix\n\nAs shown [2] and [3].\n"
    );
}

#[test]
fn a_bullet_before_a_label_stays_with_its_slot() {
    let text = "See [2] then [1].\n\nReferences:\n\n-\n- [1] A 2001.\n[2] B 2002.\n";
    assert_eq!(
        twice(text),
        "See [1] then [2].\n\nReferences:\n\n- [1] B 2002.\n[2] A 2001.\n"
    );
}

#[test]
fn an_unnumbered_list_in_a_numeric_manuscript_is_not_renumbered() {
    let text = "See [2] then [1] and [3–1].\n\nReferences\n\nA. 2001. One.\n\nB. 2002. Two.\n\nC. 2003. Three.\n";
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(got, text.replace("[3–1]", "[1–3]"));
    assert!(p
        .skipped
        .iter()
        .any(|s| s.kind == FixKind::Renumber && s.reason.contains("not numbered")));
}

#[test]
fn a_year_is_not_rewritten_into_a_repeat_or_from_a_suffix() {
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let list = "\n\nReferences\n\nSmith, J. (2009). Birds. Ibis 1: 1–2.\n\nLee, K. (2008). Fish. Copeia 2: 3–4.\n";
    for body in [
        "As (Smith 2009, 2010; Lee 2008) found.",
        "As (Smith 2010b; Lee 2008) found.",
        "As (Smith 1990; Lee 2008) found.",
    ] {
        let text = format!("{body}{list}");
        let (got, p) = fix_with(&text, opts);
        assert_eq!(got, text, "{body}");
        assert!(
            p.skipped.iter().any(|s| s.kind == FixKind::CorrectYear),
            "{body}: {:?}",
            p.skipped
        );
    }
}

#[test]
fn a_repair_that_would_change_how_the_list_splits_is_withheld() {
    // The unnumbered list is split by blank lines only because of the
    // stray bullet at its end; without it, it would split by lines and the
    // entry's text would change. The self-check notices and changes nothing.
    let text = "\n\nReferences\n\n-\n[0 A 2000.\n\n-\n";
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(got, text);
    assert!(
        p.skipped
            .iter()
            .any(|s| s.reason.contains("self-check") && s.reason.contains("nothing was changed")),
        "{:?}",
        p.skipped
    );
}

#[test]
fn a_bullet_that_separates_two_lines_stays() {
    let text = "See [1].\n\nReferences\n\n[1] A 2000.\n-\nA stray line 2001.\n";
    let (got, p) = fix_with(text, FixOptions::default());
    assert_eq!(got, text);
    assert!(p
        .skipped
        .iter()
        .any(|s| s.kind == FixKind::RemoveEmptyItem && s.reason.contains("join")));
}

#[test]
fn a_fix_has_the_span_of_the_finding_it_removes() {
    let text =
        "A [2] and [9].\n\nReferences:\n\n-\n[1] A 2001.\n[2] B 2002.\n[2] B 2002.\n[3] C 2003.\n";
    let checked = crate::check(text);
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let p = plan(text, &checked, &opts);
    for a in &p.applied {
        let Some(rule) = a.kind.rule() else { continue };
        assert!(
            checked
                .diagnostics
                .iter()
                .any(|d| d.rule == rule && d.span == a.span),
            "{a:?}"
        );
    }
    let kinds: BTreeSet<_> = p.applied.iter().map(|a| a.kind).collect();
    assert!(kinds.contains(&FixKind::MergeDuplicate));
    assert!(kinds.contains(&FixKind::RemoveUncited));
    assert!(kinds.contains(&FixKind::RemoveEmptyItem));
}

#[test]
fn index_and_code_notation_block_renumbering_and_are_named() {
    let list = "\n\nReferences\n\n1. A. One. J 2001;1:1.\n2. B. Two. J 2002;1:2.\n3. C. Three. J 2003;1:3.\n";
    for stray in [
        "The t[1]/t[2] score plot.",
        "The p[1] loadings rose.",
        "We set a[3] = 0 first.",
        "It maps to[1] at once.",
        "With x1[2] fixed.",
    ] {
        let text = format!("Work [2] and [1]. {stray} See [3].{list}");
        let (got, p) = fix_with(&text, FixOptions::default());
        assert_eq!(got, text, "{stray}");
        assert!(!p.renumbered);
        let why: Vec<&Skipped> = p
            .skipped
            .iter()
            .filter(|s| s.kind == FixKind::Renumber)
            .collect();
        assert_eq!(why.len(), 1, "{stray}: {why:?}");
        assert!(
            why[0].reason.contains("not read as citations"),
            "{}",
            why[0].reason
        );
        // the first doubtful group is named, with the word it is glued to
        let at = why[0].span.expect("the refusal points at the group");
        assert!(stray.contains(at.slice(&text)), "{stray}");
        let glued = &stray[..stray.find('[').unwrap()];
        let word = glued.rsplit(' ').next().unwrap();
        assert!(
            why[0].reason.contains(&format!("`{word}[")),
            "{}",
            why[0].reason
        );
    }
    // Index notation out of the list's range, or not a number, is no doubt.
    let text = format!("Work [2] and [1]. With x[n-1], a[0] = 0 and b[9] = 2. See [3].{list}");
    let (got, p) = fix_with(&text, FixOptions::default());
    assert!(p.renumbered, "{:?}", p.skipped);
    assert!(got.contains("With x[n-1], a[0] = 0 and b[9] = 2."), "{got}");
}

#[test]
fn cjk_markers_glued_to_words_are_renumbered() {
    let text = "甲方观点见文献[2]。乙方研究[1]表明结论相反。丙方观点见[3]。另见研究［1］表明，研究[1-2]表明，研究[1]では。\n\n参考文献\n\n[1] 张三. 论文一. 期刊, 2001, 1(1): 1-2.\n[2] 王五. 论文二. 期刊, 2002, 2(1): 3-4.\n[3] 赵六. 论文三. 期刊, 2003, 3(1): 5-6.\n";
    assert_eq!(
        twice(text),
        "甲方观点见文献[1]。乙方研究[2]表明结论相反。丙方观点见[3]。另见研究［2］表明，研究[1-2]表明，研究[2]では。\n\n参考文献\n\n[1] 王五. 论文二. 期刊, 2002, 2(1): 3-4.\n[2] 张三. 论文一. 期刊, 2001, 1(1): 1-2.\n[3] 赵六. 论文三. 期刊, 2003, 3(1): 5-6.\n"
    );
}

#[test]
fn no_fix_acts_on_an_entry_whose_number_another_entry_carries() {
    let mut list = String::from("\n\nReferences\n\n");
    for k in 1..=3 {
        list.push_str(&format!("{k}. Author{k} A. Title {k}. J 2001;1:{k}.\n"));
    }
    list.push_str("3. Other B. Another title. J 2002;2:2.\n");
    list.push_str("3. Author3 A. Title 3. J 2001;1:3.\n");
    list.push_str("4. Uncited C. Nobody cites this. J 2003;3:3.\n");
    let text = format!("See [1], [2], [3] and [4], then [5].{list}").replace("[4], ", "");
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let (got, p) = fix_with(&text, opts);
    // the second `3.` (cited as [4]? as [5]?) stays, and so does the copy of the first `3.`
    assert!(got.contains("3. Other B. Another title."), "{got}");
    assert_eq!(got.matches("3. Author3 A. Title 3.").count(), 2, "{got}");
    // the unambiguous uncited entry goes
    assert!(!got.contains("Uncited C."), "{got}");
    assert!(p.skipped.iter().any(
        |s| s.kind == FixKind::RemoveUncited && s.reason.contains("carries the same number as")
    ));
    assert!(p
        .skipped
        .iter()
        .any(|s| s.kind == FixKind::MergeDuplicate && s.reason.contains("also carried")));
    assert!(!p.renumbered);
}
