//! Figures and dates in text: one recognizer a file, registered in `RECOGNIZERS`; this module
//! resolves their overlaps and attaches hedges, rates and roles.

pub mod age;
pub mod count;
pub mod date;
pub mod duration;
mod gate;
pub mod identifier;
pub mod ignore;
pub mod money;
pub mod multiplier;
pub mod numbers;
pub mod ordinal;
pub mod percent;
pub mod value;
pub mod weekday;

pub use numbers::Numbers;
pub use value::{DateValue, Interval, Value};

use crate::text::lexicon::Lexeme;
use std::ops::Range;

/// What a figure measures. Figures compare only within one kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An amount of money in one currency (ISO code).
    Money(String),
    Percent,
    /// A count of something; the counted noun is in `Figure::unit`.
    Count,
    /// "tenfold", "ten times".
    Multiplier,
    /// "45-year-old".
    Age,
    /// "third", "70th"; the noun is in `Figure::unit`.
    Ordinal,
    /// A length of time, in years.
    Duration,
    /// A numbered thing: "Resolution 2270"; the label is in `Figure::unit`.
    Identifier,
    /// A year, month, day or range of years.
    Date,
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Money(_) => "money",
            Kind::Percent => "percent",
            Kind::Count => "count",
            Kind::Multiplier => "multiplier",
            Kind::Age => "age",
            Kind::Ordinal => "ordinal",
            Kind::Duration => "duration",
            Kind::Identifier => "identifier",
            Kind::Date => "date",
        }
    }
}

/// The part a figure plays, when it changes what it can be compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Plain,
    /// First year of a range ("1950" in "1950 to 1952").
    RangeStart,
    /// Last year of a range.
    RangeEnd,
    /// A multiplier comparing two things ("ten times the 2013 level"), not a change.
    Comparison,
    /// The whole a share is taken of ("90% of the $11 billion debt").
    Total,
    /// A change rather than a level ("rose by 6%", "a 19% increase").
    Change,
}

/// One figure or date found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Byte span of the figure itself (without its hedge), in the text it was found in.
    pub span: Range<usize>,
    /// Byte span of the hedge words before it ("nearly"), if any.
    pub hedge_span: Option<Range<usize>>,
    /// The hedge's name from the rules ("below", "at least"…).
    pub hedge: Option<String>,
    pub kind: Kind,
    pub value: Value,
    pub role: Role,
    /// A rate ("$1 billion a year"): compared only with rates.
    pub rate: bool,
    /// An amount per unit ("€1.15 a share", "$80 a barrel"): compared only with amounts
    /// per unit.
    pub per_unit: bool,
    /// Counted noun, ordinal noun or identifier label (stems), for comparability.
    pub unit: Vec<String>,
    /// A negation sits next to the figure ("the 10% that was not written off").
    pub negated: bool,
    /// The words right before it deny its value ("2,794 metres, not 2,749").
    pub denied: bool,
    /// The words right before it make it the value its sentence replaces ("risen to €265
    /// million, from the €210 million").
    pub replaced: bool,
    /// An addition to something counted before ("three further batches", "another 200
    /// jobs"): weighed down against a figure that is none, and the other way round.
    pub added: bool,
}

impl Figure {
    /// Adds terms to what a count counts (each once, after its own noun).
    pub fn count_also(&mut self, terms: impl IntoIterator<Item = String>) {
        for t in terms {
            if !self.unit.contains(&t) {
                self.unit.push(t);
            }
        }
    }

    /// The figure as written, with its hedge: "nearly $10 billion".
    pub fn display(&self, text: &str) -> String {
        let start = self
            .hedge_span
            .as_ref()
            .map_or(self.span.start, |h| h.start.min(self.span.start));
        let mut written = String::new();
        for word in text
            .get(start..self.span.end)
            .unwrap_or_default()
            .split_whitespace()
        {
            if !written.is_empty() {
                written.push(' ');
            }
            written.push_str(word);
        }
        // (a weekday with the date it was read as: "Monday (2025-06-16)")
        match self.value {
            Value::Date(DateValue {
                relative: true,
                year: Some((y, _)),
                month: Some(m),
                day: Some(d),
                ..
            }) => format!("{written} ({y:04}-{m:02}-{d:02})"),
            // ("last year (2024)")
            Value::Date(DateValue {
                relative: true,
                year: Some((y, _)),
                month: None,
                ..
            }) => format!("{written} ({y:04})"),
            _ => written,
        }
    }

    /// The whole span, hedge included.
    pub fn full_span(&self) -> Range<usize> {
        match &self.hedge_span {
            Some(h) => h.start.min(self.span.start)..self.span.end,
            None => self.span.clone(),
        }
    }
}

/// What a recognizer proposes: a figure, or a span that is not a figure (a time of day).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub span: Range<usize>,
    /// Higher wins among candidates of equal length.
    pub priority: u8,
    /// None: the span is claimed but is not a figure.
    pub figure: Option<Figure>,
}

