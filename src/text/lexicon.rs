//! Words -> terms: lower-cased, British spellings folded, Snowball-stemmed, synonyms and
//! aliases (from rules) merged into one canonical term, stop words marked.

use super::words::{tokens, TokenKind};
use crate::rules::RuleSet;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

/// A term as read: shared with the lexicon's table of words, so that a copy costs no
/// allocation. It hashes and compares as its text.
pub type Term = Rc<str>;

/// A word (or phrase) read as a term, or a clause break.
#[derive(Debug, Clone, PartialEq)]
pub enum Lexeme {
    Term {
        span: Range<usize>,
        term: Term,
        stop: bool,
    },
    Break {
        span: Range<usize>,
        weight: f32,
    },
}

impl Lexeme {
    pub fn span(&self) -> &Range<usize> {
        match self {
            Lexeme::Term { span, .. } | Lexeme::Break { span, .. } => span,
        }
    }
}

/// The lexicon: how words become terms.
pub struct Lexicon {
    /// Tells this lexicon's entries apart in the per-thread stem cache.
    id: u64,
    stemmer: Stemmer,
    stop: HashSet<String>,
    /// Phrase (stems joined by spaces) -> canonical term.
    phrases: HashMap<String, String>,
    /// Every proper prefix of a phrase, to stop looking early.
    prefixes: HashSet<String>,
    max_phrase: usize,
    acronyms: HashMap<String, String>,
    irregular: HashMap<String, String>,
    /// Prefixes an irregular form may carry: "re" + "paid" is "repay".
    irregular_prefixes: Vec<String>,
    modal: HashSet<String>,
    /// Terms that say a figure is an earlier value ("original", "provisional").
    earlier: HashSet<String>,
    aggregate: HashSet<String>,
    /// Lower-cased words that, opening a sentence, stand for a name before it.
    anaphors: HashSet<String>,
    complement: HashSet<String>,
    /// Units of measure ("kg", "metre"), as terms.
    measure: HashSet<String>,
    /// Units that convert into one another (see `RuleSet::conversions`), as terms: each
    /// with its dimension and its size in the dimension's base unit.
    conversions: HashMap<String, (u16, f64)>,
    /// The dimensions of length and area, for "square" units of length.
    length_area: Option<(u16, u16)>,
    /// The terms of "square" and "sq".
    square: Vec<String>,
    /// Term -> the terms of opposite meaning.
    opposites: HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("stop", &self.stop.len())
            .field("phrases", &self.phrases.len())
            .finish()
    }
}

/// British -> American spelling, so that "hospitalised" and "hospitalized" stem alike.
///
/// Each rule names the letters that must come before its ending, so that every form of
/// one word folds the same way ("raise", "raised" and "raising" all keep their "s", as
/// "realise", "realised" and "realising" all take a "z"; "metre" and "metres" both
/// become "meter").
fn fold_spelling(word: &str) -> String {
    const RULES: &[(&str, &str, usize)] = &[
        ("isations", "izations", 3),
        ("isation", "ization", 3),
        ("ising", "izing", 3),
        ("ised", "ized", 3),
        ("ises", "izes", 3),
        ("isers", "izers", 3),
        ("iser", "izer", 3),
        ("ise", "ize", 3),
        ("ouring", "oring", 3),
        ("oured", "ored", 3),
        ("ours", "ors", 3),
        ("our", "or", 3),
        ("tres", "ters", 2),
        ("tre", "ter", 2),
    ];
    for (from, to, before) in RULES {
        if let Some(stem) = word.strip_suffix(from) {
            if stem.chars().count() >= *before {
                return format!("{stem}{to}");
            }
            break;
        }
    }
    word.to_string()
}

fn is_acronym(entry: &str) -> bool {
    let letters: String = entry.chars().filter(|c| *c != '.').collect();
    letters.chars().count() >= 2 && letters.chars().all(|c| c.is_ascii_uppercase())
}

