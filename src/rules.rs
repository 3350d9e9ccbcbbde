//! `rules/*.toml` -> typed rules: number words, hedges, units, lexicon, corpus hygiene.
//!
//! The defaults are compiled into the binary; a corpus or a project may add files,
//! which extend the defaults (maps are merged, lists appended). A broken file is an
//! error naming the file, the line and the problem.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The default rule files, compiled in.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    ("rules/numbers.toml", include_str!("../rules/numbers.toml")),
    ("rules/hedges.toml", include_str!("../rules/hedges.toml")),
    ("rules/units.toml", include_str!("../rules/units.toml")),
    ("rules/lexicon.toml", include_str!("../rules/lexicon.toml")),
    ("rules/places.toml", include_str!("../rules/places.toml")),
    ("rules/corpus.toml", include_str!("../rules/corpus.toml")),
];

/// A rule file that could not be read as rules.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// An upper bound that may be infinite (`"inf"` in TOML).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound(pub f64);

impl<'de> Deserialize<'de> for Bound {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(f64),
            Int(i64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Num(n) => Ok(Bound(n)),
            Raw::Int(n) => Ok(Bound(n as f64)),
            Raw::Text(t) if t == "inf" => Ok(Bound(f64::INFINITY)),
            Raw::Text(t) => Err(serde::de::Error::custom(format!(
                "expected a number or \"inf\", found {t:?}"
            ))),
        }
    }
}

/// A hedge: words that widen a number into `[lo * x, hi * x]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hedge {
    pub name: String,
    pub words: Vec<String>,
    pub lo: Bound,
    pub hi: Bound,
}

/// A currency with the symbols written before and the words written after a number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
    /// What one unit is worth in the currency (0.01 for pence or cents); 1 when unsaid.
    #[serde(default = "one")]
    pub unit: f64,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}

/// One rule file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    ones: BTreeMap<String, f64>,
    #[serde(default)]
    tens: BTreeMap<String, f64>,
    #[serde(default)]
    scales: BTreeMap<String, f64>,
    #[serde(default)]
    ordinals: BTreeMap<String, f64>,
    #[serde(default)]
    vague: BTreeMap<String, [f64; 2]>,
    #[serde(default)]
    fractions: BTreeMap<String, f64>,
    #[serde(default)]
    multipliers: BTreeMap<String, f64>,
    #[serde(default)]
    hedge: Vec<Hedge>,
    #[serde(default)]
    duration_over: Words,
    #[serde(default)]
    currency: Vec<Currency>,
    #[serde(default)]
    percent: Words,
    #[serde(default)]
    durations: BTreeMap<String, f64>,
    #[serde(default)]
    rates: Words,
    #[serde(default)]
    unit_rates: Words,
    #[serde(default)]
    references: Words,
    #[serde(default)]
    stop_words: Vec<String>,
    #[serde(default)]
    irregular: BTreeMap<String, String>,
    #[serde(default)]
    irregular_prefixes: Vec<String>,
    #[serde(default)]
    attribution_headers: Vec<String>,
    #[serde(default)]
    synonyms: Vec<Vec<String>>,
    #[serde(default)]
    opposites: Vec<Vec<String>>,
    #[serde(default)]
    modal_words: Vec<String>,
    #[serde(default)]
    complement_words: Vec<String>,
    #[serde(default)]
    anaphors: Vec<String>,
    #[serde(default)]
    aggregate_words: Vec<String>,
    #[serde(default)]
    change_words: Vec<String>,
    #[serde(default)]
    increment_words: Vec<String>,
    #[serde(default)]
    rank_words: Vec<String>,
    #[serde(default)]
    measure_units: Vec<String>,
    #[serde(default)]
    conversions: BTreeMap<String, BTreeMap<String, f64>>,
    #[serde(default)]
    weekdays: Vec<String>,
    #[serde(default)]
    relative_years: BTreeMap<String, i32>,
    #[serde(default)]
    negation_words: Vec<String>,
    #[serde(default)]
    denial_words: Vec<String>,
    #[serde(default)]
    replaced_words: Vec<String>,
    #[serde(default)]
    revision_words: Vec<String>,
    #[serde(default)]
    numbered_phrases: Vec<String>,
    #[serde(default)]
    earlier_words: Vec<String>,
    #[serde(default)]
    comparison_words: Vec<String>,
    #[serde(default)]
    boilerplate: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
}

