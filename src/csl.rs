//! CSL-JSON items: citelint's model of one parsed reference.
//!
//! The field names follow the CSL-JSON schema (`csl-data.json`) so that
//! serialising an [`Item`] gives standard CSL-JSON. Everything is optional
//! except `type`; empty fields are left out of the JSON.
//!
//! Two things CSL-JSON has no standard field for are kept in its `custom`
//! object (see [`Custom`]): that an author or editor list goes on past the
//! names given (`et al.`, BibTeX's `and others`). The list itself holds only
//! persons, so consumers that read `author` as persons see no false name.
//!
//! Text fields (`title`, `container-title` …) are CSL rich text: the
//! HTML-like tags of the CSL-JSON specification (`<i>`, `<b>`, `<sup>`,
//! `<sub>`, `<span class="nocase">`, `<span style="font-variant:small-caps;">`)
//! are markup, everything else is text.

use serde::{Deserialize, Serialize};

/// One name in an `author` or `editor` list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// Family name (`Li`, `Smith`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given names or initials (`Hongyuan`, `J. A.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// Particle kept with the family name (`van der`, `de`).
    #[serde(
        default,
        rename = "non-dropping-particle",
        skip_serializing_if = "Option::is_none"
    )]
    pub non_dropping_particle: Option<String>,
    /// Suffix such as `Jr.` or `III`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// A corporate or otherwise unsplittable name (`World Health Organization`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

impl Name {
    /// A person with a family and a given name.
    pub fn person(family: impl Into<String>, given: impl Into<String>) -> Self {
        let given = given.into();
        Name {
            family: Some(family.into()),
            given: (!given.is_empty()).then_some(given),
            ..Name::default()
        }
    }

    /// A name kept as one literal string (organisations).
    pub fn literal(text: impl Into<String>) -> Self {
        Name {
            literal: Some(text.into()),
            ..Name::default()
        }
    }

    /// The family name, or the literal for a corporate author.
    pub fn family_or_literal(&self) -> &str {
        self.family
            .as_deref()
            .or(self.literal.as_deref())
            .unwrap_or("")
    }
}

/// A CSL date: `{"date-parts": [[2008, 8]]}`, or a literal such as `in press`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Date {
    /// `[[year, month?, day?]]`.
    #[serde(default, rename = "date-parts", skip_serializing_if = "Vec::is_empty")]
    pub date_parts: Vec<Vec<DatePart>>,
    /// A date that is not a plain year (`in press`, `n.d.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    /// The date as written in the source, when it carried more than the parts
    /// (a disambiguation suffix: `2008a`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

/// One element of `date-parts`. CSL-JSON allows numbers or numeric strings;
/// citelint always writes numbers but reads both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DatePart {
    /// A number (`2008`).
    Number(i64),
    /// A string (`"2008"`), as some producers write.
    Text(String),
}

impl Date {
    /// A date with a year only.
    pub fn year(year: i32) -> Self {
        Date {
            date_parts: vec![vec![DatePart::Number(year.into())]],
            ..Date::default()
        }
    }

    /// The year, when the date has one.
    pub fn year_value(&self) -> Option<i32> {
        match self.date_parts.first()?.first()? {
            DatePart::Number(n) => i32::try_from(*n).ok(),
            DatePart::Text(s) => s.trim().parse().ok(),
        }
    }
}

/// One reference as a CSL-JSON item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Item id (a citation key); empty in the check report.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// CSL type: `article-journal`, `book`, `chapter`, `paper-conference`,
    /// `thesis`, `report`, `webpage`, `dataset`, `patent`, `standard`,
    /// `article-newspaper`, `document` …
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(
        default,
        rename = "container-title",
        skip_serializing_if = "Option::is_none"
    )]
    pub container_title: Option<String>,
    #[serde(
        default,
        rename = "collection-title",
        skip_serializing_if = "Option::is_none"
    )]
    pub collection_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(
        default,
        rename = "publisher-place",
        skip_serializing_if = "Option::is_none"
    )]
    pub publisher_place: Option<String>,
    #[serde(default, rename = "DOI", skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, rename = "URL", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, rename = "ISBN", skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    #[serde(default, rename = "ISSN", skip_serializing_if = "Option::is_none")]
    pub issn: Option<String>,
    #[serde(default, rename = "PMID", skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What CSL-JSON has no field for, in its `custom` object.
    #[serde(default, skip_serializing_if = "Custom::is_empty")]
    pub custom: Custom,
}

/// citelint's data in the CSL-JSON `custom` object (schema 1.0.2: "custom
/// key-value pairs … that do not have a designated CSL JSON field").
///
/// `{"author-et-al": true}` says the author list goes on past the persons in
/// `author`: the source wrote `et al.` (or BibTeX `and others`, `等`). BibTeX
/// and BibLaTeX output write it back as `and others`, hayagriva YAML as a
/// last author `others` (as hayagriva reads `and others`), and a formatted
/// bibliography prints the style's own `et al.` term after the names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Custom {
    /// The author list is cut short (`et al.`).
    #[serde(
        default,
        rename = "author-et-al",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub author_et_al: bool,
    /// The editor list is cut short (`et al.`).
    #[serde(
        default,
        rename = "editor-et-al",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub editor_et_al: bool,
}

impl Custom {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self == &Custom::default()
    }
}

impl Item {
    /// An item that holds nothing but its text as the title: what an entry
    /// that could not be parsed becomes, so that no text is lost.
    pub fn unparsed(text: &str) -> Self {
        Item {
            kind: "document".into(),
            title: Some(text.trim().to_string()),
            ..Item::default()
        }
    }

    /// The year of `issued`, when known.
    pub fn year(&self) -> Option<i32> {
        self.issued.as_ref().and_then(Date::year_value)
    }
}