impl Candidate {
    pub fn figure(span: Range<usize>, priority: u8, kind: Kind, value: Value) -> Candidate {
        Candidate {
            span: span.clone(),
            priority,
            figure: Some(Figure {
                span,
                hedge_span: None,
                hedge: None,
                kind,
                value,
                role: Role::Plain,
                rate: false,
                per_unit: false,
                unit: Vec::new(),
                negated: false,
                denied: false,
                replaced: false,
                added: false,
            }),
        }
    }

    pub fn ignored(span: Range<usize>) -> Candidate {
        Candidate {
            span,
            priority: u8::MAX,
            figure: None,
        }
    }

    pub fn with_role(mut self, role: Role) -> Candidate {
        if let Some(f) = &mut self.figure {
            f.role = role;
        }
        self
    }
}

/// The words that may stand between a link word and the figure it links ("10% of the
/// 1,200", "from the €210 million").
pub const DETERMINERS: &[&str] = &["the", "its", "their", "a", "an", "his", "her"];

/// Words that join two values of one thing: "€1.15 a share, up from €0.95", "from 93%
/// to 81%".
pub const LINKS: &[&[&str]] = &[
    &["or"],
    &["from"],
    &["to"],
    &["up", "from"],
    &["down", "from"],
    &["compared", "with"],
    &["compared", "to"],
    &["against"],
    &["versus"],
    &["vs"],
];

/// Two neighbouring figures of one kind joined by a link word share a rate: in "€1.15 per
/// share, up from €0.95" both are amounts per share.
fn share_rate(text: &str, numbers: &Numbers, pair: &mut [Figure]) {
    let [a, b] = pair else { return };
    if a.kind != b.kind || a.kind == Kind::Date || a.rate == b.rate {
        return;
    }
    let Some(between) = text.get(a.full_span().end..b.full_span().start) else {
        return;
    };
    let mut between = between.trim_start().to_lowercase();
    if a.rate {
        if let Some((_, len)) = numbers.rate_phrase(&between) {
            between = between.get(len..).unwrap_or_default().to_string();
        }
    }
    let words: Vec<&str> = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if !LINKS.contains(&words.as_slice()) {
        return;
    }
    let (rate, per_unit) = if a.rate {
        (a.rate, a.per_unit)
    } else {
        (b.rate, b.per_unit)
    };
    for f in [a, b] {
        f.rate = rate;
        f.per_unit = per_unit;
    }
}

type Recognizer = fn(&str, &Numbers) -> Vec<Candidate>;

/// Every recognizer, in one list.
const RECOGNIZERS: &[Recognizer] = &[
    ignore::find,
    date::find,
    money::find,
    percent::find,
    age::find,
    duration::find,
    multiplier::find,
    ordinal::find,
    identifier::find,
    count::find,
];