/// All rules, merged from the defaults and any extra files.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub ones: BTreeMap<String, f64>,
    pub tens: BTreeMap<String, f64>,
    pub scales: BTreeMap<String, f64>,
    pub ordinals: BTreeMap<String, f64>,
    pub vague: BTreeMap<String, [f64; 2]>,
    pub fractions: BTreeMap<String, f64>,
    pub multipliers: BTreeMap<String, f64>,
    pub hedges: Vec<Hedge>,
    pub duration_over_after: Vec<String>,
    pub currencies: Vec<Currency>,
    pub percent_words: Vec<String>,
    pub durations: BTreeMap<String, f64>,
    pub rate_words: Vec<String>,
    /// Words that, right after a rate phrase, make it no rate ("a year earlier").
    pub rate_not_before: Vec<String>,
    pub unit_rate_words: Vec<String>,
    pub reference_words: Vec<String>,
    pub stop_words: Vec<String>,
    pub irregular: BTreeMap<String, String>,
    pub irregular_prefixes: Vec<String>,
    /// Table column headers that name where a row's figure comes from ("Source",
    /// "Reported by"): such a column's cells are citations, not context for the row.
    pub attribution_headers: Vec<String>,
    pub synonyms: Vec<Vec<String>>,
    /// Pairs of words of opposite meaning ("hire" / "cut").
    pub opposites: Vec<Vec<String>>,
    pub modal_words: Vec<String>,
    pub complement_words: Vec<String>,
    /// Words that, opening a sentence, stand for someone the sentence before named ("He",
    /// "She"): the names of that sentence are the figure's words too.
    pub anaphors: Vec<String>,
    /// Words that make a figure the sum of several things' ("together", "combined").
    pub aggregate_words: Vec<String>,
    pub change_words: Vec<String>,
    /// Words next to a figure that make it an addition to something ("three further
    /// batches", "another 200 jobs"): a change.
    pub increment_words: Vec<String>,
    /// Words that make an ordinal a rank in a standing ("finished fourth", "in fifth
    /// place"): such ordinals rank one thing, whichever of them names it.
    pub rank_words: Vec<String>,
    /// Units of measure ("kg", "km"): they weigh little in a figure's context.
    pub measure_units: Vec<String>,
    /// Units of measure that convert into one another: by dimension ("length"), each
    /// unit's size in the dimension's base unit.
    pub conversions: BTreeMap<String, BTreeMap<String, f64>>,
    /// The days of the week, Monday first: "said on Monday" in a dated report is a date.
    pub weekdays: Vec<String>,
    /// Phrases naming a year by its distance from the report's: "last year" = -1.
    pub relative_years: BTreeMap<String, i32>,
    pub negation_words: Vec<String>,
    /// Words or phrases right before a figure that deny its value ("…, not 2,749").
    pub denial_words: Vec<String>,
    /// Words right before a figure that make it the value its sentence replaces ("risen
    /// to €265 million, from the €210 million", "correcting the provisional 61.8%").
    pub replaced_words: Vec<String>,
    /// Words that make a source's "from X to Y" a correction, Y replacing X ("revised the
    /// number of people injured from 41 to 44"), not a change over time.
    pub revision_words: Vec<String>,
    /// Phrases that name what a count later in their clause counts, when it names
    /// nothing itself ("the number of people injured ... from 41 to 44").
    pub numbered_phrases: Vec<String>,
    /// Words by a brief's figure that say it is an earlier value, no current one
    /// ("originally", "provisional").
    pub earlier_words: Vec<String>,
    pub comparison_words: Vec<String>,
    pub boilerplate: Vec<regex::Regex>,
    pub abbreviations: Vec<String>,
}

impl RuleSet {
    /// The compiled-in defaults.
    pub fn defaults() -> RuleSet {
        let mut set = RuleSet::default();
        for (name, text) in DEFAULT_FILES {
            set.add(name, text)
                .unwrap_or_else(|e| panic!("built-in rules are broken: {e}"));
        }
        set
    }

