use super::*;

/// A two-page PDF-like text: running head and foot, page numbers, a
/// paragraph and a reference entry broken by the page break, hyphenation.
fn pdf_text() -> String {
    let mut page1 = String::from(
        "Journal of Things · Research article\n\nA study of colostrum\nA. Author, B. Author\n",
    );
    for k in 0..30 {
        page1.push_str(&format!(
            "line {k} of the introduction runs on here with a few\n"
        ));
    }
    page1.push_str("The milk of bears is rich in protein and co\u{2010}\nlostrum lasts long [1]. The non-\nlinear effect and the COVID-\n19 data were\n\n");
    page1.push_str("3\n\ndoi:10.1000/xyz.1\n\x0c");
    let mut page2 =
        String::from("Journal of Things · Research article\n\nA study of colostrum…\n\n");
    page2.push_str("shown before [2]. The non-linear model holds.\nReferences\n");
    page2.push_str("1. Langer P 2009 Differences in the composition of co\u{2010}\nlostrum and milk. J. Mammal. 90, 332–\n339. (doi:10.1644/\n08-mamm)\n");
    page2.push_str("2. Langer P 2008 The phases of maternal investment in eu\u{2010}\n");
    page2.push_str("\n4\n\ndoi:10.1000/xyz.1\n\x0cJournal of Things · Research article\n\nA study of colostrum…\n\n");
    page2.push_str("therian mammals. Zoology 111, 148–162.\n");
    page1 + &page2
}

#[test]
fn clean_text_is_left_alone() {
    let clean = "Title\n\nAuthors\n\nA paragraph citing [1] on one line.\n\nReferences\n\n1. Smith J (2001) A. J 1: 1.\n";
    assert!(lay_out(clean, &[]).is_none());
    // wrapped paragraphs with blank lines between them, as people type them
    let wrapped =
        "A paragraph that is wrapped\nat a fixed width as people\ntype it [1].\n\n".repeat(30);
    assert!(lay_out(&wrapped, &[]).is_none());
}

#[test]
fn pdf_text_becomes_paragraphs_and_entries() {
    let src = pdf_text();
    let l = lay_out(&src, &[]).expect("laid out");
    let t = &l.text;
    assert!(!t.contains("Journal of Things"), "{t}");
    assert!(!t.contains("doi:10.1000/xyz.1"), "{t}");
    assert!(
        t.contains("rich in protein and colostrum lasts long [1]."),
        "{t}"
    );
    assert!(
        t.contains("The non-linear effect and the COVID-19 data were shown before [2]."),
        "{t}"
    );
    assert!(t.contains("\n\nReferences\n\n1. Langer P 2009 Differences in the composition of colostrum and milk. J. Mammal. 90, 332–339. (doi:10.1644/08-mamm)\n\n2. Langer P 2008 The phases of maternal investment in eutherian mammals. Zoology 111, 148–162."), "{t}");
    // every span maps back to the same words in the file
    for needle in ["[1]", "[2]", "colostrum lasts", "Zoology 111"] {
        let at = t.find(needle).unwrap();
        let back = l.map.span(Span::new(at, at + needle.len()));
        let got: String = back
            .slice(&src)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{2010}')
            .collect();
        let want: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(got, want, "{needle}");
    }
    // an entry broken by the page break covers the furniture in the file
    let e2 = t.find("2. Langer").unwrap();
    let end = t[e2..].find("162.").unwrap() + e2 + 4;
    let back = l.map.span(Span::new(e2, end)).slice(&src);
    assert!(back.starts_with("2. Langer") && back.ends_with("148–162.") && back.contains("\x0c"));
}

#[test]
fn hyphens_that_belong_to_the_word_stay() {
    let words = Words::of("a non-linear fit and the long-term view");
    assert!(words.keeps_hyphen("non", "linear"));
    assert!(!words.keeps_hyphen("co", "lostrum"));
    assert_eq!(word_join("the non-", "linear fit", &words), Join::Glue);
    assert_eq!(word_join("the co-", "lostrum", &words), Join::DropHyphen(1));
    assert_eq!(word_join("COVID-", "19 data", &words), Join::Glue);
    assert_eq!(
        word_join("Rossetti MA, Mc\u{2010}", "Cullough ME", &words),
        Join::DropHyphen(3)
    );
    assert_eq!(
        word_join("Brown P, Mc-", "Gettigan PA", &words),
        Join::DropHyphen(1)
    );
    assert_eq!(word_join("the Smith-", "Jones model", &words), Join::Glue);
    assert_eq!(word_join("a Mac-", "Donald farm", &words), Join::Glue);
    assert_eq!(word_join("pages 54–", "70.", &words), Join::Glue);
    assert_eq!(word_join("doi:10.1016/", "j.zool.2007", &words), Join::Glue);
    assert_eq!(word_join("in the", "text", &words), Join::Space);
    assert_eq!(word_join("a -", "b", &words), Join::Space);
}