/// All figures in `text`, in order, without overlaps: the longest candidate wins, then the
/// one with the higher priority.
pub fn find(text: &str, numbers: &Numbers) -> Vec<Figure> {
    let gate = gate::Scope::new(text, numbers.gate.as_ref());
    let mut candidates: Vec<Candidate> = RECOGNIZERS
        .iter()
        .flat_map(|recognize| recognize(text, numbers))
        .filter(|c| c.span.start < c.span.end && c.span.end <= text.len())
        .collect();
    drop(gate);
    // longest first, then the higher priority, then the earlier; the candidates (large)
    // stay where they are and only their order is sorted
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| {
        let c = &candidates[i];
        (std::cmp::Reverse((c.span.len(), c.priority)), c.span.start)
    });
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut figures = Vec::new();
    for i in order {
        let c = &mut candidates[i];
        if taken
            .iter()
            .any(|t| t.start < c.span.end && c.span.start < t.end)
        {
            continue;
        }
        taken.push(c.span.clone());
        if let Some(f) = c.figure.take() {
            figures.push(f);
        }
    }
    figures.sort_by_key(|f| f.span.start);
    for i in 0..figures.len() {
        let prev_end = if i == 0 { 0 } else { figures[i - 1].span.end };
        numbers.attach_hedge(text, prev_end, &mut figures[i]);
        numbers.attach_rate(text, &mut figures[i]);
        numbers.attach_negation(text, &mut figures[i]);
        numbers.attach_change(text, &mut figures[i]);
        if i > 0 {
            share_rate(text, numbers, &mut figures[i - 1..=i]);
        }
        if i > 0 {
            // "12 to 15 unvaccinated people": a range's start counts what its end counts
            let (done, rest) = figures.split_at_mut(i);
            let (start, end) = (&mut done[i - 1], &rest[0]);
            if start.role == Role::RangeStart
                && end.role == Role::RangeEnd
                && start.kind == Kind::Count
                && end.kind == Kind::Count
                && !end.unit.is_empty()
            {
                start.unit = end.unit.clone();
            }
        }
        if i > 0 && figures[i - 1].kind == Kind::Percent && figures[i].role == Role::Plain {
            let between = &text[figures[i - 1].span.end..figures[i].full_span().start];
            let words: Vec<String> = between
                .split_whitespace()
                .map(|w| w.to_lowercase())
                .collect();
            let of_total = match words.as_slice() {
                [of] => of == "of",
                [of, det] => of == "of" && DETERMINERS.contains(&det.as_str()),
                _ => false,
            };
            if of_total {
                figures[i].role = Role::Total;
            }
        }
        // "$96 million, half of it from the foundation": the share is taken of the figure
        // before it
        if i > 0
            && figures[i].kind == Kind::Percent
            && figures[i - 1].role == Role::Plain
            && figures[i - 1].kind != Kind::Date
            && text[figures[i - 1].span.end..figures[i].full_span().start]
                .trim()
                .strip_suffix(',')
                .is_some_and(|noun| {
                    // (its noun between: "1,200 staff, 40% of them engineers")
                    noun.split_whitespace().count() <= 3
                        && noun
                            .chars()
                            .all(|c| c.is_alphanumeric() || c.is_whitespace())
                })
        {
            let after = text[figures[i].span.end..].trim_start();
            let of_it = after.split_whitespace().take(2).collect::<Vec<_>>();
            if let [of, it] = of_it.as_slice() {
                let it = it.trim_end_matches(|c: char| !c.is_alphanumeric());
                if of.eq_ignore_ascii_case("of")
                    && ["it", "them", "which", "this", "that"]
                        .iter()
                        .any(|p| it.eq_ignore_ascii_case(p))
                {
                    figures[i - 1].role = Role::Total;
                }
            }
        }
    }
    written_weekdays(text, numbers, &mut figures);
    let listed = elided_nouns(text, &mut figures);
    elided_ranks(text, &mut figures);
    parallel_nouns(text, &mut figures);
    named_ranks(text, numbers, &mut figures);
    inherited_nouns(text, &mut figures);
    // (and once more after it: "fell from 214 ... to 96" gives the 96 what the 214 counts)
    if subject_nouns(text, numbers, &mut figures) {
        inherited_nouns(text, &mut figures);
    }
    numbered_nouns(text, numbers, &mut figures);
    // "one" is mostly a pronoun ("one of the largest", "no one") or a category ("one dose
    // protects less than two"): it counts only as a list item ("three in the US and one in
    // Mexico")
    let mut k = 0;
    figures.retain(|f| {
        k += 1;
        f.kind != Kind::Count
            || !text[f.span.clone()].eq_ignore_ascii_case("one")
            || listed.contains(&(k - 1))
    });
    figures
}

/// A day written with its weekday ("Thursday 21 March", "Friday, March 21, 2025"): the
/// weekday is kept with the date, to be checked against the calendar.
fn written_weekdays(text: &str, numbers: &Numbers, figures: &mut [Figure]) {
    if numbers.weekdays.is_empty() {
        return;
    }
    for f in figures.iter_mut() {
        let start = f.full_span().start;
        let Value::Date(d) = &mut f.value else {
            continue;
        };
        if d.day.is_none() || d.month.is_none() {
            continue;
        }
        let before = text[..start].trim_end_matches([' ', ',']);
        let word = &before[before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        })..];
        d.weekday = numbers.weekday(word);
    }
}

/// "27 of the 31 schools": a count that names nothing before "of (the)" and a count takes
/// that count's noun. And "added three further buses, bringing the fleet to 17": a count
/// that names nothing, and is no list item, counts what its clause's last count named (an
/// ordinal, what its clause's last ordinal ranks). Not past a semicolon, colon, dash or
/// parenthesis (another statement begins), not as a verb's subject ("It has 3 plants and
/// 500 are idle"), and not "one" (mostly a pronoun).
fn inherited_nouns(text: &str, figures: &mut [Figure]) {
    // "27 of the 31 schools": a part counts what its whole counts
    for i in 1..figures.len() {
        let (done, rest) = figures.split_at_mut(i);
        let (part, whole) = (&mut done[i - 1], &rest[0]);
        if !part.unit.is_empty() {
            continue;
        }
        if crate::context::partitive(text, part, whole) {
            part.unit = whole.unit.clone();
        }
    }
    for i in 1..figures.len() {
        let f = &figures[i];
        // (and a rank its clause's last rank's: "fell to 214th place from 187th")
        if !matches!(f.kind, Kind::Count | Kind::Ordinal)
            || !f.unit.is_empty()
            || text[f.span.clone()].eq_ignore_ascii_case("one")
        {
            continue;
        }
        let next = text[f.span.end..]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty());
        if next.is_some_and(|w| numbers::with_lower(w, |w| numbers::AUXILIARIES.contains(&w))) {
            continue;
        }
        let start = f.full_span().start;
        let named = figures[..i]
            .iter()
            .rev()
            .take_while(|p| !text[p.span.end..start].contains([';', ':', '—', '–', '(', ')']))
            .find(|p| p.kind == figures[i].kind && !p.unit.is_empty())
            .map(|p| p.unit.clone());
        if let Some(unit) = named {
            figures[i].unit = unit;
        }
    }
}