impl Lexicon {
    pub fn new(rules: &RuleSet) -> Lexicon {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut lex = Lexicon {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            stemmer: Stemmer::create(Algorithm::English),
            stop: HashSet::default(),
            phrases: HashMap::default(),
            prefixes: Default::default(),
            max_phrase: 1,
            acronyms: HashMap::default(),
            irregular: rules
                .irregular
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            irregular_prefixes: rules
                .irregular_prefixes
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            modal: Default::default(),
            earlier: Default::default(),
            anaphors: Default::default(),
            aggregate: Default::default(),
            complement: Default::default(),
            measure: Default::default(),
            conversions: HashMap::default(),
            length_area: None,
            square: Vec::new(),
            opposites: Default::default(),
        };
        // number words, scales, percent and currency words say nothing about what is counted
        let unit_words: Vec<String> = rules
            .percent_words
            .iter()
            .chain(rules.currencies.iter().flat_map(|c| c.after.iter()))
            .flat_map(|w| w.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .filter(|w| w.chars().all(char::is_alphabetic))
            .collect();
        let number_words = rules
            .ones
            .keys()
            .chain(rules.tens.keys())
            .chain(rules.ordinals.keys())
            .chain(rules.scales.keys())
            .chain(unit_words.iter());
        for w in rules.stop_words.iter().chain(number_words) {
            let lower = w.to_lowercase();
            lex.stop.insert(lex.stem_uncached(&lower));
            lex.stop.insert(lower);
        }
        for group in &rules.synonyms {
            let Some(canonical) = group
                .iter()
                .find(|e| !is_acronym(e))
                .map(|e| lex.phrase_key(e).join(" "))
            else {
                continue;
            };
            if canonical.is_empty() {
                continue;
            }
            for entry in group {
                if is_acronym(entry) {
                    let key: String = entry.chars().filter(|c| *c != '.').collect();
                    lex.acronyms.entry(key).or_insert_with(|| canonical.clone());
                    continue;
                }
                lex.add_phrase(entry, &canonical);
            }
        }
        // an earlier-value phrase ("first announced") is read as one term, its own: the
        // words apart ("announced") say nothing of the kind
        for entry in rules.earlier_words.iter().filter(|e| e.contains(' ')) {
            let own = lex.phrase_key(entry).join(" ");
            lex.add_phrase(entry, &own);
        }
        // the tables are complete: from here on, what a word reads as may be remembered
        // (`stem` and `lexemes` keep it per thread; above, only `stem_uncached` is used)
        let terms_of = |words: &[String]| -> Vec<String> {
            words
                .iter()
                .flat_map(|w| {
                    lex.lexemes(w).into_iter().filter_map(|l| match l {
                        Lexeme::Term { term, .. } => Some(term.to_string()),
                        Lexeme::Break { .. } => None,
                    })
                })
                .collect()
        };
        let modal = terms_of(&rules.modal_words);
        let earlier = terms_of(&rules.earlier_words);
        let complement = terms_of(&rules.complement_words);
        let aggregate = terms_of(&rules.aggregate_words);
        let measure = terms_of(&rules.measure_units);
        let mut conversions = HashMap::default();
        for (dim, units) in rules.conversions.values().enumerate() {
            for (unit, &size) in units {
                if let [term] = terms_of(std::slice::from_ref(unit)).as_slice() {
                    conversions.insert(term.clone(), (dim as u16, size));
                }
            }
        }
        let dim_of = |name: &str| {
            rules
                .conversions
                .keys()
                .position(|k| k == name)
                .map(|i| i as u16)
        };
        let length_area = dim_of("length").zip(dim_of("area"));
        let square = terms_of(&["square".to_string(), "sq".to_string()]);
        // each side of a pair is one term (a word or a phrase from the synonym lists)
        let opposites: Vec<(String, String)> = rules
            .opposites
            .iter()
            .filter_map(|pair| {
                let a = terms_of(std::slice::from_ref(pair.first()?));
                let b = terms_of(std::slice::from_ref(pair.get(1)?));
                match (a.as_slice(), b.as_slice()) {
                    ([a], [b]) if a != b => Some((a.clone(), b.clone())),
                    _ => None,
                }
            })
            .collect();
        lex.modal.extend(modal);
        lex.earlier.extend(earlier);
        lex.anaphors.extend(rules.anaphors.iter().cloned());
        lex.complement.extend(complement);
        lex.aggregate.extend(aggregate);
        lex.measure.extend(measure);
        lex.conversions = conversions;
        lex.length_area = length_area;
        lex.square = square;
        for (a, b) in opposites {
            lex.opposites.entry(a.clone()).or_default().push(b.clone());
            lex.opposites.entry(b).or_default().push(a);
        }
        lex
    }

    /// The terms of opposite meaning to a term ("decrease" for "increase"), from the rules.
    pub fn opposites(&self, term: &str) -> &[String] {
        self.opposites.get(term).map_or(&[], Vec::as_slice)
    }

    /// Whether a written word looks like a past participle: "-ed", or an irregular form
    /// from the rules ("written", "paid").
    /// (Memoized per thread, with the word's other readings.)
    pub fn is_participle(&self, raw: &str) -> bool {
        let first = raw.split_whitespace().next().unwrap_or(raw);
        self.with_words(|words| {
            let id = words.id(self, first);
            words.words[id as usize].participle
        })
    }

    fn is_participle_uncached(&self, raw: &str) -> bool {
        let first = raw.split_whitespace().next().unwrap_or(raw).to_lowercase();
        (first.len() > 4 && first.ends_with("ed")) || self.irregular_base(&first).is_some()
    }

    /// The base form of an irregular verb form from the rules, also behind a prefix from
    /// the rules: "paid" is "pay", "repaid" "repay", "overtook" "overtake".
    fn irregular_base(&self, lower: &str) -> Option<String> {
        if let Some(base) = self.irregular.get(lower) {
            return Some(base.clone());
        }
        self.irregular_prefixes.iter().find_map(|p| {
            let rest = lower.strip_prefix(p.as_str())?;
            let base = self.irregular.get(rest)?;
            Some(format!("{p}{base}"))
        })
    }

    /// Whether a term makes a figure the rest of something ("remaining").
    pub fn is_complement(&self, term: &str) -> bool {
        self.complement.contains(term)
    }

    /// Whether a term is a unit of measure ("kg", "metre").
    pub fn is_measure(&self, term: &str) -> bool {
        self.measure.contains(term)
    }

    /// The dimension of a count's unit and the unit's size in the dimension's base unit,
    /// when the unit converts into others (see `RuleSet::conversions`): "feet" is a length
    /// of 0.3048 metres, "square kilometres" an area of a million square metres.
    pub fn unit_size(&self, unit: &[String]) -> Option<(u16, f64)> {
        let first = unit.first()?;
        if self.square.contains(first) {
            let (length, area) = self.length_area?;
            return match self.conversions.get(unit.get(1)?)? {
                &(dim, size) if dim == length => Some((area, size * size)),
                _ => None,
            };
        }
        self.conversions.get(first).copied()
    }

    /// The terms that make a figure a sum of several things' ("together").
    pub fn aggregate_terms(&self) -> impl Iterator<Item = &str> {
        self.aggregate.iter().map(String::as_str)
    }

    /// The terms of the units of measure ("kg", "metre").
    pub fn measure_terms(&self) -> impl Iterator<Item = &str> {
        self.measure.iter().map(String::as_str)
    }

    /// Whether a term makes a figure the sum of several things' ("together").
    pub fn is_aggregate(&self, term: &str) -> bool {
        self.aggregate.contains(term)
    }

    /// Whether a written word (any case) stands for a name in the sentence before.
    pub fn is_anaphor(&self, raw: &str) -> bool {
        self.anaphors.contains(&raw.to_lowercase())
    }

    /// Whether a term marks a plan, target or forecast.
    pub fn is_modal(&self, term: &str) -> bool {
        self.modal.contains(term)
    }

    /// Whether a term says a figure is an earlier value ("original", "provisional").
    pub fn is_earlier(&self, term: &str) -> bool {
        self.earlier.contains(term)
    }

    /// The terms that mark a plan, target or forecast.
    pub fn modal_terms(&self) -> impl Iterator<Item = &str> {
        self.modal.iter().map(String::as_str)
    }

    /// Lower-cases, folds spelling and stems one word (memoized per thread).
    pub fn stem(&self, word: &str) -> String {
        self.with_words(|words| {
            let id = words.id(self, word);
            words.words[id as usize].stem.to_string()
        })
    }

    /// Runs `f` on this lexicon's table of the words this thread has read.
    fn with_words<T>(&self, f: impl FnOnce(&mut Words) -> T) -> T {
        thread_local! {
            static WORDS: RefCell<HashMap<u64, Words>> = RefCell::new(HashMap::default());
        }
        WORDS.with(|all| {
            let mut all = all.borrow_mut();
            if all.values().map(|w| w.words.len()).sum::<usize>() > MAX_WORDS {
                all.clear();
            }
            f(all.entry(self.id).or_default())
        })
    }

    /// What the lexicon makes of one written word, whatever its neighbours.
    fn read_word(&self, raw: &str) -> Word {
        let stem = self.stem_uncached(raw);
        let acronym =
            if !self.acronyms.is_empty() && raw.chars().next().is_some_and(char::is_uppercase) {
                let bare: String = raw.chars().filter(|c| *c != '.').collect();
                self.acronyms.get(&bare).map(|a| Term::from(a.as_str()))
            } else {
                None
            };
        Word {
            stop: self.stop.contains(&stem)
                || self.stop.contains(&raw.to_lowercase())
                || stem.chars().any(|c| c.is_ascii_digit()),
            acronym,
            phrase: self.phrases.get(&stem).map(|p| Term::from(p.as_str())),
            prefix: self.prefixes.contains(&stem),
            stem: Term::from(stem),
            participle: self.is_participle_uncached(raw),
        }
    }

    fn stem_uncached(&self, word: &str) -> String {
        // a name is one word however its accents are written or left out: "Ólafsdóttir"
        // (one letter or a letter and a combining accent) and "Olafsdottir" are one term
        let folded: String;
        let word = if word.is_ascii() {
            word
        } else {
            use unicode_normalization::UnicodeNormalization;
            folded = word
                .nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .collect();
            &folded
        };
        let lower: String = word
            .chars()
            .filter(|c| *c != '.')
            .flat_map(char::to_lowercase)
            .map(|c| if c == '’' { '\'' } else { c })
            .collect();
        // an agent noun names who does a thing, not the thing: "vaccinators" are not
        // "vaccinations" (Snowball reads both as "vaccin")
        if let Some(agent) = lower
            .strip_suffix("ators")
            .or_else(|| lower.strip_suffix("ator"))
            .filter(|stem| stem.chars().count() >= 3)
        {
            return format!("{agent}ator");
        }
        let base = self.irregular_base(&lower).unwrap_or(lower);
        self.stemmer.stem(&fold_spelling(&base)).into_owned()
    }

    /// Reads `entry` (a word or phrase) as the term `canonical` (the first reading given
    /// stays).
    fn add_phrase(&mut self, entry: &str, canonical: &str) {
        let key = self.phrase_key(entry);
        if key.is_empty() {
            return;
        }
        self.max_phrase = self.max_phrase.max(key.len());
        for n in 1..key.len() {
            self.prefixes.insert(key[..n].join(" "));
        }
        self.phrases
            .entry(key.join(" "))
            .or_insert_with(|| canonical.to_string());
    }

    fn phrase_key(&self, phrase: &str) -> Vec<String> {
        tokens(phrase)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| self.stem_uncached(&phrase[t.span]))
            .collect()
    }

