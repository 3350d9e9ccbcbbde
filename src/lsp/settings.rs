//! Editor settings (the `factlint` section of `workspace/configuration` or of
//! `didChangeConfiguration`) and how they override a `factlint.toml`: corpus and rules
//! paths, severities, unverified figures on or off, the debounce of push diagnostics.

use crate::codes::{self, Severity};
use crate::config::{self, Config};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;
use std::time::Duration;

/// The default pause after an edit before diagnostics are pushed.
pub const DEFAULT_DEBOUNCE_MS: u64 = 150;

/// The settings under `factlint`. Every field is optional; unset fields keep what
/// `factlint.toml` (or the defaults) says.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Settings {
    /// Corpus folders or files; relative paths are resolved against the workspace folder
    /// (or the folder of the `factlint.toml`). Replaces the config's `corpus`.
    pub corpus: Vec<String>,
    /// Extra rule files, added to the config's `rules`.
    pub rules: Vec<String>,
    /// Severity per code (`error`, `warning`, `information`, `hint` or `off`).
    pub severity: BTreeMap<String, String>,
    /// Whether unverified figures (FL002) are shown. Default: true.
    pub unverified: Option<bool>,
    /// Milliseconds between the last edit and the pushed diagnostics. Default: 150.
    pub debounce: Option<u64>,
}

/// The names of the settings under `factlint`, as serde reads them (camelCase), in the
/// struct's order. Read from the derived `Deserialize` itself, so it cannot drift from the
/// struct: editor packages are checked against it (`tests/vscode_settings.rs`).
pub fn keys() -> &'static [&'static str] {
    use serde::de::{self, Visitor};

    /// A deserializer that only records the field names a struct asks for.
    struct FieldNames<'a>(&'a mut &'static [&'static str]);

    impl<'de> de::Deserializer<'de> for FieldNames<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("field names read"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = Settings::deserialize(FieldNames(&mut fields));
    fields
}

impl Settings {
    /// Reads settings from `{"factlint": {...}}` or from the section itself; `null` is the
    /// defaults.
    pub fn from_value(value: &Value) -> Result<Settings, String> {
        let section = match value.get("factlint") {
            Some(v) => v,
            None => value,
        };
        if section.is_null() {
            return Ok(Settings::default());
        }
        let settings: Settings = serde_json::from_value(section.clone())
            .map_err(|e| format!("factlint settings: {e}"))?;
        for (code, level) in &settings.severity {
            if codes::find(code).is_none() {
                return Err(format!(
                    "factlint settings: unknown code {code:?} in severity"
                ));
            }
            if level != "off" && Severity::parse(level).is_none() {
                return Err(format!(
                    "factlint settings: unknown severity {level:?} for {code} (use error, warning, information, hint or off)"
                ));
            }
        }
        Ok(settings)
    }

    pub fn debounce(&self) -> Duration {
        Duration::from_millis(self.debounce.unwrap_or(DEFAULT_DEBOUNCE_MS))
    }

    /// The configuration in force: `config` with these settings on top. Relative paths
    /// are resolved against `root`; no corpus anywhere means `<root>/seeds`.
    pub fn apply(&self, mut config: Config, root: &Path) -> Config {
        let resolve = |p: &String| config::normalize(&root.join(p));
        if !self.corpus.is_empty() {
            config.corpus = self.corpus.iter().map(resolve).collect();
        }
        config.rules.extend(self.rules.iter().map(resolve));
        if config.corpus.is_empty() {
            config.corpus = vec![root.join("seeds")];
        }
        for (code, level) in &self.severity {
            if let Some(c) = codes::find(code) {
                config.severity.insert(c.id, Severity::parse(level));
            }
        }
        if self.unverified == Some(false) {
            config.severity.insert(codes::UNVERIFIED, None);
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_override_the_config() {
        let s = Settings::from_value(&json!({"factlint": {
            "corpus": ["sources"], "rules": ["more.toml"],
            "severity": {"FL001": "error", "fl002": "off"}, "debounce": 20
        }}))
        .unwrap();
        let config = Config::parse(
            Path::new("/repo/factlint.toml"),
            "corpus = [\"seeds\"]\nrules = [\"a.toml\"]\n",
        )
        .unwrap();
        let c = s.apply(config, Path::new("/repo"));
        assert_eq!(c.corpus, vec![PathBuf::from("/repo/sources")]);
        assert_eq!(
            c.rules,
            vec![
                PathBuf::from("/repo/a.toml"),
                PathBuf::from("/repo/more.toml")
            ]
        );
        assert_eq!(c.severity(codes::CONTRADICTED), Some(Severity::Error));
        assert_eq!(c.severity(codes::UNVERIFIED), None);
        assert_eq!(s.debounce(), Duration::from_millis(20));
        let d = Settings::default().apply(Config::defaults(Path::new("/w")), Path::new("/w"));
        assert_eq!(d.corpus, vec![PathBuf::from("/w/seeds")]);
        assert_eq!(d.severity(codes::UNVERIFIED), Some(Severity::Hint));
    }

    #[test]
    fn keys_are_what_serde_accepts() {
        assert_eq!(
            keys(),
            ["corpus", "rules", "severity", "unverified", "debounce"]
        );
        // Each key, alone with a value of its type, is accepted and changes the settings.
        let samples = [
            json!(["sources"]),
            json!(["more.toml"]),
            json!({"FL001": "error"}),
            json!(false),
            json!(20),
        ];
        for (key, value) in keys().iter().zip(samples) {
            let s = Settings::from_value(&json!({ *key: value })).unwrap();
            assert_ne!(s, Settings::default(), "{key}");
        }
        // Anything else is refused, snake_case spellings included.
        for key in ["path", "trace", "Corpus", "show_unverified", "severities"] {
            assert!(
                Settings::from_value(&json!({ key: null })).is_err(),
                "{key}"
            );
        }
    }

    #[test]
    fn bad_settings_say_what_is_wrong() {
        assert!(Settings::from_value(&json!({"corpus": 5}))
            .unwrap_err()
            .contains("factlint settings"));
        assert!(
            Settings::from_value(&json!({"severity": {"FL009": "error"}}))
                .unwrap_err()
                .contains("FL009")
        );
        assert!(
            Settings::from_value(&json!({"severity": {"FL001": "loud"}}))
                .unwrap_err()
                .contains("loud")
        );
        assert_eq!(
            Settings::from_value(&json!(null)).unwrap(),
            Settings::default()
        );
        assert_eq!(
            Settings::from_value(&json!({"factlint": null})).unwrap(),
            Settings::default()
        );
    }
}
