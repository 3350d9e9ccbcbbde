//! The words around a figure and their weights: which words belong to which figure.
//!
//! A word's weight falls with its distance from the figure (in content words), with every
//! clause break between them, and sharply with every other figure between them, so that
//! in "trade with Russia was $100 million, with China about $6 billion" the word "China"
//! belongs to "$6 billion". The first content word after a figure (the noun it counts)
//! weighs a little more. Wider context (neighbouring sentences, the title, headings, a
//! table row's label) is added at fixed lower weights.

use crate::figures::{Figure, Kind, Role};
use crate::text::lexicon::{Lexeme, Lexicon, Term};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// Weights of the context a figure is read in.
pub mod weight {
    /// Multiplier per other figure between a word and the figure, and for a word that
    /// belongs to another figure.
    pub const OTHER_FIGURE: f32 = 0.45;
    /// The same between a date and a quantity: a date dates the whole clause, so the
    /// quantity's words are its words too.
    pub const OTHER_CLASS: f32 = 0.85;
    /// Multiplier per clause word ("while", "which") between them.
    pub const CLAUSE_WORD: f32 = 0.7;
    /// Decay per content word of distance.
    pub const DECAY: f32 = 0.85;
    /// Bonus for the first content word after the figure.
    pub const NOUN_AFTER: f32 = 1.25;
    /// Words of the neighbouring sentences.
    pub const NEIGHBOUR: f32 = 0.12;
    /// A name of the sentence before, for a sentence that opens with a word standing for
    /// it ("He", "The 45-year-old").
    pub const ANTECEDENT: f32 = 1.0;
    /// Words of the document title.
    pub const TITLE: f32 = 0.12;
    /// Words of the headings above a brief's paragraph.
    pub const HEADING: f32 = 0.15;
    /// Words of a table row's label cell.
    pub const ROW_LABEL: f32 = 0.9;
    /// Words of the other cells of a table row.
    pub const ROW_CELL: f32 = 0.6;
    /// Words of a table column's header.
    pub const COLUMN_HEADER: f32 = 0.3;
    /// Words of the label that opens a line ("Zone C (Ruvasi Valley): 82 rhinos"), for
    /// every figure of that line's sentence.
    pub const LEAD_LABEL: f32 = 0.6;
    /// ... and of a brief's line: less, since a brief's own words are what the figure is
    /// read by, and the label is read as what its counts count anyway (`check`).
    pub const LEAD_LABEL_BRIEF: f32 = 0.35;
    /// Words of the header of a column of a source's text table: what the column measures,
    /// a little under an anchor (`verdict::threshold::ANCHOR`), so that the row's label
    /// anchors a match (in "Oskvale | 339,890 | 7.2" under "Share of total (%)", the 7.2
    /// is Oskvale's: a brief's "share aged 65 and over" is another share).
    pub const SOURCE_HEADER: f32 = 0.55;
    /// A date in a quantity's context weighs this much of a word at the same place.
    pub const DATE: f32 = 0.75;
    /// Below this a word is dropped.
    pub const FLOOR: f32 = 0.04;
}

/// Words that open a new clause.
const CLAUSE_WORDS: &[&str] = &[
    "while", "wherea", "whereas", "but", "although", "though", "which", "who", "when", "where",
];

/// A bag of weighted terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub terms: HashMap<Term, f32>,
    /// A plan, target or forecast word sits close to the figure.
    pub modal: bool,
    /// A word like "remaining" sits right by the figure (weight 0.7 or more).
    pub complement: bool,
    /// A word like "together" sits right by the figure (weight 0.7 or more).
    pub aggregate: bool,
    /// The figure is a value in a table row with a label: read tersely.
    pub tabular: bool,
}

impl Context {
    /// Adds a term, keeping the larger weight.
    pub fn add(&mut self, term: &str, w: f32) {
        if w < weight::FLOOR {
            return;
        }
        match self.terms.get_mut(term) {
            Some(e) => *e = e.max(w),
            None => {
                self.terms.insert(Term::from(term), w);
            }
        }
    }

    /// `add`, sharing the term instead of copying it.
    pub fn add_term(&mut self, term: &Term, w: f32) {
        if w < weight::FLOOR {
            return;
        }
        match self.terms.get_mut(term) {
            Some(e) => *e = e.max(w),
            None => {
                self.terms.insert(term.clone(), w);
            }
        }
    }

