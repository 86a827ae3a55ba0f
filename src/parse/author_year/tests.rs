use super::cite::citation;
use super::scan::{closing, Closers, MAX_PAREN_BYTES};
use super::*;

#[test]
fn bare_citations_in_running_text() {
    let text = "as described by Brown et al., 2004; Morwood et al., 2005 and Hitchcock 1935:492, but not 2004-1 or (Smith 2008).";
    let taken = [Span::new(text.find("(Smith").unwrap(), text.len() - 1)];
    let got: Vec<_> = scan_bare(text, Span::new(0, text.len()), &taken)
        .into_iter()
        .map(|m| m.span.slice(text).to_string())
        .collect();
    assert_eq!(
        got,
        [
            "Brown et al., 2004",
            "Morwood et al., 2005",
            "Hitchcock 1935"
        ]
    );
}

#[test]
fn name_pieces_leave_the_rest() {
    assert_eq!(cap_word("Smith 2008"), Ok((" 2008", "Smith")));
    assert_eq!(cap_word("O'Neil,"), Ok((",", "O'Neil")));
    assert!(cap_word("The").is_err());
    assert!(cap_word("smith").is_err());
    assert_eq!(
        surname("van der Berg, 2001"),
        Ok((", 2001", "van der Berg"))
    );
    assert_eq!(
        surname("Müller-Lüdenscheidt, 2003"),
        Ok((", 2003", "Müller-Lüdenscheidt"))
    );
    assert_eq!(
        surname("World Health Organization [WHO]"),
        Ok((" [WHO]", "World Health Organization"))
    );
    assert_eq!(surname("张三，2008"), Ok(("，2008", "张三")));
    assert_eq!(
        names("Smith & Jones, 2008"),
        Ok((
            ", 2008",
            (vec!["Smith".to_string(), "Jones".to_string()], false)
        ))
    );
    assert_eq!(
        names("Smith et al., 2008"),
        Ok((", 2008", (vec!["Smith".to_string()], true)))
    );
    assert_eq!(
        names("Smith, Jones, and Brown 2008"),
        Ok((
            " 2008",
            (vec!["Smith".into(), "Jones".into(), "Brown".into()], false)
        ))
    );
    assert_eq!(
        year("2008a)").map(|(r, y)| (r, y.raw)),
        Ok((")", "2008a".to_string()))
    );
    assert!(year("20081").is_err());
    assert!(year("1990s").is_err());
    assert!(year("2009.5.11)").is_err());
    assert!(year("2009-05-11").is_err());
    assert_eq!(year("2009. Title").map(|(r, _)| r), Ok(". Title"));
    assert!(year("1234").is_err());
    let (rest, ys) = year_list("2008a, b; x").unwrap();
    assert_eq!(rest, "; x");
    assert_eq!(
        ys.iter().map(|y| y.0.raw.as_str()).collect::<Vec<_>>(),
        ["2008a", "2008b"]
    );
    let (rest, ys) = year_list("2008, 2010)").unwrap();
    assert_eq!(rest, ")");
    assert_eq!(ys.len(), 2);
}

fn found(text: &str) -> Vec<(&str, Vec<String>)> {
    scan_brackets(text, Span::new(0, text.len()))
        .into_iter()
        .map(|m| {
            (
                m.span.slice(text),
                m.works.iter().map(WorkCite::display).collect(),
            )
        })
        .collect()
}