/// "Violent offences rose 3.2%, to 69,210", "Burglary fell from 43,190 a year earlier": a
/// count that names nothing, after a change word of the rules (with only small words and
/// figures between, and no other count) counts the thing that changed: the content word
/// right before the change word (small words such as "had" skipped, nothing else), when no
/// count follows it in its clause (it is the level the change ends at). Not past a
/// semicolon, colon, dash or parenthesis, and not "one". Whether it named any.
fn subject_nouns(text: &str, numbers: &Numbers, figures: &mut [Figure]) -> bool {
    let mut named = false;
    for i in 0..figures.len() {
        let f = &figures[i];
        if f.kind != Kind::Count
            || !f.unit.is_empty()
            || f.role != Role::Plain
            || text[f.span.clone()].eq_ignore_ascii_case("one")
        {
            continue;
        }
        // (only the level the change ends at: in "rose from 86 to 143 and then to 151" the
        // 86 and 143 are earlier values, and left as they are)
        if figures[i + 1..].iter().any(|n| {
            n.kind == Kind::Count
                && !text[f.span.end..n.span.start].contains(['.', ';', ':', '—', '–', '(', ')'])
        }) {
            continue;
        }
        let start = f.full_span().start;
        let from = figures[..i]
            .iter()
            .rev()
            .find(|p| p.kind == Kind::Count)
            .map_or(0, |p| p.span.end);
        let before = &text[from.min(start)..start];
        let before = before
            .rsplit([';', ':', '—', '–', '(', ')'])
            .next()
            .unwrap_or(before);
        let lexemes = numbers.lexicon.lexemes(before);
        let change = lexemes.iter().rposition(|l| {
            matches!(l, Lexeme::Term { span, .. } if numbers.is_change_word(&before[span.clone()]))
        });
        // (a count right after the change word is no level it reaches or leaves: "until
        // weekly cases fall below 50" sets a threshold)
        let Some(change) = change.filter(|&c| c + 1 < lexemes.len()) else {
            continue;
        };
        // (and only small words after it: in "NEMA raised the number of homes destroyed to
        // 143" the change word has an object, and the word before it is no counted thing)
        if lexemes[change + 1..]
            .iter()
            .any(|l| matches!(l, Lexeme::Term { stop: false, .. }))
        {
            continue;
        }
        let subject = lexemes[..change].iter().rev().find_map(|l| match l {
            Lexeme::Term { stop: true, .. } => None,
            Lexeme::Term { term, .. } => Some(Some(term.to_string())),
            Lexeme::Break { .. } => Some(None),
        });
        if let Some(Some(term)) = subject {
            figures[i].unit = vec![term];
            named = true;
        }
    }
    named
}

/// "the ETSB has revised the number of people injured from 41 to 44": a count that names
/// nothing counts what "the number of" (or another of the rules' `numbered_phrases`)
/// names before it in its clause (its content words, up to three, until a small word or a
/// change word), with no count that names its own noun between.
fn numbered_nouns(text: &str, numbers: &Numbers, figures: &mut [Figure]) {
    // (a count that names its own noun ends the phrase: the counts after it are not
    // numbered by what came before it)
    let own: Vec<bool> = figures
        .iter()
        .map(|f| f.kind == Kind::Count && !f.unit.is_empty())
        .collect();
    for i in 0..figures.len() {
        let f = &figures[i];
        if f.kind != Kind::Count || !f.unit.is_empty() {
            continue;
        }
        let start = f.full_span().start;
        let from = (0..i)
            .rev()
            .find(|&p| own[p])
            .map_or(0, |p| figures[p].span.end);
        let before = &text[from.min(start)..start];
        let clause = before
            .rsplit(['.', ';', ':', '—', '–', '(', ')'])
            .next()
            .unwrap_or(before);
        // (the last of the rules' phrases in the clause)
        let Some(named) = numbers
            .numbered_phrases
            .iter()
            .filter_map(|p| find_ascii_ci(clause, p).map(|at| at + p.len()))
            .max()
            .map(|end| &clause[end..])
        else {
            continue;
        };
        let mut unit = Vec::new();
        for l in numbers.lexicon.lexemes(named) {
            match l {
                Lexeme::Term {
                    stop: false,
                    term,
                    span,
                } if unit.len() < 3 && !numbers.is_change_word(&named[span.clone()]) => {
                    unit.push(term.to_string());
                }
                _ => break,
            }
        }
        if !unit.is_empty() {
            figures[i].unit = unit;
        }
    }
}

/// Where `needle` (lower-case ASCII) last occurs in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// "the second most populous region, Saltreach the third": an ordinal with nothing
/// ranked after or before it, and only punctuation or "and" after it, ranks what the last
/// ordinal of its clause ranked (not past a semicolon, colon or dash, nor into or out of
/// a parenthesis).
fn elided_ranks(text: &str, figures: &mut [Figure]) {
    for i in 1..figures.len() {
        let f = &figures[i];
        if f.kind != Kind::Ordinal || !f.unit.is_empty() {
            continue;
        }
        let after = text[f.span.end..].trim_start();
        let closes = after.is_empty()
            || after.starts_with(|c: char| c.is_ascii_punctuation())
            || after
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("and"));
        if !closes {
            continue;
        }
        let start = f.full_span().start;
        let ranked = figures[..i]
            .iter()
            .rev()
            .find(|p| p.kind == Kind::Ordinal && !p.unit.is_empty())
            .filter(|p| {
                // (a closed aside between is passed over: "Dunmere (241,800) the fourth")
                let between = &text[p.span.end..start];
                !between.contains([';', ':', '—', '–'])
                    && between.matches('(').count() == between.matches(')').count()
            })
            .map(|p| p.unit.clone());
        if let Some(unit) = ranked {
            figures[i].unit = unit;
        }
    }
}