    /// Adds every content term of `text` at weight `w`.
    pub fn add_text(&mut self, lexicon: &Lexicon, text: &str, w: f32) {
        self.add_lexemes(lexicon, &lexicon.lexemes(text), w);
    }

    /// Adds every content term of already-read lexemes at weight `w`.
    pub fn add_lexemes(&mut self, lexicon: &Lexicon, lexemes: &[Lexeme], w: f32) {
        for lx in lexemes {
            if let Lexeme::Term { term, stop, .. } = lx {
                self.modal |= w >= 0.5 && lexicon.is_modal(term);
                self.complement |= w >= 0.7 && lexicon.is_complement(term);
                self.aggregate |= w >= 0.7 && lexicon.is_aggregate(term);
                if !stop {
                    self.add_term(term, w);
                }
            }
        }
    }

    /// Adds another context scaled by `w` (its modality only when `w` is large).
    pub fn add_scaled(&mut self, other: &Context, w: f32) {
        self.modal |= other.modal && w >= 0.5;
        self.complement |= other.complement && w >= 0.7;
        self.aggregate |= other.aggregate && w >= 0.7;
        for (t, x) in &other.terms {
            self.add_term(t, x * w);
        }
    }

    /// The strongest terms, best first (for explanations and debugging).
    pub fn top(&self, n: usize) -> Vec<(&str, f32)> {
        let mut v: Vec<(&str, f32)> = self.terms.iter().map(|(t, w)| (&**t, *w)).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// What a date term starts with: it names a date, not a word.
pub const DATE_MARK: char = '@';

/// Whether a context term is a date's (see `date_term`), not a word.
pub fn is_date_term(term: &str) -> bool {
    term.starts_with(DATE_MARK)
}

/// The years a date term names ("@2013", "@2024-2025").
pub fn date_term_years(term: &str) -> Option<(i32, i32)> {
    let years = term.strip_prefix(DATE_MARK)?;
    let (a, b) = years.split_once('-').unwrap_or((years, years));
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The term a date stands for in a quantity's context: "@2013" (years only; a month or
/// a day alone names no particular time).
pub fn date_term(f: &Figure) -> Option<String> {
    match f.value {
        crate::figures::Value::Date(d) => match d.year? {
            (a, b) if a == b => Some(format!("{DATE_MARK}{a}")),
            (a, b) => Some(format!("{DATE_MARK}{a}-{b}")),
        },
        _ => None,
    }
}

enum Item<'a> {
    /// A content term, and whether it was written as a past participle ("written", "paid").
    Word(&'a Term, bool),
    Stop(&'a str),
    Break(f32),
    Slot(usize),
}

/// Joins a unit of measure to the thing it measures in one term ("litre of fuel").
const MEASURED: &str = " of ";

/// Whether a term joins a unit to what it measures (see `local_contexts_with`): no
/// sentence's words hold it, so the index counts it in by itself.
pub(crate) fn is_measured(term: &str) -> bool {
    term.contains(MEASURED)
}

/// Whether two neighbouring figures are one expression: the two ends of a range, or an
/// apposition ("$10 billion, or 90%", "$10 billion (90%)").
pub(crate) fn linked(lexicon: &Lexicon, sentence: &str, a: &Figure, b: &Figure) -> bool {
    if a.role == Role::RangeStart && b.role == Role::RangeEnd {
        return true;
    }
    let between = sentence
        .get(a.full_span().end..b.full_span().start)
        .unwrap_or("x");
    let rest: String = between
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '(' | ')' | '–' | '—' | '/'))
        .collect::<String>()
        .to_lowercase();
    if a.kind != b.kind {
        // (and a change with the level it reaches: "revenue fell 6% to £2.1 billion")
        return ((rest.is_empty() || rest == "or") && between.len() <= 8)
            || ((a.role == Role::Change || a.kind == Kind::Percent) && rest == "to");
    }
    // a change of one thing: "rose to €388 million, from €350 million", "from 93% to 81%"
    // (after the first figure's counted noun: "from 12 km to 10 km")
    let (words, counted) = words_between(lexicon, sentence, a, b);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // (after a rate's own words: "€1.15 per share, up from €0.95"; before a determiner:
    // "risen to €265 million, from the €210 million announced")
    let determiner = words
        .last()
        .is_some_and(|w| crate::figures::DETERMINERS.contains(w));
    let words = match words.split_last() {
        Some((_, head)) if determiner => head,
        _ => &words[..],
    };
    let counted = counted.min(words.len());
    // (and past the period it is of: "rose to €429 for 2024-25, from €395")
    let dated = match words.get(counted..) {
        Some([at, rest @ ..]) if matches!(*at, "in" | "for") => {
            let years = rest
                .iter()
                .take_while(|w| w.chars().all(|c| c.is_ascii_digit()))
                .count();
            if years > 0 {
                1 + years
            } else {
                0
            }
        }
        _ => 0,
    };
    // "between six months and 14 years": the two ends of one range
    let between_and = words.get(counted..) == Some(&["and"][..])
        && sentence[..a.full_span().start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("between"));
    let skip = if a.rate { 0..=2 } else { 0..=counted + dated };
    between_and
        || skip
            .filter_map(|k| words.get(k..))
            .any(|rest| crate::figures::LINKS.contains(&rest))
}

/// Groups of linked figures (see `linked`): each figure's group is the first figure of
/// its run.
pub(crate) fn groups(lexicon: &Lexicon, sentence: &str, found: &[Figure]) -> Vec<usize> {
    let mut group: Vec<usize> = (0..found.len()).collect();
    for i in 1..found.len() {
        if linked(lexicon, sentence, &found[i - 1], &found[i]) {
            group[i] = group[i - 1];
        }
    }
    group
}

/// The words between two figures, lower-cased, and how many of the first are the first
/// figure's counted noun ("12 km to 10 km": "km" is counted).
fn words_between(
    lexicon: &Lexicon,
    sentence: &str,
    a: &Figure,
    b: &Figure,
) -> (Vec<String>, usize) {
    let words: Vec<String> = sentence
        .get(a.full_span().end..b.full_span().start)
        .unwrap_or("x")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let counted = words
        .iter()
        .zip(&a.unit)
        .take_while(|(w, u)| lexicon.stem(w) == **u)
        .count();
    (words, counted)
}

/// Whether a date dates the figure right before it: "about 1,150 in 2024", "€4.1 billion
/// for 2023" (after the figure's counted noun: "1,150 people in 2024").
pub(crate) fn dates(lexicon: &Lexicon, sentence: &str, a: &Figure, b: &Figure) -> bool {
    if a.kind == Kind::Date || b.kind != Kind::Date {
        return false;
    }
    let (words, counted) = words_between(lexicon, sentence, a, b);
    matches!(&words[counted..], [w] if w == "in" || w == "for")
}

/// Whether the first of two counts is a part of the second: "27 of the 31 schools". The
/// two are values of one statement, but not one expression: their words stay their own.
pub(crate) fn partitive(sentence: &str, a: &Figure, b: &Figure) -> bool {
    let between: Vec<&str> = sentence
        .get(a.span.end..b.full_span().start)
        .unwrap_or("x")
        .split_whitespace()
        .collect();
    a.kind == Kind::Count
        && b.kind == Kind::Count
        && match between.as_slice() {
            [of] => of.eq_ignore_ascii_case("of"),
            [of, det] => of.eq_ignore_ascii_case("of") && det.eq_ignore_ascii_case("the"),
            _ => false,
        }
}

/// Adds to the local contexts of `sentence`'s figures the names of the sentence before
/// (`prev`, read as `prev_lexemes`) when `sentence` opens with a word that stands for one
/// of them: a pronoun from the rules' `anaphors` ("He was jailed for 11 years"), or "the"
/// and an age ("The 45-year-old is in poor health"). A name is a content term written
/// with a capital letter.
pub fn add_antecedents(
    lexicon: &Lexicon,
    locals: &mut [Context],
    (sentence, lexemes, found): (&str, &[Lexeme], &[Figure]),
    (prev, prev_lexemes): (&str, &[Lexeme]),
) {
    let first = lexemes.iter().find_map(|l| match l {
        Lexeme::Term { span, .. } => sentence.get(span.clone()),
        Lexeme::Break { .. } => None,
    });
    let the_age = found.first().is_some_and(|f| {
        let mut before = sentence[..f.full_span().start].split_whitespace();
        f.kind == Kind::Age
            && before.next().is_some_and(|w| w.eq_ignore_ascii_case("the"))
            && before.next().is_none()
    });
    if !(the_age || first.is_some_and(|w| lexicon.is_anaphor(w))) {
        return;
    }
    for l in prev_lexemes {
        if let Lexeme::Term {
            span,
            term,
            stop: false,
        } = l
        {
            let capital = prev
                .get(span.clone())
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase);
            if capital {
                for c in locals.iter_mut() {
                    c.add_term(term, weight::ANTECEDENT);
                }
            }
        }
    }
}

/// The label that opens a line of prose, as in a list of facts ("Postal votes: 412,000",
/// "- Zone C (Ruvasi Valley): 82 rhinos"): a few words without figures (after a list
/// marker, if any), then a colon and a space.
pub fn lead_label(text: &str) -> Option<&str> {
    let (label, rest) = label_and_rest(text)?;
    is_label(label, rest).then_some(label)
}

/// `lead_label`, passing over a time in brackets at the label's end: "Preliminary report
/// (7 April): 41 injured" is labelled "Preliminary report".
pub fn lead_label_dated(text: &str) -> Option<&str> {
    let (label, rest) = label_and_rest(text)?;
    match label.strip_suffix(')').and_then(|l| l.rsplit_once('(')) {
        Some((words, time)) if time.chars().any(|c| c.is_ascii_digit()) => {
            let words = words.trim();
            is_label(words, rest).then_some(words)
        }
        _ => is_label(label, rest).then_some(label),
    }
}

/// A line's text before its first colon (after a list marker, trimmed) and after it.
fn label_and_rest(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '•'));
    let (label, rest) = text.split_once(':')?;
    Some((label.trim(), rest))
}