#[test]
fn parenthetical_forms() {
    let cases: &[(&str, &[&str])] = &[
        ("x (Smith, 2008) y", &["Smith 2008"]),
        ("x (Smith 2008) y", &["Smith 2008"]),
        ("x (Smith & Jones, 2008) y", &["Smith & Jones 2008"]),
        ("x (Smith and Jones 2008) y", &["Smith & Jones 2008"]),
        ("x (Smith et al., 2008a) y", &["Smith et al. 2008a"]),
        (
            "x (Smith et al. 2008, 2010) y",
            &["Smith et al. 2008", "Smith et al. 2010"],
        ),
        ("x (Smith, 2008a, b) y", &["Smith 2008a", "Smith 2008b"]),
        (
            "x (Smith 2008; Jones 2010) y",
            &["Smith 2008", "Jones 2010"],
        ),
        (
            "x (Ferreira 2005, Trajano 2000) y",
            &["Ferreira 2005", "Trajano 2000"],
        ),
        ("x (e.g., Smith, 2008) y", &["Smith 2008"]),
        (
            "x (Smith 2008 and Jones et al. 2010) y",
            &["Smith 2008", "Jones et al. 2010"],
        ),
        (
            "x (reviews in Smith 2008 or Jones & Li, 2010) y",
            &["Smith 2008", "Jones & Li 2010"],
        ),
        (
            "x (Hacker et al. 2001, see Hedge et al. 2003) y",
            &["Hacker et al. 2001", "Hedge et al. 2003"],
        ),
        (
            "x (Smith, 2008, and see also Jones, 2010) y",
            &["Smith 2008"],
        ),
        ("x (Smith 2008 and about 2010 samples) y", &["Smith 2008"]),
        (
            "x (Smith, 2008, as cited in Jones & Li, 2010) y",
            &["Jones & Li 2010"],
        ),
        ("x (Smith 2008 in Jones 2010) y", &["Jones 2010"]),
        (
            "x (Smith 2008 vs. Jones 2010) y",
            &["Smith 2008", "Jones 2010"],
        ),
        ("x (Smith 2008 and 2010) y", &["Smith 2008", "Smith 2010"]),
        (
            "x (Smith 2008, and 2010a, b) y",
            &["Smith 2008", "Smith 2010a", "Smith 2010b"],
        ),
        (
            "x (Li et al., 2007; Suzuki et al., 2011: Jindra et al., 2013) y",
            &["Li et al. 2007", "Suzuki et al. 2011", "Jindra et al. 2013"],
        ),
        ("x (Smith 2011: 45) y", &["Smith 2011"]),
        ("x (see Smith 2008, p. 45) y", &["Smith 2008"]),
        ("x (Smith, 2008, pp. 4–6) y", &["Smith 2008"]),
        ("x (Smith, in press) y", &["Smith in press"]),
        ("x (Smith, n.d.) y", &["Smith n.d."]),
        ("x (Smith,\u{a0}in\u{a0}press) y", &["Smith in press"]),
        ("x (Smith *et al.*, 2008) y", &["Smith et al. 2008"]),
        (
            "x (Smith et\nal., 2008; Jones\n2010) y",
            &["Smith et al. 2008", "Jones 2010"],
        ),
        ("x (Smith _et al._ 2008) y", &["Smith et al. 2008"]),
        ("x Smith *et al*. (2008) y", &["Smith et al. 2008"]),
        ("x (WHO, 2010) y", &["WHO 2010"]),
        (
            "x (World Health Organization [WHO], 2010) y",
            &["World Health Organization 2010"],
        ),
        ("x (van der Berg, 2001) y", &["van der Berg 2001"]),
        ("x (O'Neil 1999) y", &["O'Neil 1999"]),
        (
            "x (Müller-Lüdenscheidt, 2003) y",
            &["Müller-Lüdenscheidt 2003"],
        ),
        ("x (Smith et al.,\u{a0}2008) y", &["Smith et al. 2008"]),
        (
            "x (apes: Hare et al., 2007; Call 2008) y",
            &["Hare et al. 2007", "Call 2008"],
        ),
        ("研究（张三，2008）表明", &["张三 2008"]),
        (
            "x (Brown 2001 / Green 2003) y",
            &["Brown 2001", "Green 2003"],
        ),
        ("x (Brown 2001—Green 2003) y", &["Brown 2001", "Green 2003"]),
        (
            "x [Smith et al., 2008; Lee, 2005] y",
            &["Smith et al. 2008", "Lee 2005"],
        ),
        ("x [see also Green, 2003] y", &["Green 2003"]),
        ("x [Lee, 2005, p. 4] y", &["Lee 2005"]),
        ("x ［张三，2008］ y", &["张三 2008"]),
        ("x (but see [Brown, 2001]) y", &["Brown 2001"]),
    ];
    for (text, want) in cases {
        let got = found(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].1, *want, "{text}");
    }
}

