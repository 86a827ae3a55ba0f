//! Snapshots of the CSL-JSON produced for the seed manuscript's references
//! (GB/T 7714 author-year layout) and for the reference list of one real
//! dev paper.

use citelint::refparse::parse_reference;

const SEED: [&str; 2] = [
    "Li Hongyuan. 2008(08). On Network Sovereignty and the New Concept of National Security [J]. Administration and Law.",
    "Cui Wenbo. 2013(03). The Impact of \"Tallinn Manual\" on my country's Cyber Security Interests [J]. Journal of Jiangnan Institute of Sociology.",
];

#[test]
fn seed_references() {
    let items: Vec<_> = SEED.iter().map(|s| parse_reference(s)).collect();
    // the fields the issue names, checked outright as well as snapshotted
    assert_eq!(items[0].author[0].family.as_deref(), Some("Li"));
    assert_eq!(items[0].author[0].given.as_deref(), Some("Hongyuan"));
    assert_eq!(items[0].year(), Some(2008));
    assert_eq!(items[0].issue.as_deref(), Some("08"));
    assert_eq!(items[0].kind, "article-journal");
    assert_eq!(
        items[0].container_title.as_deref(),
        Some("Administration and Law")
    );
    assert_eq!(items[1].author[0].family.as_deref(), Some("Cui"));
    assert_eq!(items[1].year(), Some(2013));
    assert_eq!(items[1].issue.as_deref(), Some("03"));
    assert_eq!(
        items[1].container_title.as_deref(),
        Some("Journal of Jiangnan Institute of Sociology")
    );
    insta::assert_json_snapshot!("seed", items);
}

/// The reference list of a dev paper (Emerging Infectious Diseases, 8
/// references, label stripped as the check pipeline does).
#[test]
fn dev_paper_reference_list() {
    let base = "../shared/datasets/dev/papers/numeric/10.3201_eid1710.101890";
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{base}.gold.json")).expect("dev paper gold"),
    )
    .expect("gold json");
    let txt = std::fs::read(format!("{base}.txt")).expect("dev paper text");
    let refs = gold["references"].as_array().expect("references");
    let items: Vec<_> = refs
        .iter()
        .map(|r| {
            let s = r["text_start"].as_u64().unwrap_or(0) as usize;
            let e = r["text_end"].as_u64().unwrap_or(0) as usize;
            parse_reference(std::str::from_utf8(&txt[s..e]).expect("utf-8 entry"))
        })
        .collect();
    assert_eq!(items.len(), 8);
    // every entry has the year its gold has
    for (item, r) in items.iter().zip(refs) {
        if let Some(y) = r["fields"]["year"].as_str() {
            assert_eq!(
                item.year().map(|y| y.to_string()).as_deref(),
                Some(y),
                "{}",
                r["text"]
            );
        }
    }
    insta::assert_json_snapshot!("eid_paper", items);
}