/// "Castellane faces 19 counts of fraud, and Vance faces eight": a count with nothing after
/// it in its clause, right after the same (lower-case) word as an earlier count of its
/// sentence that names what it counts, counts that (not past a semicolon, colon or dash).
fn parallel_nouns(text: &str, figures: &mut [Figure]) {
    let word_before = |f: &Figure| {
        text[..f.full_span().start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
    };
    for i in 1..figures.len() {
        let f = &figures[i];
        if f.kind != Kind::Count || f.hedge.is_some() {
            continue;
        }
        let after = text[f.span.end..].trim_start();
        let closes = after.is_empty() || after.starts_with(|c: char| c.is_ascii_punctuation());
        let Some(verb) = word_before(f).filter(|_| closes) else {
            continue;
        };
        let start = f.full_span().start;
        let named = figures[..i]
            .iter()
            .rev()
            .take_while(|p| !text[p.span.end..start].contains([';', ':', '—', '–']))
            .find(|p| {
                // (a count whose noun is its own, after it: not one read from the word
                // before it, "faces 19.")
                p.kind == Kind::Count
                    && !p.unit.is_empty()
                    && word_before(p) == Some(verb)
                    && !text[p.span.end..]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_punctuation())
            })
            .map(|p| p.unit.clone());
        if let Some(unit) = named {
            figures[i].unit = unit;
        }
    }
}

/// "the election to the Regional Assembly, the ninth since 1993", "the census was the
/// country's ninth": an ordinal with nothing ranked after it, right after "the" or a
/// possessive in apposition or after a copula, ranks what the words before it in its
/// clause name (at most six of them).
fn named_ranks(text: &str, numbers: &Numbers, figures: &mut [Figure]) {
    for i in 0..figures.len() {
        let f = &figures[i];
        if f.kind != Kind::Ordinal || !f.unit.is_empty() {
            continue;
        }
        let before = text[..f.full_span().start].trim_end();
        let Some(det) = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .next()
            .filter(|w| w.eq_ignore_ascii_case("the") || w.ends_with("'s") || w.ends_with("’s"))
        else {
            continue;
        };
        let start = before.len() - det.len();
        let clause = &before[..start];
        let possessive = !det.eq_ignore_ascii_case("the");
        // (only in apposition or after a copula: "the election ..., the ninth", "was the
        // ninth", "was the country's ninth"; not "Saltreach the third")
        let mut lead = clause.trim_end();
        if possessive {
            lead = lead
                .strip_suffix("the")
                .or_else(|| lead.strip_suffix("The"))
                .unwrap_or(lead)
                .trim_end();
        }
        let last = lead
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        const COPULAS: &[&str] = &[
            "is", "was", "are", "were", "be", "been", "became", "becomes",
        ];
        if !(lead.ends_with(',') || COPULAS.iter().any(|c| last.eq_ignore_ascii_case(c))) {
            continue;
        }
        let from = clause
            .char_indices()
            .rfind(|(_, c)| matches!(c, ';' | ':' | '—' | '–' | '(' | ')' | '.'))
            .map_or(0, |(k, c)| k + c.len_utf8());
        let from = figures[..i]
            .iter()
            .map(|p| p.span.end)
            .filter(|&e| e <= start)
            .max()
            .map_or(from, |e| e.max(from));
        let mut terms = numbers.lexicon.content_terms(&text[from..start]);
        // (a possessive's own word names whose ranking it is: "the country's")
        if possessive {
            terms.extend(numbers.lexicon.content_terms(det));
        }
        let keep = terms.len().saturating_sub(6);
        figures[i].unit = terms.split_off(keep);
    }
}