    /// The content terms of a short text (a table row's label), stop words out.
    pub fn content_terms(&self, text: &str) -> Vec<String> {
        self.lexemes(text)
            .into_iter()
            .filter_map(|l| match l {
                Lexeme::Term {
                    term, stop: false, ..
                } => Some(term.to_string()),
                _ => None,
            })
            .collect()
    }

    /// Whether a (stemmed) term is a stop word.
    pub fn is_stop(&self, term: &str) -> bool {
        self.stop.contains(term)
    }

    /// The lexemes of `text`, in order; phrases from the synonym lists become one term.
    pub fn lexemes(&self, text: &str) -> Vec<Lexeme> {
        let toks = tokens(text);
        self.with_words(|words| {
            let ids: Vec<u32> = toks
                .iter()
                .map(|t| match t.kind {
                    TokenKind::Word => words.id(self, &text[t.span.clone()]),
                    TokenKind::Break(_) => NOT_A_WORD,
                })
                .collect();
            let word = |i: usize| words.words.get(ids[i] as usize);
            let mut out = Vec::with_capacity(toks.len());
            let mut i = 0;
            while i < toks.len() {
                let tok = &toks[i];
                let Some(w) = word(i) else {
                    if let TokenKind::Break(weight) = tok.kind {
                        out.push(Lexeme::Break {
                            span: tok.span.clone(),
                            weight,
                        });
                    }
                    i += 1;
                    continue;
                };
                if let Some(canonical) = &w.acronym {
                    out.push(Lexeme::Term {
                        span: tok.span.clone(),
                        term: canonical.clone(),
                        stop: false,
                    });
                    i += 1;
                    continue;
                }
                // longest phrase starting here, over consecutive words
                let mut matched = w.phrase.as_ref().map(|c| (i, c.clone()));
                if w.prefix {
                    let mut key = w.stem.to_string();
                    let end = toks.len().min(i + self.max_phrase);
                    for j in i + 1..end {
                        let Some(next) = word(j) else { break };
                        key.push(' ');
                        key.push_str(&next.stem);
                        if let Some(c) = self.phrases.get(&key) {
                            matched = Some((j, Term::from(c.as_str())));
                        }
                        if !self.prefixes.contains(&key) {
                            break;
                        }
                    }
                }
                match matched {
                    Some((j, canonical)) => {
                        out.push(Lexeme::Term {
                            span: tok.span.start..toks[j].span.end,
                            term: canonical,
                            stop: false,
                        });
                        i = j + 1;
                    }
                    None => {
                        // a modal word written with a capital inside a text is a name or
                        // a month, not the verb: "| 19 May | 369p |", "Will Carter"
                        let raw = &text[tok.span.clone()];
                        let term = if i > 0
                            && raw.starts_with(char::is_uppercase)
                            && self.is_modal(&w.stem)
                        {
                            Term::from(raw)
                        } else {
                            w.stem.clone()
                        };
                        out.push(Lexeme::Term {
                            span: tok.span.clone(),
                            term,
                            stop: w.stop,
                        });
                        i += 1;
                    }
                }
            }
            out
        })
    }
}