#[test]
fn headings_stand_alone() {
    assert!(is_heading(
        "1. Introduction",
        "the end of a sentence.",
        Some("The composition of milks varies")
    ));
    assert!(is_heading("Methods", "", Some("We sampled thirty bears")));
    assert!(!is_heading(
        "Nevertheless, species with similar",
        "developed.",
        Some("body masses")
    ));
    assert!(!is_heading(
        "then their cubs may be",
        "x.",
        Some("Colostrum")
    ));
    assert!(!is_heading("milks.", "x.", Some("J.")));
}

#[test]
fn ligatures_read_as_letters() {
    let src = format!("{}\x0cThe ﬁrst ﬂow.\n", "x\n".repeat(3));
    let l = lay_out(&src, &[]).unwrap();
    assert!(l.text.contains("The first flow."), "{}", l.text);
    let at = l.text.find("first").unwrap();
    assert_eq!(l.map.span(Span::new(at, at + 5)).slice(&src), "ﬁrst");
}

/// Forty lines of wrapped prose, enough for the text to read as laid out.
fn discussion_lines() -> String {
    (0..40)
        .map(|k| format!("line {k} of the discussion runs on here with a few\n"))
        .collect()
}

#[test]
fn text_set_beside_an_unnumbered_list_is_not_an_entry() {
    let mut src = discussion_lines();
    src.push_str("References\nAbel A, Bold B. 2001. A first work. Cell 1:1–2.\n");
    src.push_str("Cole C. 2002. A second work. Cell 2:3–4. DOI: https://doi.org/\n10.1000/c.2, PMID: 123456\n");
    src.push_str("\n\x0c\nsample preparation of the proteins. We thank D Dee for\nhelp with the microscope and the software.\n");
    src.push_str("Dunn D. 2003. A third work on the role of the Golgi. Current\n\n\x0c\nOpinion in Cell Biology 3:5–6.\n");
    src.push_str("Eve E. 2004. A fourth work. Cell 4:7–8.\n");
    let l = lay_out(&src, &[]).expect("laid out");
    let t = &l.text;
    // the acknowledgement's lines stand apart from Cole's entry
    assert!(t.contains("PMID: 123456\n\nsample preparation"), "{t}");
    // the rest of an entry after the break stays with it
    assert!(
        t.contains("Golgi. Current Opinion in Cell Biology 3:5–6.\n\nEve E."),
        "{t}"
    );
}

#[test]
fn addresses_carry_on_across_lines() {
    // a DOI cut after its slash goes on, whatever the next line opens with
    assert!(continues_address(
        "DOI: https://doi.org/10.1002/",
        "(SICI)1097-4652(1996)"
    ));
    assert!(continues_address("Doi10.1007/", "Bf00427414"));
    // cut after a dot or a semicolon: the next line opens with a digit or
    // a lower-case letter
    assert!(continues_address(
        "https://doi.org/10.1016/j.cub.",
        "2009.12.052"
    ));
    assert!(continues_address(
        "10.1002/(SICI)1097-461X(2000)77:1<139::AID-QUA13>3.0.CO;",
        "2-S"
    ));
    assert!(!continues_address(
        "https://doi.org/10.1016/j.cub.",
        "Kennedy MJ, Ehlers MD."
    ));
    assert!(!continues_address(
        "see doi:10.1000/xyz",
        "http://example.org"
    ));
    assert!(!continues_address("the results in", "2009 were"));
    // an address that may have ended is left alone outside the list
    assert!(ends_open("https://doi.org/10.1016/j.cub."));
    assert!(ends_open("http://udel.edu/~mcdonald/"));
    assert!(!ends_open("see www.example.org"));
    assert!(doi_prefix_only("https://doi.org/10.1002/"));
    assert!(!doi_prefix_only("http://example.org/10.12/"));
    assert!(!doi_prefix_only("10.1002/abc"));
}

#[test]
fn an_entry_above_its_list_heading_keeps_its_broken_doi() {
    // two-column text where the column order prints entries before the
    // heading of their list
    let mut src = discussion_lines();
    src.push_str("Kapitein LC, Schlager MA. 2010. Mixed microtubules\nsteer transport. Curr\nBiol\n20:290–9.\nDOI:\nhttps://doi.org/10.1016/j.cub.\n2009.12.052\n");
    src.push_str("Costa M. 1996. Cleavage of a receptor. J Cell Physiol\n168:737–744. DOI: https://doi.org/10.1002/\n(SICI)1097-4652(199609)168:33.0.CO;2-U\n");
    src.push_str("We thank the reviewers, see www.example.org\nfor the data.\n\x0c");
    src.push_str("References\nAbel A, Bold B. 2001. A first work. Cell 1:1–2.\n");
    let l = lay_out(&src, &[]).expect("laid out");
    let t = &l.text;
    assert!(
        t.contains("https://doi.org/10.1016/j.cub.2009.12.052"),
        "{t}"
    );
    assert!(
        t.contains("https://doi.org/10.1002/(SICI)1097-4652(199609)168:33.0.CO;2-U"),
        "{t}"
    );
    assert!(t.contains("www.example.org for the data."), "{t}");
}