    /// Adds one rule file (TOML text); `name` is used in errors.
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let file: RuleFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            RuleError {
                file: name.to_string(),
                line,
                message: e.message().trim().to_string(),
            }
        })?;
        let line_of = |needle: &str| {
            text.find(needle)
                .map(|at| text[..at].matches('\n').count() + 1)
        };
        let mut boilerplate = Vec::new();
        for pattern in &file.boilerplate {
            let re = regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .map_err(|e| RuleError {
                    file: name.to_string(),
                    line: line_of(pattern),
                    message: format!("boilerplate pattern {pattern:?} is not a valid regex: {e}"),
                })?;
            boilerplate.push(re);
        }
        for h in &file.hedge {
            if h.lo.0.is_nan() || h.hi.0.is_nan() || h.lo.0 > h.hi.0 || h.lo.0 < 0.0 {
                return Err(RuleError {
                    file: name.to_string(),
                    line: line_of(&format!("\"{}\"", h.name)),
                    message: format!("hedge {:?}: lo must be >= 0 and <= hi", h.name),
                });
            }
        }
        for group in &file.synonyms {
            if group.len() < 2 {
                return Err(RuleError {
                    file: name.to_string(),
                    line: group.first().and_then(|w| line_of(w)),
                    message: "a synonym group needs at least two entries".into(),
                });
            }
        }
        for pair in &file.opposites {
            if pair.len() != 2 {
                return Err(RuleError {
                    file: name.to_string(),
                    line: pair.first().and_then(|w| line_of(w)),
                    message: "an opposite pair needs exactly two entries".into(),
                });
            }
        }
        self.ones.extend(file.ones);
        self.tens.extend(file.tens);
        self.scales.extend(file.scales);
        self.ordinals.extend(file.ordinals);
        self.vague.extend(file.vague);
        self.fractions.extend(file.fractions);
        self.multipliers.extend(file.multipliers);
        self.hedges.extend(file.hedge);
        self.duration_over_after.extend(file.duration_over.after);
        self.currencies.extend(file.currency);
        self.percent_words.extend(file.percent.after);
        self.durations.extend(file.durations);
        self.rate_words.extend(file.rates.words);
        self.rate_not_before.extend(file.rates.after);
        self.unit_rate_words.extend(file.unit_rates.words);
        self.reference_words.extend(file.references.words);
        self.stop_words.extend(file.stop_words);
        self.irregular.extend(file.irregular);
        self.irregular_prefixes.extend(file.irregular_prefixes);
        self.attribution_headers.extend(file.attribution_headers);
        self.synonyms.extend(file.synonyms);
        self.opposites.extend(file.opposites);
        self.modal_words.extend(file.modal_words);
        self.complement_words.extend(file.complement_words);
        self.aggregate_words.extend(file.aggregate_words);
        self.anaphors
            .extend(file.anaphors.into_iter().map(|w| w.to_lowercase()));
        self.change_words.extend(file.change_words);
        self.increment_words.extend(file.increment_words);
        self.rank_words.extend(file.rank_words);
        self.measure_units.extend(file.measure_units);
        for (dimension, units) in file.conversions {
            if let Some((unit, size)) = units.iter().find(|(_, v)| !(v.is_finite() && **v > 0.0)) {
                return Err(RuleError {
                    file: name.to_string(),
                    line: line_of(unit),
                    message: format!("the size of unit `{unit}` in `{dimension}` must be a positive number, not {size}"),
                });
            }
            self.conversions.entry(dimension).or_default().extend(units);
        }
        self.relative_years.extend(file.relative_years);
        if !file.weekdays.is_empty() {
            self.weekdays = file.weekdays;
        }
        self.negation_words.extend(file.negation_words);
        self.denial_words.extend(file.denial_words);
        self.replaced_words.extend(file.replaced_words);
        self.revision_words.extend(file.revision_words);
        self.numbered_phrases.extend(file.numbered_phrases);
        self.earlier_words.extend(file.earlier_words);
        self.comparison_words.extend(file.comparison_words);
        self.boilerplate.extend(boilerplate);
        self.abbreviations.extend(file.abbreviations);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load() {
        let r = RuleSet::defaults();
        assert_eq!(r.ones["twelve"], 12.0);
        assert!(r.hedges.iter().any(|h| h.words.contains(&"nearly".into())));
        assert!(r.hedges.iter().any(|h| h.hi.0.is_infinite()));
        assert!(r.currencies.iter().any(|c| c.code == "RUB"));
    }

    #[test]
    fn bad_toml_names_line() {
        let mut r = RuleSet::default();
        let err = r
            .add("x.toml", "stop_words = [\"a\"]\n\nsynonyms = [[\"a\", \n")
            .unwrap_err();
        assert_eq!(err.file, "x.toml");
        assert!(err.line.is_some(), "{err}");
    }

    #[test]
    fn unknown_key_is_an_error() {
        let mut r = RuleSet::default();
        let err = r
            .add("x.toml", "\n\nsynonym = [[\"a\", \"b\"]]\n")
            .unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("unknown field"), "{err}");
    }

    #[test]
    fn wrong_type_and_bad_regex_and_bad_hedge() {
        let mut r = RuleSet::default();
        let err = r.add("x.toml", "stop_words = 3\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        let err = r
            .add("y.toml", "\nboilerplate = ['(unclosed']\n")
            .unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = r
            .add(
                "z.toml",
                "[[hedge]]\nname = \"odd\"\nwords = [\"x\"]\nlo = 2\nhi = 1\n",
            )
            .unwrap_err();
        assert!(err.message.contains("lo must be"), "{err}");
        let err = r.add("w.toml", "synonyms = [[\"alone\"]]\n").unwrap_err();
        assert!(err.message.contains("two entries"), "{err}");
        let err = r
            .add(
                "v.toml",
                "[conversions.length]\nmetre = 1.0\nfurlong = -201.0\n",
            )
            .unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("`furlong`"), "{err}");
    }

    #[test]
    fn extra_file_extends_defaults() {
        let mut r = RuleSet::defaults();
        let before = r.synonyms.len();
        r.add("corpus.toml", "synonyms = [[\"DPRK\", \"North Korea\"]]\n")
            .unwrap();
        assert_eq!(r.synonyms.len(), before + 1);
    }
}
