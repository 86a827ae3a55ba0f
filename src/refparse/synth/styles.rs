//! The bundled CSL styles the generator renders through, and the family each
//! belongs to (for leave-one-family-out evaluation).

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{IndependentStyle, Style};

/// A family of styles that look alike on the page. Leave-one-family-out
/// evaluation trains without one family's renders and tests on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// APA and the author-date styles that copy it: `Smith, J. A., & Lee,
    /// K. (2008). Title. Journal, 12(3), 1–9.`
    Apa,
    /// Vancouver / NLM and the medical styles: `Smith JA, Lee K. Title.
    /// Journal. 2008;12(3):1-9.`
    Vancouver,
    /// GB/T 7714: `SMITH J A, LEE K. Title[J]. Journal, 2008, 12(3): 1-9.`
    Gbt,
    /// Chicago author-date and its kin: `Smith, John A., and Kim Lee. 2008.
    /// "Title." Journal 12 (3): 1–9.`
    ChicagoAuthorDate,
    /// Nature-like: `Smith, J. A. & Lee, K. Title. Journal 12, 1–9 (2008).`
    Nature,
    /// IEEE and the engineering/physics styles: `J. A. Smith and K. Lee,
    /// "Title," Journal, vol. 12, no. 3, pp. 1–9, 2008.`
    Ieee,
    /// Every other bundled style (MLA, ISO 690, GOST, ABNT, note styles …).
    Other,
}

impl Family {
    /// Every family, in report order.
    pub const ALL: [Family; 7] = [
        Family::Apa,
        Family::Vancouver,
        Family::Gbt,
        Family::ChicagoAuthorDate,
        Family::Nature,
        Family::Ieee,
        Family::Other,
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Family::Apa => "apa",
            Family::Vancouver => "vancouver",
            Family::Gbt => "gb-t-7714",
            Family::ChicagoAuthorDate => "chicago-author-date",
            Family::Nature => "nature",
            Family::Ieee => "ieee",
            Family::Other => "other",
        }
    }
}

/// The family of a bundled style, by its name.
pub fn family_of(name: &str) -> Family {
    const APA: &[&str] = &[
        "american-psychological-association",
        "apa",
        "american-sociological-association",
        "american-anthropological-association",
        "american-political-science-association",
        "annual-reviews-author-date",
        "cell",
        "deutsche-gesellschaft-für-psychologie",
        "elsevier-harvard",
        "harvard-cite-them-right",
        "springer-socpsych-author-date",
        "springer-humanities-author-date",
        "copernicus",
        "american-geophysical-union",
        "american-meteorological-society",
        "bristol-university-press",
        "frontiers",
    ];
    const VANCOUVER: &[&str] = &[
        "taylor-and-francis-national-library-of-medicine",
        "elsevier-vancouver",
        "springer-vancouver",
        "sage-vancouver",
        "mary-ann-liebert-vancouver",
        "american-medical-association",
        "biomed-central",
        "bmj",
        "british-medical-journal",
        "the-lancet",
        "karger",
        "thieme",
        "future-medicine",
        "future-science",
        "plos",
        "public-library-of-science",
        "council-of-science-editors",
        "cse-citation-sequence-brackets-8th-edition",
        "springer-fachzeitschriften-medizin-psychologie",
        "springer-basic",
        "springer-basic-author-date",
        "american-society-for-microbiology",
        "american-physiological-society",
        "multidisciplinary-digital-publishing-institute",
        "current-opinion",
        "trends",
        "pensoft",
        "council-of-science-editors-author-date",
        "cse-name-year",
    ];
    const CHICAGO: &[&str] = &[
        "chicago-author-date",
        "turabian-author-date",
        "taylor-and-francis-chicago-author-date",
    ];
    const NATURE: &[&str] = &[
        "nature",
        "elsevier-with-titles",
        "springer-mathphys",
        "american-chemical-society",
        "royal-society-of-chemistry",
        "angewandte-chemie",
        "annual-reviews",
    ];
    const IEEE: &[&str] = &[
        "ieee",
        "institute-of-electrical-and-electronics-engineers",
        "american-physics-society",
        "american-institute-of-physics",
        "institute-of-physics-numeric",
        "american-institute-of-aeronautics-and-astronautics",
        "american-society-of-civil-engineers",
        "american-society-of-mechanical-engineers",
        "association-for-computing-machinery",
        "springer-lecture-notes-in-computer-science",
        "spie",
        "the-institution-of-engineering-and-technology",
    ];
    if name.starts_with("gb-7714") {
        return Family::Gbt;
    }
    for (names, family) in [
        (APA, Family::Apa),
        (VANCOUVER, Family::Vancouver),
        (CHICAGO, Family::ChicagoAuthorDate),
        (NATURE, Family::Nature),
        (IEEE, Family::Ieee),
    ] {
        if names.contains(&name) {
            return family;
        }
    }
    Family::Other
}

/// A bundled style ready to render with.
pub struct Bundled {
    /// Its first name (`apa`, `ieee` …).
    pub name: &'static str,
    pub family: Family,
    pub style: IndependentStyle,
}

/// Every independent style bundled with hayagriva that has a bibliography,
/// each once, sorted by name. hayagriva 0.10's `nlm-citation-sequence`
/// renders no authors; it is left out (its Vancouver kin stand in).
pub fn bundled() -> Vec<Bundled> {
    let mut out: Vec<Bundled> = ArchivedStyle::all()
        .iter()
        .filter_map(|a| {
            let name = *a.names().first()?;
            if name.starts_with("nlm-citation-sequence") {
                return None;
            }
            match a.get() {
                Style::Independent(style) if style.bibliography.is_some() => Some(Bundled {
                    name,
                    family: family_of(name),
                    style,
                }),
                _ => None,
            }
        })
        .collect();
    out.sort_by_key(|b| b.name);
    out
}
