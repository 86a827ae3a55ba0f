//! The settings a document is checked with: the `citelint.toml` (or
//! `.citelint.toml`) found from the document's folder upwards, the way
//! `check` looks from the working directory, read again whenever the file
//! found changes (another file found, or its modification time or size
//! changed) and otherwise kept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::config::{FileConfig, Settings};

/// What a configuration file was read as, and the stamp it had then.
struct Cached {
    stamp: Option<(SystemTime, u64)>,
    settings: Result<Arc<Settings>, String>,
}

/// Configuration files read so far, by path.
#[derive(Default)]
pub struct SettingsCache {
    files: HashMap<PathBuf, Cached>,
    defaults: Option<Arc<Settings>>,
}

impl SettingsCache {
    /// The settings for a document at `path` (`None`: not a local file,
    /// checked with the defaults), or the configuration error, naming the
    /// file.
    pub fn for_document(&mut self, path: Option<&Path>) -> Result<Arc<Settings>, String> {
        let found = path.and_then(Path::parent).and_then(FileConfig::discover);
        let Some(config) = found else {
            return Ok(self
                .defaults
                .get_or_insert_with(|| Arc::new(Settings::default()))
                .clone());
        };
        let stamp = std::fs::metadata(&config)
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        if let Some(c) = self.files.get(&config) {
            if c.stamp.is_some() && c.stamp == stamp {
                return c.settings.clone();
            }
        }
        let settings = FileConfig::read(&config)
            .and_then(|f| f.resolve())
            .map(Arc::new)
            .map_err(|e| format!("{}: {e}", config.display()));
        self.files.insert(
            config,
            Cached {
                stamp,
                settings: settings.clone(),
            },
        );
        settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;

    #[test]
    fn the_file_is_found_upwards_and_read_again_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("chapters");
        std::fs::create_dir(&sub).unwrap();
        let doc = sub.join("one.md");
        let mut cache = SettingsCache::default();
        let s = cache.for_document(Some(&doc)).unwrap();
        assert!(s.is_enabled(Rule::UncitedReference));

        let config = dir.path().join("citelint.toml");
        std::fs::write(&config, "ignore = [\"uncited-reference\"]\n").unwrap();
        let s = cache.for_document(Some(&doc)).unwrap();
        assert!(!s.is_enabled(Rule::UncitedReference));

        // a different size is a change even within the clock's resolution
        std::fs::write(&config, "ignore = [\"numbering-gap\"]  \n").unwrap();
        let s = cache.for_document(Some(&doc)).unwrap();
        assert!(s.is_enabled(Rule::UncitedReference));
        assert!(!s.is_enabled(Rule::NumberingGap));

        std::fs::write(&config, "ignore = [\"no-such-rule-at-all\"]\n").unwrap();
        let err = cache.for_document(Some(&doc)).unwrap_err();
        assert!(err.contains("citelint.toml"), "{err}");
        assert!(err.contains("no-such-rule-at-all"), "{err}");

        // no file: the defaults
        let s = cache.for_document(None).unwrap();
        assert!(s.is_enabled(Rule::UncitedReference));
    }
}