/// Whether the text before a colon is a label: one to five words, no digits, and a space
/// after the colon.
fn is_label(label: &str, rest: &str) -> bool {
    (1..=5).contains(&label.split_whitespace().count())
        && rest.starts_with(char::is_whitespace)
        && !label.chars().any(|c| c.is_ascii_digit())
}

/// Whether a table row's label is a name: each of its words capitalized ("Civic Union",
/// "Sales, Europe"), not a description ("Administrative roles").
pub fn is_name(label: &str) -> bool {
    let mut words = label
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .peekable();
    words.peek().is_some() && words.all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether a line's label is a name of two or more words ("Zone C (Ruvasi Valley)",
/// "Friendship Year"): one word opening a line is capitalized whatever it is ("Turnout").
pub fn names_something(label: &str) -> bool {
    label.split_whitespace().nth(1).is_some() && is_name(label)
}

/// Adds the words of the label that opens a sentence (see `lead_label`) to the context of
/// each of its figures: the label says what the line's figures are about, however far
/// from it they stand.
pub fn add_label(lexicon: &Lexicon, label: &str, locals: &mut [Context], w: f32) {
    let lexemes = lexicon.lexemes(label);
    for cx in locals {
        cx.add_lexemes(lexicon, &lexemes, w);
    }
}

/// The local context of each figure in one sentence. `found` have byte spans in
/// `sentence`, sorted and non-overlapping.
pub fn local_contexts(lexicon: &Lexicon, sentence: &str, found: &[Figure]) -> Vec<Context> {
    local_contexts_with(lexicon, sentence, &lexicon.lexemes(sentence), found)
}

/// `local_contexts` over the sentence's lexemes, read once by the caller.
pub fn local_contexts_with(
    lexicon: &Lexicon,
    sentence: &str,
    lexemes: &[Lexeme],
    found: &[Figure],
) -> Vec<Context> {
    let group = groups(lexicon, sentence, found);
    local_contexts_grouped(lexicon, sentence, lexemes, found, &group)
}

/// `local_contexts_with`, with the figures' groups (see `groups`) read by the caller.
pub fn local_contexts_grouped(
    lexicon: &Lexicon,
    sentence: &str,
    lexemes: &[Lexeme],
    found: &[Figure],
    group: &[usize],
) -> Vec<Context> {
    let spans: Vec<Range<usize>> = found.iter().map(Figure::full_span).collect();
    let is_date: Vec<bool> = found.iter().map(|f| f.kind == Kind::Date).collect();
    let mut items: Vec<Item> = Vec::with_capacity(lexemes.len() + found.len());
    let mut slot_at = vec![usize::MAX; found.len()];
    let mut next_fig = 0;
    for lx in lexemes {
        let span = lx.span();
        while next_fig < spans.len() && spans[next_fig].start < span.end {
            if slot_at[next_fig] == usize::MAX {
                slot_at[next_fig] = items.len();
                items.push(Item::Slot(next_fig));
            }
            next_fig += 1;
        }
        // spans are sorted and disjoint: only the latest started ones can overlap
        if (0..next_fig)
            .rev()
            .take_while(|&k| spans[k].end > span.start)
            .next()
            .is_some()
        {
            continue;
        }
        items.push(match lx {
            Lexeme::Term {
                term,
                stop: false,
                span,
            } => Item::Word(term, lexicon.is_participle(&sentence[span.clone()])),
            Lexeme::Term {
                term, stop: true, ..
            } => Item::Stop(term),
            Lexeme::Break { weight, .. } => Item::Break(*weight),
        });
    }
    for (f, slot) in slot_at.iter_mut().enumerate() {
        if *slot == usize::MAX {
            *slot = items.len();
            items.push(Item::Slot(f));
        }
    }

    // raw weight of every word (and modal word) for every figure, before ownership
    // "the agency (£25 million)": a figure in its own parentheses annotates the word before
    let wrapped: Vec<bool> = spans
        .iter()
        .map(|s| {
            let before = sentence[..s.start].trim_end();
            let after = sentence[s.end..].trim_start();
            before.ends_with('(') && after.starts_with(')')
        })
        .collect();
    // (whether item i is a quantity in its own parentheses)
    let aside = |i: isize| {
        usize::try_from(i)
            .ok()
            .and_then(|i| items.get(i))
            .is_some_and(|item| matches!(item, Item::Slot(o) if wrapped[*o] && !is_date[*o]))
    };
    let walk = |me: usize| -> Vec<(usize, f32)> {
        let at = slot_at[me];
        let quantity_outside = !wrapped[me] && !is_date[me];
        let mut ws = Vec::new();
        for dir in [-1isize, 1] {
            let mut m = 1.0f32;
            let mut d = 0i32;
            // (looking past an aside, back or ahead: "deaths (47,210) exceeded births
            // (44,870) for the third year": the aside's noun is the statement's; "310
            // million crowns (about US$29.5 million) into the local economy")
            let past_asides = quantity_outside;
            let mut i = at as isize + dir;
            while i >= 0 && (i as usize) < items.len() {
                match &items[i as usize] {
                    Item::Break(_) if wrapped[me] && i == at as isize + dir => {}
                    // (nor do its parentheses)
                    Item::Break(_) if past_asides && (aside(i + dir) || aside(i - dir)) => {}
                    Item::Break(w) => m *= w,
                    Item::Slot(o) if group[*o] == group[me] => {}
                    // (an aside, "deaths (47,210) exceeded births", does not part the
                    // words around it)
                    Item::Slot(_) if past_asides && aside(i) => {}
                    Item::Slot(o) if is_date[*o] == is_date[me] => m *= weight::OTHER_FIGURE,
                    Item::Slot(o) => {
                        // a quantity is read with its date, like a word ("$100 million in 2013")
                        if is_date[*o] {
                            ws.push((i as usize, weight::DATE * m * weight::DECAY.powi(d)));
                        }
                        m *= weight::OTHER_CLASS;
                    }
                    Item::Stop(t) => {
                        if CLAUSE_WORDS.contains(t) {
                            m *= weight::CLAUSE_WORD;
                        }
                        if lexicon.is_modal(t) {
                            ws.push((i as usize, m));
                        }
                    }
                    Item::Word(_, participle) => {
                        d += 1;
                        // the noun phrase right after a quantity is what it counts: "€500
                        // million share buyback" (up to three words, nothing in between)
                        let noun_phrase = dir == 1
                            && !is_date[me]
                            && d <= 3
                            && !participle
                            && i as usize == at + d as usize;
                        let mut w = if noun_phrase {
                            m
                        } else {
                            m * weight::DECAY.powi(d - 1)
                        };
                        // (an age is a person's: only a noun right after it is what it
                        // describes, "the 45-year-old director", not "turned 59 last month")
                        if dir == 1
                            && d == 1
                            && m == 1.0
                            && (noun_phrase || found[me].kind != Kind::Age)
                        {
                            w *= weight::NOUN_AFTER;
                        }
                        // "90% of the $11 billion debt": the total keeps only its noun (right
                        // after it: "$96 million, half of it from the foundation" names none)
                        if found[me].role == Role::Total
                            && !(dir == 1 && d == 1 && !participle && m == 1.0)
                        {
                            w *= weight::OTHER_FIGURE;
                        }
                        ws.push((i as usize, w));
                    }
                }
                if m * weight::DECAY.powi(d) < weight::FLOOR {
                    break;
                }
                i += dir;
            }
        }
        ws
    };
    let raw: Vec<Vec<(usize, f32)>> = (0..found.len()).map(walk).collect();
    // a word belongs to the figure (group) that weighs it most; the others keep a share of
    // it. Dates and quantities own words separately.
    // (one array, item by item: `at[i]..at[i + 1]` are item i's)
    let mut at = vec![0usize; items.len() + 1];
    for ws in &raw {
        for &(i, _) in ws {
            at[i + 1] += 1;
        }
    }
    for i in 0..items.len() {
        at[i + 1] += at[i];
    }
    let mut best: Vec<(usize, bool, bool, f32)> = vec![(0, false, false, 0.0); at[items.len()]];
    let mut next = at.clone();
    for (f, ws) in raw.iter().enumerate() {
        for &(i, w) in ws {
            best[next[i]] = (group[f], is_date[f], wrapped[f], w);
            next[i] += 1;
        }
    }
    raw.iter()
        .enumerate()
        .map(|(f, ws)| {
            let mut cx = Context::default();
            for &(i, w) in ws {
                // (an aside takes no word from a quantity outside it)
                let beaten = best[at[i]..at[i + 1]].iter().any(|&(g, d, aside, x)| {
                    g != group[f] && d == is_date[f] && (wrapped[f] || !aside) && x > w
                });
                let w = if beaten { w * weight::OTHER_FIGURE } else { w };
                match &items[i] {
                    Item::Word(t, _) => {
                        cx.modal |= w >= 0.5 && lexicon.is_modal(t);
                        cx.complement |= w >= 0.7 && lexicon.is_complement(t);
                        cx.aggregate |= w >= 0.7 && lexicon.is_aggregate(t);
                        cx.add_term(t, w);
                    }
                    Item::Stop(_) => cx.modal |= w >= 0.5,
                    Item::Slot(o) => {
                        if let Some(key) = date_term(&found[*o]) {
                            cx.add(&key, w);
                        }
                    }
                    _ => {}
                }
            }
            // "400,000 litres of fuel": the unit and the thing it measures, as one term of
            // the figure's own (a unit alone says little of what is measured)
            if let [Item::Word(unit, _), Item::Stop("of"), Item::Word(thing, _), ..] =
                items[(slot_at[f] + 1).min(items.len())..]
            {
                if found[f].kind == Kind::Count && lexicon.is_measure(unit) {
                    cx.add(&format!("{unit}{MEASURED}{thing}"), weight::NOUN_AFTER);
                }
            }
            cx
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn contexts(sentence: &str, figs: &[&str]) -> (Lexicon, Vec<Context>) {
        let lex = Lexicon::new(&RuleSet::defaults());
        let numbers = crate::figures::Numbers::new(&RuleSet::defaults());
        let found: Vec<Figure> = crate::figures::find(sentence, &numbers)
            .into_iter()
            .filter(|f| figs.contains(&&sentence[f.full_span()]))
            .collect();
        assert_eq!(found.len(), figs.len(), "{found:?}");
        let cx = local_contexts(&lex, sentence, &found);
        (lex, cx)
    }

    fn w(lex: &Lexicon, cx: &Context, word: &str) -> f32 {
        cx.terms
            .get(lex.stem(word).as_str())
            .copied()
            .unwrap_or(0.0)
    }

    #[test]
    fn a_label_is_a_name_when_each_word_is_capitalized() {
        assert!(is_name("Civic Union"));
        assert!(is_name("Sales, Europe"));
        assert!(is_name("Farmers' League"));
        assert!(!is_name("Administrative roles"));
        assert!(!is_name("Calmora Herald (revised)"));
        // (a year is no name)
        assert!(!is_name("2019"));
        assert!(!is_name(""));
        // (a line's label names something with two words or more: one word opening a
        // line is capitalized whatever it is)
        assert!(names_something("Friendship Year"));
        assert!(!names_something("Turnout"));
        assert!(!names_something("Ballots cast"));
    }

    #[test]
    fn lead_labels() {
        assert_eq!(lead_label("Postal votes: 412,000"), Some("Postal votes"));
        assert_eq!(
            lead_label("Ballots cast: roughly 2.15 million"),
            Some("Ballots cast")
        );
        assert_eq!(lead_label("At 10:30 the count began"), None);
        assert_eq!(lead_label("In 2021: 196,000 postal votes"), None);
        assert_eq!(
            lead_label("The commission, which met on Friday in the capital, said: 412,000"),
            None
        );
        assert_eq!(lead_label("No label here, 412,000 votes"), None);
        // (after a list marker, as a source's line may open)
        assert_eq!(
            lead_label("- Zone C (Ruvasi Valley): 82 rhinos"),
            Some("Zone C (Ruvasi Valley)")
        );
        assert_eq!(lead_label("• Teachers: 5,870"), Some("Teachers"));
        assert_eq!(lead_label("Preliminary report (7 April): 41 injured"), None);
        assert_eq!(
            lead_label_dated("Preliminary report (7 April): 41 injured"),
            Some("Preliminary report")
        );
        assert_eq!(
            lead_label_dated("Zone C (Ruvasi Valley): 82 rhinos"),
            Some("Zone C (Ruvasi Valley)")
        );
    }

    #[test]
    fn a_change_links_its_two_values() {
        let numbers = crate::figures::Numbers::new(&RuleSet::defaults());
        let pair = |sentence: &str| {
            let found = crate::figures::find(sentence, &numbers);
            assert!(found.len() >= 2, "{found:?}");
            let (a, b) = (&found[0], &found[found.len() - 1]);
            linked(&numbers.lexicon, sentence, a, b)
        };
        assert!(pair("reduced from 12 km to 10 km"));
        assert!(pair("lowered from 14 metres to 11 metres"));
        assert!(pair("rose to €429 for 2024, from €395"));
        assert!(pair("rose to €388 million, from €350 million"));
        assert!(!pair("€429 for tickets, €395 for seats"));
        assert!(!pair("12 km north and 10 km west"));
        assert!(!pair("27 of the 31 schools reopened"));
        // "between X and Y" is one range; "X and Y" two things
        assert!(pair("children aged between six months and 14 years"));
        assert!(!pair("six months and 14 years"));
        let found = crate::figures::find("27 of the 31 schools reopened", &numbers);
        assert!(partitive(
            "27 of the 31 schools reopened",
            &found[0],
            &found[1]
        ));
    }

    #[test]
    fn words_belong_to_the_nearer_figure() {
        let (lex, cx) = contexts(
            "trade with Russia was $100 million, with China about $6 billion",
            &["$100 million", "about $6 billion"],
        );
        assert!(w(&lex, &cx[0], "Russia") > 2.0 * w(&lex, &cx[0], "China"));
        assert!(w(&lex, &cx[1], "China") > 2.0 * w(&lex, &cx[1], "Russia"));
    }

    #[test]
    fn the_counted_noun_weighs_most() {
        let (lex, cx) = contexts("Bae was sentenced to 15 years of hard labor", &["15 years"]);
        let hard = w(&lex, &cx[0], "hard");
        assert!(hard > w(&lex, &cx[0], "Bae"));
        assert!(hard > 0.9);
    }

    #[test]
    fn percent_of_total_keeps_the_verb_with_the_percent() {
        let (lex, cx) = contexts(
            "Russia agreeing to write off 90 percent of the $11 billion debt",
            &["90 percent", "$11 billion"],
        );
        let write_off = |c: &Context| c.terms.get("write off").copied().unwrap_or(0.0);
        assert!(write_off(&cx[0]) > 2.0 * write_off(&cx[1]));
        assert!(w(&lex, &cx[1], "debt") > w(&lex, &cx[0], "debt"));
    }
}