#[test]
fn narrative_forms() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("as Smith (2008) showed", "Smith (2008)", &["Smith 2008"]),
        (
            "as Smith et al. (2008a) showed",
            "Smith et al. (2008a)",
            &["Smith et al. 2008a"],
        ),
        (
            "Smith and Jones (2008, 2010) showed",
            "Smith and Jones (2008, 2010)",
            &["Smith & Jones 2008", "Smith & Jones 2010"],
        ),
        ("in Smith's (2008) model", "Smith's (2008)", &["Smith 2008"]),
        (
            "in Smith and Jones' (2010) view",
            "Smith and Jones' (2010)",
            &["Smith & Jones 2010"],
        ),
        (
            "as Smith (2008; 2010) found",
            "Smith (2008; 2010)",
            &["Smith 2008", "Smith 2010"],
        ),
        (
            "as Smith (2008, as cited in Jones, 2010) put it",
            "Smith (2008, as cited in Jones, 2010)",
            &["Jones 2010"],
        ),
        ("In Smith (2008) we see", "Smith (2008)", &["Smith 2008"]),
        (
            "Van der Waals (1873) was first",
            "Van der Waals (1873)",
            &["Van der Waals 1873"],
        ),
        ("张三（2008）认为", "张三（2008）", &["张三 2008"]),
        (
            "as Smith and\nJones (2008) showed",
            "Smith and\nJones (2008)",
            &["Smith & Jones 2008"],
        ),
        (
            "Citation\nPI\tTCAGGAG\tFragoso et al. (2011)",
            "Fragoso et al. (2011)",
            &["Fragoso et al. 2011"],
        ),
        (
            "the end.\nSmith (2008) showed",
            "Smith (2008)",
            &["Smith 2008"],
        ),
        (
            "as Smith and Jones\n(2008) showed",
            "Smith and Jones\n(2008)",
            &["Smith & Jones 2008"],
        ),
        (
            "TTAGTAGAAAATGAGCACCACAA Kallenbach et al. (2010)",
            "Kallenbach et al. (2010)",
            &["Kallenbach et al. 2010"],
        ),
        (
            "as Fragoso\net al. (2011) showed",
            "Fragoso\net al. (2011)",
            &["Fragoso et al. 2011"],
        ),
        (
            "as Smith et al. [2008] showed",
            "Smith et al. [2008]",
            &["Smith et al. 2008"],
        ),
        (
            "Brown [2001, 2003] disagreed",
            "Brown [2001, 2003]",
            &["Brown 2001", "Brown 2003"],
        ),
    ];
    for (text, span, want) in cases {
        let got = found(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].0, *span, "{text}");
        assert_eq!(got[0].1, *want, "{text}");
    }
}

#[test]
fn look_alikes_are_not_markers() {
    for text in [
        "in the year (2008) alone",
        "with (n = 2008) samples",
        "see (Fig. 2008)",
        "(p < 0.05, 2008 samples)",
        "values (2008, 2009) rose",
        "the (Smith) family",
        "(Table 2)",
        "Citation: Saarela JM (2012) Taxonomic synopsis",
        "as Shepherd et al. (2015, in revision) describe",
        "(Smith 2014, unpublished data)",
        "(see the end of\n\nSmith, 2008)",
        "(Smith et al. 2014, in preparation)",
        "Smith (2008/2009 season)",
        "[1] [2008] [Table 2] m[2008]",
        "pollen [England, Hampshire, 1877, Groves s.n. (CAN)] c",
        "[Fig. 2; Smith, 2008]",
        "as in [3, 2008]",
        "bought (cat. no. B2150) here",
        "in MATLAB (version R2019a, MathWorks)",
        "the code (B2019) and (R2019a)",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn one_pass_closers_agree_with_scanning_from_each_opening() {
    let long = format!("({})", "x".repeat(MAX_PAREN_BYTES - 2));
    let longer = format!("({})", "x".repeat(MAX_PAREN_BYTES - 1));
    let samples = [
        "a (b (c) d) e (f",
        "((((a)))) ) ( ((",
        "(x\n(y) (z\n)",
        "(x\n\n(y) (z\n \t\n)",
        "(a\r\n\r\nb) (c\r\nd)",
        "（张三，2008）(a（b）c) ）（",
        "[Smith, 2008; [x] ［Lee，2005］ ]] [ [",
        "[a\n\n[b] ［c］ [d\n]",
        "))((",
        long.as_str(),
        longer.as_str(),
    ];
    for s in samples {
        for pair in [PARENS, SQUARE] {
            let mut c = Closers::new(s, 0, pair);
            for (k, _) in s.char_indices() {
                if pair.opens_at(s, k).is_some() {
                    assert_eq!(c.closing(k), closing(s, k, pair), "{s:?} at {k}");
                }
            }
        }
    }
    // Deep nesting across the window's edge.
    let deep = format!("{}{}", "(".repeat(700), ")".repeat(700));
    let mut c = Closers::new(&deep, 0, PARENS);
    for k in 0..700 {
        assert_eq!(c.closing(k), closing(&deep, k, PARENS), "at {k}");
    }
}

#[test]
fn unclosed_and_nested_parens_are_linear() {
    let text = "(".repeat(5000);
    assert!(found(&text).is_empty());
    let text = "(Smith ".repeat(2000);
    assert!(found(&text).is_empty());
    let text = "[".repeat(5000);
    assert!(found(&text).is_empty());
    let text = "[Smith ".repeat(2000);
    assert!(found(&text).is_empty());
}

#[test]
fn corporate_names_leave_the_rest() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "Centre for Isotope Research of the University of Groningen, 2014)",
            "Centre for Isotope Research of the University of Groningen",
            ", 2014)",
        ),
        (
            "British Geological Survey, 2012",
            "British Geological Survey",
            ", 2012",
        ),
        (
            "Natural History Museum (2010)",
            "Natural History Museum",
            " (2010)",
        ),
        (
            "Agriculture Organization of the United Nations, 2015",
            "Agriculture Organization of the United Nations",
            ", 2015",
        ),
        (
            "Intergovernmental Panel on Climate Change [IPCC], 2014",
            "Intergovernmental Panel on Climate Change",
            " [IPCC], 2014",
        ),
        ("Smith of 2008", "Smith", " of 2008"),
        ("Smith in Jones 2010", "Smith", " in Jones 2010"),
    ];
    for (text, name, rest) in cases {
        assert_eq!(surname(text), Ok((*rest, *name)), "{text}");
    }
    // an institution's noun never begins a name
    assert!(surname("Survey of Britain, 2012").is_err());
    assert!(surname("University of Groningen").is_err());
}