/// A count with no noun of its own that opens a list item after a count with one counts
/// the same thing: "four factories: two in the US and two in Mexico", "26 leaders came,
/// 20 from Asia"; so does the earlier value of a change ("455,000 voters applied, up from
/// 231,000 at the last election"). Only after a list mark (":", ",", ";", "and", "with",
/// "including", a dash, a parenthesis) or "from", and only when a preposition,
/// punctuation or the end follows it ("it has 3 plants and employs 500" is no such list).
fn elided_nouns(text: &str, figures: &mut [Figure]) -> Vec<usize> {
    let mut listed = Vec::new();
    #[rustfmt::skip]
    const OPENERS: &[&str] = &[":", ",", ";", "and", "with", "including", "–", "—", "(", "from"];
    const AFTER: &[&str] = &["in", "at", "from", "for", "on", "of", "by", "to", "across"];
    let mut named: Option<usize> = None;
    for i in 0..figures.len() {
        let f = &figures[i];
        if f.kind != Kind::Count {
            continue;
        }
        if !f.unit.is_empty() {
            named = Some(i);
            continue;
        }
        let Some(n) = named else { continue };
        if f.hedge.is_some() || f.role != Role::Plain {
            continue;
        }
        let before = text[figures[n].span.end..f.full_span().start].trim_end();
        let opens = OPENERS.iter().any(|o| {
            before.strip_suffix(o).is_some_and(|rest| {
                !o.chars().all(char::is_alphabetic) || rest.is_empty() || rest.ends_with(' ')
            })
        });
        let after = text[f.span.end..].trim_start();
        let next = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let closes = after.is_empty()
            || after.starts_with(|c: char| c.is_ascii_punctuation())
            || AFTER.contains(&next.as_str());
        if opens && closes {
            figures[i].unit = figures[n].unit.clone();
            listed.push(i);
        }
    }
    listed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    pub(crate) fn numbers() -> Numbers {
        Numbers::new(&RuleSet::defaults())
    }

    fn shown(text: &str) -> Vec<(String, &'static str)> {
        find(text, &numbers())
            .into_iter()
            .map(|f| (f.display(text), f.kind.name()))
            .collect()
    }

    #[test]
    fn sentence_with_many_kinds() {
        let s = "In 2014 Moscow cancelled almost US $10 billion, or 90%, of the debt, to be paid back over 20 years.";
        assert_eq!(
            shown(s),
            vec![
                ("2014".into(), "date"),
                ("almost US $10 billion".into(), "money"),
                ("90%".into(), "percent"),
                ("20 years".into(), "duration"),
            ]
        );
    }

    #[test]
    fn a_count_after_the_same_verb_counts_what_the_earlier_one_counts() {
        let units = |s: &str| -> Vec<Vec<String>> {
            find(s, &numbers()).into_iter().map(|f| f.unit).collect()
        };
        let u = units("Castellane faces 19 counts of fraud, and Vance faces eight.");
        assert_eq!(u[1], u[0], "{u:?}");
        // (not after another word, nor with a noun of its own)
        let u = units("Castellane faces 19 counts of fraud, and Vance admits eight.");
        assert_ne!(u[1], u[0], "{u:?}");
        let u = units("Castellane faces 19 counts, and Vance faces eight charges.");
        assert_ne!(u[1], u[0], "{u:?}");
    }

    #[test]
    fn a_rank_with_no_noun_ranks_what_its_clauses_last_rank_ranks() {
        let units = |s: &str| -> Vec<Vec<String>> {
            find(s, &numbers()).into_iter().map(|f| f.unit).collect()
        };
        let u = units("The club fell to 14th place from 9th a year earlier.");
        assert!(!u[0].is_empty() && u[1] == u[0], "{u:?}");
        // (not past a semicolon: another statement)
        let u = units("The club came 14th in the league; 9th was its best.");
        assert!(u[1].is_empty(), "{u:?}");
    }

    #[test]
    fn a_count_counts_what_the_number_of_names() {
        let units = |s: &str| -> Vec<Vec<String>> {
            find(s, &numbers()).into_iter().map(|f| f.unit).collect()
        };
        let injured = numbers().noun_after("people injured", false);
        let u = units("The board has revised the number of people injured from 41 to 44.");
        assert_eq!(u, vec![injured.clone(), injured], "{u:?}");
        let u = units("Officials put the tally of homes destroyed at 143.");
        assert_eq!(
            u[0],
            numbers().noun_after("homes destroyed", false),
            "{u:?}"
        );
        // (not past a semicolon, and a count of its own noun is left as it is)
        let u = units("The number of people injured was 44; 3 of them were children.");
        assert!(u[1].is_empty(), "{u:?}");
        let u = units("It revised its estimate of the population of elks, from about 690 to 680.");
        assert_eq!(u[0], numbers().noun_after("elks", false), "{u:?}");
        assert_eq!(u[1], u[0], "{u:?}");
        let u = units("The number of flights fell to 12 aircraft.");
        assert_eq!(u[0], numbers().noun_after("aircraft", false), "{u:?}");
    }

    #[test]
    fn a_list_item_counts_what_the_list_counts() {
        let units = |s: &str| -> Vec<Vec<String>> {
            find(s, &numbers()).into_iter().map(|f| f.unit).collect()
        };
        let factories = vec!["factori".to_string()];
        assert_eq!(
            units("Four factories: two in the US and two in Mexico."),
            vec![factories.clone(), factories.clone(), factories]
        );
        // a word before it names what it counts; no list item: a verb follows
        assert_eq!(
            units("It has 3 plants and employs 500.")[1],
            vec!["employ".to_string()]
        );
        assert_eq!(
            units("It has 3 plants and 500 are idle.")[1],
            Vec::<String>::new()
        );
        // "one" counts as a list item only
        assert_eq!(
            units("four factories, three in the US and one in Mexico").len(),
            3
        );
        assert!(units("One of the largest firms; no one knows; one dose").is_empty());
        // a noun of its own is kept
        assert_eq!(
            units("26 leaders, 20 ministers")[1],
            vec!["minist".to_string()]
        );
        // a part counts what its whole counts
        let schools = units("27 of the 31 schools reopened on Monday");
        assert_eq!(schools[0], schools[1]);
        assert!(!schools[0].is_empty());
        // a count that names nothing counts what its clause's last count named
        let buses = units("It added three further buses, bringing the fleet to 17.");
        assert_eq!(buses[1], buses[0]);
        assert!(!buses[0].is_empty());
        assert!(
            units("It had 4.2 million customers; it raised that to 6.8 million.")[1].is_empty()
        );
        // the earlier value of a change counts what the later one counts
        let voters =
            units("455,000 voters applied by the deadline, up from 231,000 at the last election");
        assert_eq!(voters[1], voters[0]);
        assert!(!voters[0].is_empty());
    }

    #[test]
    fn the_level_a_change_ends_at_counts_what_changed() {
        let units = |text: &str| -> Vec<Vec<String>> {
            find(text, &numbers()).into_iter().map(|f| f.unit).collect()
        };
        let offences = units("Violent offences rose 3.2%, to 69,210.");
        assert_eq!(offences[1], ["offenc"]);
        assert_eq!(
            units("Burglary fell from 43,190 a year earlier.")[0],
            ["burglari"]
        );
        // not a change word's object (here "the number of" names what it counts), not an
        // earlier value of a chain, not a threshold
        assert_eq!(
            units("NEMA raised the number of homes destroyed to 143.")[0],
            numbers().noun_after("homes destroyed", false)
        );
        assert!(units("The count rose from 86 to 143 and then to 151.")[1].is_empty());
        assert!(units("Keep it until weekly cases fall below 50.")[0].is_empty());
    }

    #[test]
    fn a_value_its_sentence_replaces_is_marked() {
        let replaced = |text: &str| -> Vec<bool> {
            find(text, &numbers()).iter().map(|f| f.replaced).collect()
        };
        assert_eq!(
            replaced("The cost has risen to €265 million, from the €210 million announced."),
            [false, true]
        );
        assert_eq!(
            replaced("Turnout was 63.2%, correcting the provisional figure of 61.8%."),
            [false, true]
        );
        assert_eq!(
            replaced("It employs 520 people, up from about 410 in 2024."),
            [false, true, false]
        );
        // a range's ends, a "from" far before the figure, and the value a participle
        // after a determiner describes ("the revised total") replace nothing
        assert_eq!(replaced("between 12 and 15 staff"), [false, false]);
        assert_eq!(replaced("The revised park total is 401 rhinos."), [false]);
        assert_eq!(
            replaced("data from the statistics office show 5% growth"),
            [false]
        );
    }

    #[test]
    fn hedges_attach() {
        let f = find("for over two decades", &numbers());
        assert_eq!(f[0].hedge.as_deref(), Some("at least"));
        let f = find("repayable over 20 years", &numbers());
        assert_eq!(f[0].hedge, None);
        let f = find("at least four rounds of sanctions", &numbers());
        assert_eq!(f[0].hedge.as_deref(), Some("at least"));
        assert_eq!(f[0].unit, vec!["round".to_string()]);
        let f = find("4+ rounds", &numbers());
        assert_eq!(f[0].hedge.as_deref(), Some("at least"));
    }

    #[test]
    fn a_change_word_ends_the_counted_noun() {
        let f = find("a site about 200 metres lower", &numbers());
        assert_eq!(f[0].unit, vec!["meter".to_string()]);
        let f = find("9 degrees Celsius lower", &numbers());
        assert!(!f[0].unit.iter().any(|u| u == "lower"));
    }

    #[test]
    fn a_unit_abbreviation_counts_its_unit() {
        let t = find("3.75 million t of maize", &numbers());
        let tonnes = find("3.75 million tonnes of maize", &numbers());
        assert_eq!(t[0].unit, tonnes[0].unit);
        assert_eq!(t[0].unit.first().map(String::as_str), Some("ton"));
    }

    #[test]
    fn a_change_word_after_the_counted_noun_makes_a_change() {
        let f = find("a site about 200 metres lower", &numbers());
        assert_eq!(f[0].role, Role::Change);
        let f = find("a core 2,794 metres long", &numbers());
        assert_eq!(f[0].role, Role::Plain);
        // a comparison after a break is not the figure's
        let f = find("will take 22 minutes, less than half the time", &numbers());
        assert_eq!(f[0].role, Role::Plain);
    }

    #[test]
    fn rates_and_negation() {
        let f = find("trade of $1 billion a year", &numbers());
        assert!(f[0].rate && !f[0].per_unit);
        let f = find("revenue of $1 billion a year earlier", &numbers());
        assert!(!f[0].rate);
        let f = find("a dividend of €1.15 per share", &numbers());
        assert!(f[0].rate && f[0].per_unit);
        let f = find("oil at $80 a barrel", &numbers());
        assert!(f[0].rate && f[0].per_unit);
        let f = find("$5 million per year", &numbers());
        assert!(f[0].rate && !f[0].per_unit);
        let f = find("a dividend of €1.15 per share, up from €0.95", &numbers());
        assert!(f[1].rate && f[1].per_unit);
        let f = find("from $70 to $80 a barrel", &numbers());
        assert!(f[0].per_unit && f[1].per_unit);
        let f = find("$80 a barrel and $5 billion", &numbers());
        assert!(!f[1].per_unit);
        let f = find("the 10% that was not written off", &numbers());
        assert!(f[0].negated);
        let f = find("the 90% that was written off", &numbers());
        assert!(!f[0].negated);
        let f = find(
            "a 43-year-old man who had never been vaccinated",
            &numbers(),
        );
        assert!(!f[0].negated);
    }

    #[test]
    fn rates_after_the_counted_noun() {
        let n = numbers();
        for text in [
            "the flow covered roughly 1 km a day",
            "advancing at less than 5 metres an hour, the observatory said",
            "advancing at about 40 metres per hour.",
            "hiring 1,200 staff a year",
            "At about two deliveries a month, the remaining 23 trams",
        ] {
            let f = find(text, &n);
            assert!(f[0].rate && !f[0].per_unit, "{text}: {f:?}");
        }
        for text in [
            "the flow was 2.3 km long",
            "300 earthquakes in the ten days before",
        ] {
            let f = find(text, &n);
            assert!(!f[0].rate, "{text}: {f:?}");
        }
    }

    #[test]
    fn rates_named_before_the_amount() {
        let f = find(
            "the cost per kilometre, now about £74m, was high",
            &numbers(),
        );
        assert!(f[0].rate && f[0].per_unit);
        let f = find("The cost per kilometre is now more than £80m", &numbers());
        assert!(f[0].rate && f[0].per_unit);
        // a content word between: the amount is no rate
        let f = find("spending per pupil rose by £300", &numbers());
        assert!(!f[0].rate);
        let f = find("GDP per capita grew 5%", &numbers());
        assert!(!f[0].rate);
    }

    #[test]
    fn denied_values() {
        let f = find(
            "bedrock at 2,794 metres, not 2,749 metres as announced",
            &numbers(),
        );
        assert!(!f[0].denied && f[1].denied);
        let f = find("a fee of $5 rather than $7", &numbers());
        assert!(!f[0].denied && f[1].denied);
        // a bound, not a denial
        let f = find("not more than 5% of the staff", &numbers());
        assert!(!f[0].denied);
        // a negated clause does not deny the value
        let f = find("the 10% that was not written off", &numbers());
        assert!(!f[0].denied);
    }

    #[test]
    fn totals_after_a_share() {
        let f = find("write off 90 percent of the $11 billion debt", &numbers());
        assert_eq!(f[1].role, Role::Total);
        let f = find("90% of $11bn written off", &numbers());
        assert_eq!(f[1].role, Role::Total);
        let f = find("90% in 2014", &numbers());
        assert_eq!(f[1].role, Role::Plain);
    }

    #[test]
    fn totals_before_a_share_of_it() {
        let f = find(
            "a budget of $96 million, half of it from the state",
            &numbers(),
        );
        assert_eq!(f[0].role, Role::Total);
        let f = find("$48 million, half of the total", &numbers());
        assert_eq!(f[0].role, Role::Plain);
        let f = find("1,200 staff, 40% of them engineers", &numbers());
        assert_eq!(f[0].role, Role::Total);
    }

    #[test]
    fn additions_are_marked() {
        let n = numbers();
        for text in [
            "extended the recall to three further batches",
            "a further 40 drivers were hired",
            "another 200 jobs will go",
            "an extra €5m was found",
        ] {
            let f = find(text, &n);
            assert!(f[0].added, "{text}: {f:?}");
        }
        for text in ["the recall covers 17 batches", "40 drivers were hired"] {
            let f = find(text, &n);
            assert!(!f[0].added, "{text}: {f:?}");
        }
    }

    #[test]
    fn changes_are_not_levels() {
        let n = numbers();
        for text in [
            "revenue rose by 6% in 2023",
            "an increase of £700 million",
            "a 19% increase",
            "£700 million more than planned",
        ] {
            let f = find(text, &n);
            assert_eq!(f[0].role, Role::Change, "{text}");
        }
        for text in [
            "revenue reached €8.4 billion",
            "6% of the staff",
            "cut 1,800 jobs",
            // (the word past a pause is the next figure's hedge)
            "put its cost at €265 million, more than 25 percent above the estimate",
            // ("made up of" is no rise)
            "made up of 324 adults and 77 calves",
        ] {
            let f = find(text, &n);
            assert_eq!(f[0].role, Role::Plain, "{text}");
        }
    }

    #[test]
    fn no_figures_in_times_phones_and_references() {
        assert!(shown("at 10:30 call 555-1234, see section 3").is_empty());
    }
}
