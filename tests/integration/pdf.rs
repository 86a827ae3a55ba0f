//! `citelint check paper.pdf`: a PDF the test writes itself (two pages,
//! running head and foot, page numbers, words hyphenated at line ends, a
//! reference list running over the page break) read through poppler's
//! `pdftotext`, end to end.

use std::process::Command;

use serde_json::Value;

/// A minimal PDF: each page a list of lines set in Helvetica, top down.
fn pdf(pages: &[Vec<String>]) -> Vec<u8> {
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    };
    let n = pages.len();
    // objects: 1 catalog, 2 pages, 3 font, then page + content per page
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|k| format!("{} 0 R", 4 + 2 * k))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    for (k, lines) in pages.iter().enumerate() {
        // the first line is the running head, the last the page number,
        // each set apart from the text block as a journal sets them
        let mut content = String::from("BT /F1 10 Tf 12 TL\n");
        let last = lines.len() - 1;
        for (j, l) in lines.iter().enumerate() {
            let at = match j {
                0 => "1 0 0 1 72 760 Tm\n".to_string(),
                1 => "1 0 0 1 72 720 Tm\n".to_string(),
                _ if j == last => "1 0 0 1 300 40 Tm\n".to_string(),
                _ => "T*\n".to_string(),
            };
            content.push_str(&at);
            content.push_str(&format!("({}) Tj\n", esc(l)));
        }
        content.push_str("ET\n");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R \
             /Resources << /Font << /F1 3 0 R >> >> >>",
            5 + 2 * k
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (k, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", k + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn manuscript() -> Vec<Vec<String>> {
    let head = "Journal of Invented Results 12 (2026)";
    let mut p1: Vec<String> = vec![
        head.into(),
        "On the persistence of colostrum in bears".into(),
        "Abstract".into(),
    ];
    let body = [
        "The milk of bears changes slowly after birth, as was shown for",
        "pandas [1] and for other carnivores with altricial young [2].",
        "The transition takes weeks rather than days, and the immuno-",
        "globulin content stays high throughout that period [1, 3].",
        "Timing of gut closure has been examined in few species [3].",
    ];
    p1.extend(body.iter().map(|s| s.to_string()));
    p1.push("References".into());
    p1.push("1. Langer P (2009) Differences in the composition of colo-".into());
    p1.push("strum and milk in eutherians. J Mammal 90: 332-339.".into());
    p1.push("2. Skibiel AL, Downing LM, Orr TJ, Hood WR (2013) The evolu-".into());
    p1.push("1".into());
    let p2: Vec<String> = vec![
        head.into(),
        "tion of the nutrient composition of mammalian milks. J Anim".into(),
        "Ecol 82: 1254-1264.".into(),
        "3. Brennan AJ, Sharp JA (2007) The tammar wallaby and fur seal:".into(),
        "models of local control of lactation. J Dairy Sci 90: E66-E75.".into(),
        "2".into(),
    ];
    vec![p1, p2]
}

fn has_pdftotext() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    assert!(
        found || std::env::var_os("CI").is_none(),
        "pdftotext (poppler-utils) is missing; .ci/run installs it"
    );
    found
}

#[test]
fn a_pdf_is_checked_through_pdftotext() {
    if !has_pdftotext() {
        eprintln!("note: pdftotext not installed; install poppler-utils to run this test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.pdf");
    std::fs::write(&path, pdf(&manuscript())).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("pdftotext"), "{stderr}");
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let file = &report["files"][0];
    let extracted = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap()
        .stdout;
    let extracted = String::from_utf8(extracted).unwrap();
    // markers: every one links, at the bytes of the extracted text
    let markers = file["markers"].as_array().unwrap();
    let texts: Vec<&str> = markers
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["[1]", "[2]", "[1, 3]", "[3]"]);
    for m in markers {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&extracted[s..e], m["text"].as_str().unwrap());
        assert!(m["unresolved"].as_array().unwrap().is_empty(), "{m}");
    }
    // the entries: three, the second across the page break
    let refs = file["references"].as_array().unwrap();
    assert_eq!(refs.len(), 3, "{refs:#?}");
    let second = &extracted
        [refs[1]["start"].as_u64().unwrap() as usize..refs[1]["end"].as_u64().unwrap() as usize];
    assert!(
        second.starts_with("2. Skibiel") && second.ends_with("1254-1264."),
        "{second}"
    );
    assert_eq!(
        refs[1]["csl"]["title"],
        "The evolution of the nutrient composition of mammalian milks"
    );
    assert_eq!(
        refs[0]["csl"]["title"],
        "Differences in the composition of colostrum and milk in eutherians"
    );
    // nothing to report, and a clean exit
    assert_eq!(file["diagnostics"].as_array().unwrap().len(), 0, "{file:#}");
    assert_eq!(o.status.code(), Some(0), "{stderr}");
}

#[test]
fn without_pdftotext_the_error_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.pdf");
    std::fs::write(&path, pdf(&manuscript())).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .arg("check")
        .arg(&path)
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("paper.pdf") && stderr.contains("poppler-utils"),
        "{stderr}"
    );
}