#[test]
fn a_corporate_author_cited_by_its_full_name_is_one_work() {
    let got = found("dated (Centre for Isotope Research of the University of Groningen, 2014) and");
    assert_eq!(
        got[0].1,
        ["Centre for Isotope Research of the University of Groningen 2014"]
    );
    let got = found("the Centre for Isotope Research of the University of Groningen (2014) agree");
    assert_eq!(
        got[0].0,
        "Centre for Isotope Research of the University of Groningen (2014)"
    );
}

#[test]
fn a_letter_glued_to_a_number_is_no_name_and_year() {
    for text in ["B2150", "R2019a", "B2019, 2020"] {
        assert!(citation(text).is_err(), "{text}");
    }
    // CJK names may be glued, and `et al.` may close on its full stop
    for (text, want) in [
        ("张三2008", "张三 2008"),
        ("Smith et al.2008", "Smith et al. 2008"),
    ] {
        let (rest, works) = citation(text).unwrap();
        assert_eq!(rest, "", "{text}");
        assert_eq!(works[0].display(), want);
    }
}

#[test]
fn names_that_can_cite() {
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for (cited, etal, can) in [
        (&["Smith"][..], false, true),
        (&["McDonald", "DeWitt"][..], false, true),
        (&["SanLeón"][..], false, true),
        (&["Page-McCaw"][..], false, true),
        (&["World Health Organization"][..], false, true),
        (&["Henry"][..], false, true),
        (&["James"][..], false, true),
        (&["James Cook University"][..], false, true),
        // names that lost their hyphen, cited with co-authors
        (&["BurstynCohen"][..], true, true),
        (&["ZoBell", "Upham"][..], false, true),
        (&["Asp", "Adams"][..], false, true),
        (&["Cyert", "March"][..], false, false),
        (&["B"][..], false, false),
        (&["Illumina MiSeq"][..], false, false),
        (&["MathWorks"][..], false, false),
        (&["UniProt Mouse", "March"][..], false, false),
        (&["Mouse", "March"][..], false, false),
        (&["Thr"][..], false, false),
        (&["Ser"][..], false, false),
        (&["Henry", "James Grove"][..], false, false),
        (&["James Grove"][..], false, false),
        (&["Microsoft Excel"][..], false, false),
        (&["Windows"][..], false, false),
    ] {
        assert_eq!(can_cite(&names(cited), etal), can, "{cited:?}");
    }
}

#[test]
fn an_aside_holding_citations_of_their_own() {
    let text = "Any greedy algorithm (such as\n(Magerman and Marcus, 1990) and the induction \
        method of (Stolcke, 1994)) fails.";
    let got: Vec<&str> = found(text).into_iter().map(|(s, _)| s).collect();
    assert_eq!(got, ["(Magerman and Marcus, 1990)", "(Stolcke, 1994)"]);
    // a citation outside the inner parentheses keeps the outer reading
    let text = "as before (e.g., Smith, 2001; see also Jones (2003)) here";
    let got = found(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].1.iter().any(|w| w.starts_with("Smith")), "{got:?}");
}