/// A written word as the lexicon reads it on its own.
struct Word {
    stem: Term,
    /// A stop word, a number word or a word with digits.
    stop: bool,
    /// The canonical term of the acronym it is ("US"), if any.
    acronym: Option<Term>,
    /// The canonical term of the one-word phrase it is, if any.
    phrase: Option<Term>,
    /// Whether a longer phrase starts with it.
    prefix: bool,
    /// Whether it looks like a past participle (see `Lexicon::is_participle`).
    participle: bool,
}

/// The words a thread has read with one lexicon (written form -> id).
#[derive(Default)]
struct Words {
    ids: HashMap<Box<str>, u32>,
    words: Vec<Word>,
}

/// The tables are cleared past this many words (a long-running server reads many).
const MAX_WORDS: usize = 200_000;
const NOT_A_WORD: u32 = u32::MAX;

impl Words {
    fn id(&mut self, lexicon: &Lexicon, raw: &str) -> u32 {
        if let Some(&id) = self.ids.get(raw) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(lexicon.read_word(raw));
        self.ids.insert(raw.into(), id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        let mut rules = RuleSet::defaults();
        rules
            .add(
                "corpus.toml",
                "synonyms = [[\"North Korea\", \"DPRK\", \"Pyongyang\"], [\"United States\", \"US\", \"U.S.\"]]",
            )
            .unwrap();
        Lexicon::new(&rules)
    }

    /// Whether a term of `text` passes `test`.
    fn any_term(l: &Lexicon, text: &str, test: impl Fn(&str) -> bool) -> bool {
        l.lexemes(text)
            .iter()
            .any(|x| matches!(x, Lexeme::Term { term, .. } if test(term)))
    }

    #[test]
    fn units_that_convert_have_a_dimension_and_a_size() {
        let l = lex();
        let size = |words: &str| {
            let unit: Vec<String> = l
                .lexemes(words)
                .into_iter()
                .filter_map(|x| match x {
                    Lexeme::Term { term, .. } => Some(term.to_string()),
                    Lexeme::Break { .. } => None,
                })
                .collect();
            l.unit_size(&unit)
        };
        let (length, metre) = size("metres long").unwrap();
        assert_eq!(metre, 1.0);
        // (abbreviations and spellings are one unit)
        assert_eq!(size("ft"), size("feet"));
        assert_eq!(size("feet").unwrap(), (length, 0.3048));
        assert_eq!(size("kilometres").unwrap(), (length, 1000.0));
        // a square unit of length is a unit of area
        let (area, km2) = size("square kilometres").unwrap();
        assert_ne!(area, length);
        assert_eq!(km2, 1e6);
        assert_eq!(size("km²"), Some((area, 1e6)));
        assert_eq!(size("hectares"), Some((area, 1e4)));
        assert_eq!(size("knots").map(|s| s.1), Some(1.852));
        // no unit, or one that converts into nothing
        assert_eq!(size("people"), None);
        assert_eq!(size("square metres").map(|s| s.0), Some(area));
        assert_eq!(size("square people"), None);
    }

    #[test]
    fn a_capitalised_modal_inside_a_text_is_a_name_or_a_month() {
        let l = lex();
        let modal = |text: &str| any_term(&l, text, |t| l.is_modal(t));
        assert!(modal("prices may rise"));
        assert!(modal("May we ask"));
        assert!(!modal("19 May 2025"));
        assert!(!modal("said Will Carter"));
    }

    #[test]
    fn an_earlier_value_phrase_is_one_term_and_its_words_apart_are_none() {
        let l = lex();
        let earlier = |text: &str| any_term(&l, text, |t| l.is_earlier(t));
        assert!(earlier("the figure first announced"));
        assert!(earlier("the original estimate"));
        // "announced" alone, or "first", is no earlier value
        assert!(!earlier("the fine announced on Monday"));
        assert!(!earlier("the first quarter"));
    }

    #[test]
    fn accents_written_either_way_or_left_out_make_one_term() {
        let l = lex();
        let precomposed = l.stem("\u{d3}lafsd\u{f3}ttir");
        assert_eq!(precomposed, l.stem("O\u{301}lafsdo\u{301}ttir"));
        assert_eq!(precomposed, l.stem("Olafsdottir"));
        assert_eq!(l.stem("Tromsø"), "tromsø");
    }

    fn terms(l: &Lexicon, text: &str) -> Vec<String> {
        l.lexemes(text)
            .into_iter()
            .filter_map(|x| match x {
                Lexeme::Term {
                    term, stop: false, ..
                } => Some(term.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn british_and_american_stem_alike() {
        let l = lex();
        assert_eq!(l.stem("hospitalised"), l.stem("hospitalized"));
        assert_eq!(l.stem("labour"), l.stem("labor"));
        assert_eq!(l.stem("metre"), l.stem("meters"));
        assert_eq!(l.stem("honoured"), l.stem("honored"));
        // every form of a short word folds alike (it once read "raised" as "raized")
        assert_eq!(l.stem("raised"), l.stem("raise"));
        assert_eq!(l.stem("raising"), l.stem("raises"));
        assert_eq!(l.stem("rises"), l.stem("rise"));
        assert_eq!(l.stem("promised"), l.stem("promise"));
        assert_eq!(l.stem("hours"), l.stem("hour"));
        assert_eq!(l.stem("Restoration"), l.stem("restored"));
        assert_eq!(l.stem("paid"), l.stem("pays"));
        assert_eq!(l.stem("written"), l.stem("writes"));
        assert_eq!(l.stem("repaid"), l.stem("repays"));
        assert_eq!(l.stem("overtook"), l.stem("overtakes"));
        assert_eq!(l.stem("shrank"), l.stem("shrinking"));
        assert_eq!(l.stem("vaccinators"), l.stem("vaccinator"));
        assert_ne!(l.stem("vaccinators"), l.stem("vaccination"));
    }

    #[test]
    fn synonyms_and_phrases_merge() {
        let l = lex();
        assert_eq!(terms(&l, "wrote off"), terms(&l, "cancelled"));
        assert_eq!(terms(&l, "written-off"), terms(&l, "forgiven"));
        assert_eq!(terms(&l, "DPRK"), terms(&l, "North Korea"));
        assert_eq!(terms(&l, "Pyongyang’s"), terms(&l, "North Korea"));
        assert_eq!(terms(&l, "hospitalised"), terms(&l, "hospital"));
    }

    #[test]
    fn opposites_are_read_through_synonyms() {
        let l = lex();
        let cut = terms(&l, "cut").remove(0);
        let increase = terms(&l, "grew").remove(0);
        assert!(l.opposites(&terms(&l, "hire")[0]).contains(&cut));
        assert!(l.opposites(&cut).contains(&increase));
        assert!(l.opposites(&terms(&l, "bakery")[0]).is_empty());
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        let l = lex();
        assert_eq!(terms(&l, "the US"), terms(&l, "United States"));
        assert_eq!(terms(&l, "the U.S."), terms(&l, "United States"));
        assert!(terms(&l, "told us").iter().all(|t| t != "unit state"));
    }

    #[test]
    fn stop_words_and_digits_are_marked() {
        let l = lex();
        assert_eq!(terms(&l, "the debt of 2012 was"), vec!["debt".to_string()]);
    }
}
