//! Checking a brief: Markdown prose -> sentences -> figures with context -> verdicts with
//! citations, as `Claim`s with byte spans in the brief.

use crate::context::{add_antecedents, local_contexts_grouped, weight, Context};
use crate::corpus::Corpus;
use crate::figures::{self, Figure, Kind, Role};
use crate::markdown::{self, Segment};
use crate::text::lexicon::Lexeme;
use crate::text::sentences::sentences;
use crate::verdict::{judge, Judgement, Match, Verdict};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

/// A source sentence cited for a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// The document's path and title, shared with the corpus (a check cites many).
    pub path: std::sync::Arc<str>,
    pub title: std::sync::Arc<str>,
    /// 1-based line and column (Unicode scalars) of the cited figure in the document.
    pub line: usize,
    pub column: usize,
    /// The source sentence.
    pub quote: String,
    /// Byte span of the sentence in the document.
    pub quote_span: Range<usize>,
    /// Byte span of the figure inside `quote`.
    pub figure_in_quote: Range<usize>,
    /// The source's value as written, with its hedge ("nearly $10 billion").
    pub value: String,
    /// The source's value as read.
    pub reading: crate::figures::Value,
    /// How well it aligns with the claim (0..1).
    pub score: f32,
    /// Shared evidence behind the score.
    pub mass: f32,
    /// Share of the claim's own context the source covers.
    pub coverage: f32,
    pub agrees: bool,
}

/// A figure or date in a brief, with its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Byte span of the figure in the brief (without its hedge).
    pub span: Range<usize>,
    /// Byte span with the hedge ("about $10 billion"): what a replacement replaces.
    pub full_span: Range<usize>,
    /// The figure as written in the brief, with its hedge.
    pub text: String,
    pub kind: Kind,
    pub verdict: Verdict,
    /// Best alignment score with any source figure.
    pub score: f32,
    pub evidence: Vec<Evidence>,
    /// Why: the figure's strongest context terms and the best-aligned source figures.
    pub explanation: Explanation,
}

/// What the verdict was based on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explanation {
    /// Why the figure was not called contradicted though its best match disagrees.
    pub abstained: Option<&'static str>,
    pub modal: bool,
    pub context: Vec<(String, f32)>,
    pub candidates: Vec<Evidence>,
}

impl Claim {
    /// Whether two source sentences of the evidence give values that disagree. Values of
    /// one sentence ("lowered from 14 metres to 11 metres") are a change, not a
    /// disagreement.
    pub fn sources_disagree(&self) -> bool {
        self.evidence.iter().enumerate().any(|(i, a)| {
            self.evidence[i + 1..].iter().any(|b| {
                (a.doc, &a.quote_span) != (b.doc, &b.quote_span) && !a.reading.agrees(&b.reading)
            })
        })
    }

    /// One line for people: what the brief says, what the sources say, and where.
    pub fn message(&self) -> String {
        match self.verdict {
            Verdict::Contradicted => {
                // one cite per source sentence, its values in the order written ("says 14
                // and 11" for "lowered from 14 metres to 11 metres"): values of one
                // sentence are a change, not a disagreement
                let mut groups: Vec<Vec<&Evidence>> = Vec::new();
                for e in &self.evidence {
                    match groups
                        .iter_mut()
                        .find(|g| g[0].doc == e.doc && g[0].quote_span == e.quote_span)
                    {
                        Some(g) => g.push(e),
                        None => groups.push(vec![e]),
                    }
                }
                let disagree = self.sources_disagree();
                let cites = groups
                    .iter_mut()
                    .map(|g| {
                        g.sort_by_key(|e| e.figure_in_quote.start);
                        let values = dedup_keep_order(g.iter().map(|e| e.value.clone()).collect());
                        let e = g[0];
                        format!(
                            "\"{}\" ({}:{}) says {}",
                            e.title,
                            e.path,
                            e.line,
                            values.join(" and ")
                        )
                    })
                    .collect::<Vec<_>>();
                let cites = dedup_keep_order(cites);
                let disagree = if disagree {
                    " (the sources disagree among themselves)"
                } else {
                    ""
                };
                format!("brief says {}; {}{}", self.text, cites.join("; "), disagree)
            }
            Verdict::Supported => {
                let e = &self.evidence[0];
                format!(
                    "brief says {}; \"{}\" ({}:{}) says {}",
                    self.text, e.title, e.path, e.line, e.value
                )
            }
            Verdict::Unverified => format!("brief says {}; no source speaks of it", self.text),
        }
    }
}

fn dedup_keep_order(v: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::default();
    v.into_iter().filter(|x| seen.insert(x.clone())).collect()
}

/// The extra context a segment of a brief is read in: title, headings, table row (the
/// column header is added per cell by `column_context`).
fn segment_context<'a>(
    corpus: &Corpus,
    cells: &mut CellFigures<'a>,
    title: Option<&str>,
    seg: &'a Segment,
) -> Context {
    let lexicon = &corpus.rules.numbers.lexicon;
    let mut cx = Context::default();
    if let Some(t) = title {
        cx.add_text(lexicon, t, weight::TITLE);
    }
    for h in &seg.headings {
        cx.add_text(lexicon, h, weight::HEADING);
    }
    // a table cell is read with its row: the label cell weighs as much as the cell's own
    // words, the other cells a little less
    for (column, text) in &seg.row {
        let header = seg.table_header.get(*column).and_then(Option::as_deref);
        if header.is_some_and(|h| corpus.rules.is_attribution(h)) {
            continue;
        }
        // (a figure that is itself the row's label, "| 2017 | Second wing reopened |", is
        // described by the other cells as much as a label describes a value)
        let w = if *column == 0 || seg.column == Some(0) {
            weight::ROW_LABEL
        } else {
            weight::ROW_CELL
        };
        cx.add_text(lexicon, text, w);
        add_dates(&mut cx, cells.get(corpus, text), w * weight::DATE);
    }
    cx
}

/// A table cell's column header, added to its segment's context.
fn column_context<'a>(
    corpus: &Corpus,
    cells: &mut CellFigures<'a>,
    cx: &mut Context,
    seg: &'a Segment,
) {
    if let Some(h) = &seg.column_header {
        cx.add_text(&corpus.rules.numbers.lexicon, h, weight::COLUMN_HEADER);
        // a column headed "2022" dates its cells
        add_dates(cx, cells.get(corpus, h), weight::ROW_LABEL * weight::DATE);
    }
}

/// Adds the years among a table cell's or header's figures as date terms.
fn add_dates(cx: &mut Context, found: &[Figure], w: f32) {
    for f in found {
        if let Some(key) = crate::context::date_term(f) {
            cx.add(&key, w);
        }
    }
}

/// The figures of the table cells and column headers of one brief, each found once: every
/// cell of a row is read with the row's other cells, so a row of n cells would otherwise
/// be read n times over.
#[derive(Default)]
struct CellFigures<'a>(HashMap<&'a str, Vec<Figure>>);

impl<'a> CellFigures<'a> {
    fn get(&mut self, corpus: &Corpus, text: &'a str) -> &[Figure] {
        self.0
            .entry(text)
            .or_insert_with(|| figures::find(text, &corpus.rules.numbers))
    }
}

/// Every figure and date in the brief's prose, with its verdict, in order. Claims carry
/// no `Explanation` (see `check_explained`).
pub fn check(corpus: &Corpus, brief: &str) -> Vec<Claim> {
    check_with(corpus, brief, false)
}

/// `check`, with each claim's `Explanation`: its strongest context words and its
/// best-aligned source figures (what `check --explain` prints).
pub fn check_explained(corpus: &Corpus, brief: &str) -> Vec<Claim> {
    check_with(corpus, brief, true)
}

/// A segment's headings and table row, with the wider context they make.
/// What a segment's wider context depends on (headings, table row, table header), and
/// that context: consecutive segments with the same key share it.
type ContextKey<'a> = (&'a [String], &'a [(usize, String)], &'a [Option<String>]);
type SharedContext<'a> = (ContextKey<'a>, Context);

fn check_with(corpus: &Corpus, brief: &str, explain: bool) -> Vec<Claim> {
    let rules = &corpus.rules;
    let lexicon = &rules.numbers.lexicon;
    let prose = markdown::prose(brief);
    let mut claims = Vec::new();
    // consecutive segments under the same headings (and the cells of one table row) share
    // their wider context: it is read once
    let mut shared: Option<SharedContext> = None;
    let mut cells = CellFigures::default();
    // the judged figures of the table row being read, and that row
    let mut row: Vec<Judged> = Vec::new();
    let mut row_of: Option<&Segment> = None;
    for seg in &prose.segments {
        let spans = sentences(&seg.text, &rules.abbreviations);
        let found: Vec<Vec<Figure>> = spans
            .iter()
            .map(|s| figures::find(&seg.text[s.clone()], &rules.numbers))
            .collect();
        if found.iter().all(Vec::is_empty) {
            continue;
        }
        // (a cell's `row` holds the row's other cells: two cells of one row hold the same
        // cells but each other's)
        let same_row = |r: &Segment| {
            let others = |a: &Segment, b: &Segment| {
                a.row
                    .iter()
                    .filter(|(c, _)| Some(*c) != b.column)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            seg.kind == crate::markdown::SegmentKind::TableCell
                && r.kind == crate::markdown::SegmentKind::TableCell
                && r.column < seg.column
                && r.headings == seg.headings
                && others(r, seg) == others(seg, r)
        };
        if !row_of.is_some_and(same_row) {
            corroborate_siblings(corpus, &mut row);
            emit(corpus, explain, &mut claims, std::mem::take(&mut row));
        }
        row_of = Some(seg);
        let key = (
            seg.headings.as_slice(),
            seg.row.as_slice(),
            seg.table_header.as_slice(),
        );
        if !matches!(&shared, Some((k, _)) if *k == key) {
            let cx = segment_context(corpus, &mut cells, prose.title.as_deref(), seg);
            shared = Some((key, cx));
        }
        let mut base = shared.as_ref().map(|s| s.1.clone()).unwrap_or_default();
        // what a label opening the line names ("Postal votes: 412,000")
        let lead_terms = crate::context::lead_label(&seg.text)
            .map_or_else(Vec::new, |l| lexicon.content_terms(l));
        column_context(corpus, &mut cells, &mut base, seg);
        // each sentence is read once: for its own figures and as its neighbours' context
        let needed = |k: usize| {
            !found[k].is_empty()
                || (k > 0 && !found[k - 1].is_empty())
                || found.get(k + 1).is_some_and(|f| !f.is_empty())
        };
        let lexemes: Vec<Option<Vec<Lexeme>>> = spans
            .iter()
            .enumerate()
            .map(|(k, s)| needed(k).then(|| lexicon.lexemes(&seg.text[s.clone()])))
            .collect();
        for (k, (sspan, found)) in spans.iter().zip(found).enumerate() {
            if found.is_empty() {
                continue;
            }
            let text = &seg.text[sspan.clone()];
            let own = lexemes[k].as_deref().unwrap_or_default();
            // which figures are one expression with the one before ("up from", "to")
            let group = crate::context::groups(lexicon, text, &found);
            let mut locals = local_contexts_grouped(lexicon, text, own, &found, &group);
            // (a label that names something, "Friendship Year", says what the line is
            // about, not what each of its figures is)
            if let Some(label) = crate::context::lead_label_dated(text)
                .filter(|l| !crate::context::names_something(l))
            {
                crate::context::add_label(lexicon, label, &mut locals, weight::LEAD_LABEL_BRIEF);
            }
            if let Some((Some(pl), ps)) = k.checked_sub(1).map(|p| (&lexemes[p], &spans[p])) {
                let prev = &seg.text[ps.clone()];
                add_antecedents(lexicon, &mut locals, (text, own, &found), (prev, pl));
            }
            let mut wide = base.clone();
            for n in [k.wrapping_sub(1), k + 1] {
                if let Some(Some(nl)) = lexemes.get(n) {
                    wide.add_lexemes(lexicon, nl, weight::NEIGHBOUR);
                }
            }
            // which year dates the figure before it ("about 1,150 in 2024")
            let dating: Vec<bool> = (0..found.len())
                .map(|i| i > 0 && crate::context::dates(lexicon, text, &found[i - 1], &found[i]))
                .collect();
            let mut groups = Vec::with_capacity(found.len());
            let mut datings: Vec<Option<usize>> = Vec::with_capacity(found.len());
            let mut judged_at: Vec<usize> = Vec::with_capacity(found.len());
            let mut judged = Vec::with_capacity(found.len());
            for (fi, (g, (mut figure, mut context))) in group
                .into_iter()
                .zip(found.into_iter().zip(locals))
                .enumerate()
            {
                // a count in a table cell counts what its row is about ("Mobile teams | 24")
                let label = (seg.kind == crate::markdown::SegmentKind::TableCell)
                    .then(|| seg.row.iter().find(|(c, _)| *c == 0))
                    .flatten()
                    .map(|(_, label)| label.as_str());
                // and so does a count in a line that a label opens ("Ballots cast: roughly
                // 2.15 million, of which about 12,300 were invalid")
                // (after its own noun, if any: "Jobs: 1,200 cut")
                if label.is_none() && figure.kind == Kind::Count {
                    figure.count_also(lead_terms.iter().cloned());
                }
                // a count in a column of ages is an age ("| Tesfaye Alemu | 31 |" under "Age")
                if label.is_some() && figure.kind == Kind::Count && figure.unit.is_empty() {
                    let age = lexicon.stem("age");
                    if seg
                        .column_header
                        .as_deref()
                        .is_some_and(|h| lexicon.content_terms(h).first() == Some(&age))
                    {
                        figure.kind = Kind::Age;
                    }
                }
                // and a percentage in a column of them ("| Medicine | +2.1 |" under "Change
                // (%)"), as in a source's table
                if label.is_some()
                    && figure.kind == Kind::Count
                    && figure.unit.is_empty()
                    && seg
                        .column_header
                        .as_deref()
                        .is_some_and(|h| rules.names_percent(h))
                {
                    figure.kind = Kind::Percent;
                }
                if let Some(label) = label {
                    if figure.unit.is_empty() && matches!(figure.kind, Kind::Count | Kind::Ordinal)
                    {
                        figure.unit = lexicon.content_terms(label);
                        // (and what its column names when the label is a name: "| Civic
                        // Union | 26 |" under "Seats" counts seats; "| Administrative roles |
                        // 750 |" under "Jobs cut" counts roles, not all the jobs cut)
                        if figure.kind == Kind::Count && crate::context::is_name(label) {
                            if let Some(h) = &seg.column_header {
                                figure.count_also(lexicon.content_terms(h));
                            }
                        }
                    } else if figure.kind == Kind::Count {
                        // and what its column names, after its own noun ("Counts | 19 fraud"
                        // counts fraud counts)
                        if let Some(h) = &seg.column_header {
                            figure.count_also(lexicon.content_terms(h));
                        }
                    }
                    // and is a rate when its row is one ("Dividend per share | €1.15")
                    if figure.kind != Kind::Date {
                        if let Some(per_unit) = corpus.rules.numbers.states_rate(label) {
                            figure.rate = true;
                            figure.per_unit |= per_unit;
                        }
                    }
                }
                let in_seg = sspan.start + figure.span.start..sspan.start + figure.span.end;
                let Some(span) = seg.to_source(in_seg) else {
                    continue;
                };
                let full = figure.full_span();
                let full_span = seg
                    .to_source(sspan.start + full.start..sspan.start + full.end)
                    .unwrap_or_else(|| span.clone());
                context.add_scaled(&wide, 1.0);
                context.tabular = seg.kind == crate::markdown::SegmentKind::TableCell
                    && seg.column != Some(0)
                    && seg.row.iter().any(|(c, _)| *c == 0);
                let mut judgement = judge(corpus, &figure, &context);
                if judgement.verdict == Verdict::Contradicted {
                    let others = row_figures(corpus, &mut cells, seg);
                    drop_siblings_values(corpus, &mut judgement, &others);
                }
                let shown = figure.display(text);
                judged.push((figure, context, span, full_span, judgement, shown));
                groups.push(g);
                // (the figure it dates, as an index in `judged`)
                datings.push(if dating[fi] {
                    judged_at.iter().rposition(|&x| x + 1 == fi)
                } else {
                    None
                });
                judged_at.push(fi);
            }
            drop_sibling_dates(&mut judged);
            // a table row is one statement: its cells are read together (once the row is
            // whole) before they are told
            if seg.kind == crate::markdown::SegmentKind::TableCell {
                drop_linked_values(corpus, &mut judged, &groups);
                row.extend(judged);
            } else {
                corroborate_siblings(corpus, &mut judged);
                // (after the sentence-level reading, which may find a figure's own
                // statement: "capped at €1.8 million, up from €1.5m in 2021")
                drop_linked_values(corpus, &mut judged, &groups);
                year_by_report(corpus, &mut judged, &datings);
                drop_dates_of_dated_siblings(corpus, &mut judged);
                emit(corpus, explain, &mut claims, judged);
            }
        }
    }
    corroborate_siblings(corpus, &mut row);
    emit(corpus, explain, &mut claims, row);
    claims.sort_by_key(|c| c.span.start);
    claims
}

/// Turns judged figures into claims.
fn emit(corpus: &Corpus, explain: bool, claims: &mut Vec<Claim>, judged: Vec<Judged>) {
    for (figure, context, span, full_span, judgement, shown) in judged {
        let cited: Vec<Evidence> = judgement
            .evidence
            .iter()
            .map(|m| evidence(corpus, m))
            .collect();
        let explanation = if explain {
            Explanation {
                abstained: judgement.abstained,
                modal: context.modal,
                context: context
                    .top(10)
                    .into_iter()
                    .map(|(t, w)| (t.to_string(), w))
                    .collect(),
                candidates: judgement
                    .ranked
                    .iter()
                    .map(|m| evidence(corpus, m))
                    .collect(),
            }
        } else {
            Explanation::default()
        };
        claims.push(Claim {
            span,
            full_span,
            text: shown,
            kind: figure.kind.clone(),
            verdict: judgement.verdict,
            score: judgement.best,
            evidence: cited,
            explanation,
        });
    }
}

/// The figures of a table cell's other value cells ("| Revenue | €8.4bn | €7.9bn |").
fn row_figures<'a>(corpus: &Corpus, cells: &mut CellFigures<'a>, seg: &'a Segment) -> Vec<Figure> {
    if seg.kind != crate::markdown::SegmentKind::TableCell {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (_, text) in seg.row.iter().filter(|(c, _)| Some(*c) != seg.column) {
        out.extend_from_slice(cells.get(corpus, text));
    }
    out
}

/// A source value that another cell of a contradicted figure's table row states is that
/// cell's ("| Revenue | €8.4bn | €7.9bn |", this year and last) and says nothing against
/// this one: it is dropped from the evidence, and with no evidence left, so is the
/// contradiction. (Not for a sentence's other figures: there two figures swapped are two
/// errors; see `drop_sibling_dates` for dates.)
fn drop_siblings_values(corpus: &Corpus, judgement: &mut Judgement, others: &[Figure]) {
    let stated = |m: &Match| {
        let value = &corpus.figures[m.figure].figure.value;
        others
            .iter()
            .any(|g| g.value.agrees(value) && g.value.comparable(value))
    };
    judgement.evidence.retain(|m| !stated(m));
    if judgement.evidence.is_empty() {
        withhold(
            judgement,
            "another cell of its row states the source's value",
        );
    }
}

/// A source value that agrees with the other value of a contradicted figure's change
/// ("employs 1,320 people, up from about 1,150 in 2024", where a source of 2024 says
/// "about 1,150") is that value's, and says nothing against this one: it is dropped from
/// the evidence, and with no evidence left, so is the contradiction. (Figures of one
/// sentence that are not one expression keep their evidence: two values swapped are two
/// errors.)
fn drop_linked_values(corpus: &Corpus, judged: &mut [Judged], groups: &[usize]) {
    // (a range's ends are compared end with end already: "2025-26" against "2024-25")
    let ranged = |f: &Figure| matches!(f.role, Role::RangeStart | Role::RangeEnd);
    for i in 0..judged.len() {
        if judged[i].4.verdict != Verdict::Contradicted || ranged(&judged[i].0) {
            continue;
        }
        let others: Vec<figures::Value> = (0..judged.len())
            .filter(|&j| j != i && groups[j] == groups[i] && !ranged(&judged[j].0))
            .map(|j| judged[j].0.value)
            .collect();
        if others.is_empty() {
            continue;
        }
        let judgement = &mut judged[i].4;
        let before = judgement.evidence.len();
        judgement.evidence.retain(|m| {
            let value = &corpus.figures[m.figure].figure.value;
            !others
                .iter()
                .any(|v| v.comparable(value) && v.agrees(value))
        });
        if judgement.evidence.is_empty() && before > 0 {
            withhold(
                judgement,
                "the source states the other value of the brief's change or range",
            );
        }
    }
}

/// A brief figure as judged: figure, context, span, full span, judgement, its text.
type Judged = (
    Figure,
    Context,
    Range<usize>,
    Range<usize>,
    Judgement,
    String,
);

/// A source date that supports another date of the same brief sentence is that date's, and
/// says nothing against a contradicted one (a date's words are its whole clause's: in
/// "shares fell on 14 November, the steepest fall since March 2020" both dates have the
/// same words): it is dropped from the evidence, and with no evidence left, so is the
/// contradiction.
fn drop_sibling_dates(judged: &mut [Judged]) {
    let supporting: Vec<(usize, usize)> = judged
        .iter()
        .enumerate()
        .filter(|(_, j)| j.0.kind == Kind::Date && j.4.verdict == Verdict::Supported)
        .flat_map(|(k, j)| j.4.evidence.iter().map(move |m| (k, m.figure)))
        .collect();
    for (k, j) in judged.iter_mut().enumerate() {
        let judgement = &mut j.4;
        if j.0.kind != Kind::Date || judgement.verdict != Verdict::Contradicted {
            continue;
        }
        judgement
            .evidence
            .retain(|m| !supporting.iter().any(|&(o, f)| o != k && f == m.figure));
        if judgement.evidence.is_empty() {
            withhold(judgement, "another date of its sentence is the source's");
        }
    }
}

/// A year that dates another figure of its brief sentence ("in 2023-24, the deficit was
/// LRN 12 million") where the source figure that figure is judged by is dated that year
/// (a table cell under "2023-24"): the sources give that year for that quantity, so
/// another source's other year (of another quantity) says nothing against it, and the
/// contradiction is withheld.
fn drop_dates_of_dated_siblings(corpus: &Corpus, judged: &mut [Judged]) {
    use crate::verdict::threshold;
    // (a sibling the year dates shares the year's own strongest words: "deficit" in "in
    // 2023-24, the deficit was"; not "Bae: 45 years old, ..., arrested 2013")
    let shares_words = |a: &Context, b: &Context| {
        a.terms.iter().any(|(t, &w)| {
            w >= threshold::ANCHOR
                && !crate::context::is_date_term(t)
                && b.terms.get(t).is_some_and(|&x| x >= threshold::ANCHOR)
        })
    };
    let dated_by_source = |date: &Context, id: u32| {
        judged.iter().any(|s| {
            s.0.kind != Kind::Date
                && shares_words(date, &s.1)
                && s.4.verdict != Verdict::Unverified
                && s.4.evidence.iter().any(|m| {
                    let terms = corpus.terms(m.figure);
                    terms
                        .binary_search_by_key(&id, |t| t.0)
                        .is_ok_and(|k| terms[k].1 >= threshold::DATED)
                })
        })
    };
    let withheld: Vec<usize> = (0..judged.len())
        .filter(|&i| {
            let (figure, judgement) = (&judged[i].0, &judged[i].4);
            let year_only = matches!(figure.value,
                figures::Value::Date(d) if d.month.is_none() && d.year.is_some());
            figure.kind == Kind::Date
                && year_only
                && judgement.verdict == Verdict::Contradicted
                && crate::context::date_term(figure)
                    .and_then(|key| corpus.vocab.id(&key))
                    .is_some_and(|id| dated_by_source(&judged[i].1, id))
        })
        .collect();
    for i in withheld {
        withhold(
            &mut judged[i].4,
            "another figure of its sentence is the sources' of that year",
        );
    }
}

/// A figure of a brief sentence whose other figure the sources state in one sentence:
/// when its own best-aligned source figure lies in that same source sentence (and is the
/// only one of its kind there among its candidates), the two sentences are one statement,
/// and the weak alignment is read as that statement's ("North Korea's third nuclear test,
/// in 2012": "third" is the source's, so its test is dated by the source's 2013).
fn corroborate_siblings(corpus: &Corpus, judged: &mut [Judged]) {
    use crate::verdict::threshold;
    // the source sentences that a sibling's supported verdict strongly rests on, with that
    // figure (a contradicted sibling may be read against the wrong sentence: "shares fall
    // 31%" against "profit ... fell 58 percent" says nothing of where its row's date is)
    let anchors: Vec<(usize, usize, usize)> = judged
        .iter()
        .enumerate()
        .filter(|(_, j)| j.4.verdict == Verdict::Supported && j.4.best >= threshold::CORROBORATING)
        .flat_map(|(k, j)| {
            // (every source figure it rests on that aligns as strongly: the headline and
            // the paragraph that both give "€236 million")
            j.4.evidence
                .iter()
                .filter(|m| m.score >= threshold::CORROBORATING)
                .map(move |m| (k, corpus.figures[m.figure].sentence, m.figure))
        })
        .collect();
    let claimed: Vec<(usize, usize)> = judged
        .iter()
        .enumerate()
        .flat_map(|(k, j)| j.4.evidence.iter().map(move |m| (k, m.figure)))
        .collect();
    // a source figure in the statement a sibling (of another kind, if `other_kind`) comes
    // from, and no other sibling's evidence
    let kinds: Vec<Kind> = judged.iter().map(|j| j.0.kind.clone()).collect();
    let others_evidence =
        |k: usize, m: &Match| claimed.iter().any(|&(o, f)| o != k && f == m.figure);
    // (a source figure that leads another sibling's evidence: one that only follows it, a
    // rival of about as good an alignment, may still be this one's)
    let leads: Vec<Option<usize>> = judged
        .iter()
        .map(|j| j.4.evidence.first().map(|m| m.figure))
        .collect();
    let others_lead = |k: usize, m: &Match| {
        leads
            .iter()
            .enumerate()
            .any(|(o, f)| o != k && *f == Some(m.figure))
    };
    let statement = |k: usize, m: &Match, other_kind: bool| {
        let sentence = corpus.figures[m.figure].sentence;
        anchors.iter().any(|&(o, s, f)| {
            o != k && s == sentence && f != m.figure && !(other_kind && kinds[o] == kinds[k])
        }) && !others_evidence(k, m)
    };
    // each sibling's best-aligned source figure, with its score, and its value
    // (a sibling whose own alignment is too weak or thin to judge it takes none)
    let tops: Vec<Option<Match>> = judged
        .iter()
        .map(|j| {
            let thin = j.4.verdict == Verdict::Unverified
                && matches!(
                    j.4.abstained,
                    Some(crate::verdict::WEAK) | Some(crate::verdict::THIN)
                );
            j.4.ranked.first().copied().filter(|_| !thin)
        })
        .collect();
    let values: Vec<crate::figures::Value> = judged.iter().map(|j| j.0.value).collect();
    for (k, j) in judged.iter_mut().enumerate() {
        let open = open_to_statement(j);
        let judgement = &mut j.4;
        // one source figure is one brief figure's: when a sibling of the same kind aligns
        // better with the figure this one is contradicted by, this one is read again
        // against the rest of its ranked source figures ("22 minutes (current bus: 45 minutes)" against
        // "will take 22 minutes, less than half the 47 minutes the current bus takes": the
        // 47 is the 45's, and the 22 is the source's 22)
        if judgement.verdict == Verdict::Contradicted {
            // a source figure another sibling of its kind (and of another value: the same
            // figure twice is one claim) aligns with better, or the same value restated
            // ("3.4 million euros" for "€3.4 million")
            // (the sibling's best-aligned source figure that takes it)
            let taker = |m: &Match| {
                tops.iter().enumerate().find_map(|(o, t)| {
                    t.filter(|t| {
                        o != k
                            && kinds[o] == kinds[k]
                            && !values[o].agrees(&values[k])
                            && t.score > m.score
                            && (t.figure == m.figure
                                || corpus.figures[t.figure]
                                    .figure
                                    .value
                                    .agrees(&corpus.figures[m.figure].figure.value))
                    })
                })
            };
            let taken_by_other = |m: &Match| taker(m).is_some();
            let doc_of = |m: &Match| corpus.sentences[corpus.figures[m.figure].sentence].doc;
            if let Some(took) = judgement.evidence.first().and_then(taker) {
                // read again without the source figures that are others'
                let rest: Vec<Match> = judgement
                    .ranked
                    .iter()
                    .filter(|m| !taken_by_other(m) && !others_lead(k, m))
                    .copied()
                    .collect();
                // (read again against another source than the one that took its source
                // figure, it rests on as many shared words as any contradiction: "The 2025
                // eruption ..., after Mount Orvel erupted in 2019" loses the source's 2021
                // to the 2019, and a year of another report is no more the 2025's)
                let lead = rest.first().copied().filter(|m| {
                    m.score >= threshold::ALIGNED
                        && (m.agrees
                            || (m.score >= threshold::CONTRADICT
                                && (doc_of(m) == doc_of(&took)
                                    || m.support >= 2 * threshold::SUPPORT)))
                });
                let rival = lead.is_some_and(|l| {
                    !l.agrees
                        && rest
                            .iter()
                            .any(|m| m.agrees && m.score >= threshold::AGREEING_RIVAL * l.score)
                });
                match lead {
                    Some(m) if !rival => judge_by(judgement, m),
                    // (with nothing else to go by: "About 35% of Calderbridge households do
                    // not own a car; roughly a quarter of Ferrisham households have none"
                    // against "About 35 percent of Calderbridge households do not own a car")
                    _ => withhold(judgement, TAKEN),
                }
                continue;
            }
        }
        // a contradiction elsewhere says nothing when that statement states the brief's
        // value ("126,000 visitors counted by June 30, about 60 percent of the target":
        // the sentence that gives the 126,000 and the 60 percent gives June 30 too). Only
        // siblings of other kinds tell: "£55 million, the agency £15 million and the port
        // £25 million" against "£55 million, £25 million from the agency and £15 million
        // from the port" is two values swapped, and both are wrong.)
        if judgement.verdict == Verdict::Contradicted {
            let stated = judgement
                .ranked
                .iter()
                .find(|m| m.agrees && m.score >= threshold::CORROBORATED && statement(k, m, true))
                .copied()
                // (from elsewhere: within one source sentence the verdict has weighed them)
                .filter(|m| {
                    let sentence = corpus.figures[m.figure].sentence;
                    judgement
                        .evidence
                        .iter()
                        .all(|e| corpus.figures[e.figure].sentence != sentence)
                });
            if let Some(m) = stated {
                judgement.verdict = Verdict::Supported;
                judgement.evidence = vec![m];
            }
            continue;
        }
        let Some(first) = judgement.ranked.first().copied() else {
            continue;
        };
        // (or its value as the statement a sibling comes from restates it: "340 stores" in
        // two reports, and the sibling's is the other)
        let restated = |m: &Match| {
            m.figure != first.figure
                && m.score >= threshold::CORROBORATED
                && statement(k, m, false)
                && corpus.figures[m.figure]
                    .figure
                    .value
                    .agrees(&corpus.figures[first.figure].figure.value)
        };
        let top = if statement(k, &first, false) {
            first
        } else {
            judgement
                .ranked
                .iter()
                .copied()
                .find(restated)
                .unwrap_or(first)
        };
        if !open || top.score < threshold::CORROBORATED {
            continue;
        }
        // (not another sibling's evidence: in "killed 2 guards; 5 guards now work nights"
        // against "killed 2 guards", the 2 is the first 2's, not the 5's)
        let sentence = corpus.figures[top.figure].sentence;
        let anchored = statement(k, &top, false);
        // the statement's other figures of this kind align far worse: "31 million passengers
        // in 2022" against "which opened in 1998 and carried 31 million passengers in 2023"
        let others = || judgement.ranked.iter().filter(|m| m.figure != top.figure);
        // (and when it holds others of the kind at all, aligns well enough to tell them
        // apart: "down 18%" against "fell 7.5% on Monday and have lost 41% of their value
        // since the recall was announced on 10 March", anchored by the 10 March)
        let crowded = others().any(|m| corpus.figures[m.figure].sentence == sentence);
        let alone = others().all(|m| {
            corpus.figures[m.figure].sentence != sentence
                || m.score < threshold::AGREEING_RIVAL * top.score
        }) && (!crowded || top.score >= threshold::ALIGNED);
        let rival = others().any(|m| m.agrees && m.score >= threshold::AGREEING_RIVAL * top.score);
        if !anchored || !alone || (!top.agrees && rival) {
            continue;
        }
        judge_by(judgement, top);
    }
    pair_with_statements(corpus, judged, &anchors);
    date_by_report(corpus, judged);
}

/// The date a document is dated by: its first full date in its first lines ("By Jonas
/// Brandt | 6 March 2024"), as the corpus marked it (`SourceFigure::report_date`).
fn dateline(corpus: &Corpus, doc: usize) -> Option<usize> {
    let first = corpus.sentences.partition_point(|s| s.doc < doc);
    let at = corpus.figures.partition_point(|f| f.sentence < first);
    corpus.figures[at..]
        .iter()
        .take_while(|f| corpus.sentences[f.sentence].doc == doc)
        .position(|f| f.report_date)
        .map(|i| at + i)
}

/// A contradicted date that is the date of the report the sentence's other figures come
/// from: a report tells of that day's events without naming the day ("Corvane agreed on
/// 9 October 2023 to buy Bellweather for $1.75bn, paying $32 a share" against a report
/// dated 9 October 2023: "Corvane has agreed to buy Bellweather for $1.75 billion"). The
/// date is read as the report's: supported by its dateline.
fn date_by_report(corpus: &Corpus, judged: &mut [Judged]) {
    // (a year alone would match every report of that year)
    let open = |j: &Judged| {
        j.4.verdict == Verdict::Contradicted
            && matches!(j.0.value, figures::Value::Date(d) if d.month.is_some() && d.year.is_some())
    };
    if !judged.iter().any(open) {
        return;
    }
    let reports: Vec<usize> = judged
        .iter()
        .filter(|j| j.0.kind != Kind::Date && j.4.verdict == Verdict::Supported)
        .flat_map(|j| j.4.evidence.iter())
        .map(|m| corpus.sentences[corpus.figures[m.figure].sentence].doc)
        .collect();
    for j in judged.iter_mut().filter(|j| open(j)) {
        let dated = reports
            .iter()
            .filter_map(|&doc| dateline(corpus, doc))
            .find(|&f| corpus.figures[f].figure.value.agrees(&j.0.value));
        if let Some(f) = dated {
            let top = j.4.evidence[0];
            judge_by(
                &mut j.4,
                Match {
                    figure: f,
                    agrees: true,
                    ..top
                },
            );
        }
    }
}

/// A contradicted year written with a figure ("about 1,150 in 2024") that the report
/// dated that year states: the report tells what held when it was written, so its
/// dateline supports the year. (Only a year linked to the figure: one elsewhere in the
/// sentence may date another event, and every report of that year would match it.)
fn year_by_report(corpus: &Corpus, judged: &mut [Judged], datings: &[Option<usize>]) {
    for i in 0..judged.len() {
        let year_only = matches!(judged[i].0.value,
            figures::Value::Date(d) if d.month.is_none() && d.year.is_some());
        let Some(j) = datings[i] else { continue };
        if judged[i].4.verdict != Verdict::Contradicted
            || !year_only
            || judged[j].4.verdict != Verdict::Supported
        {
            continue;
        }
        let dated = judged[j]
            .4
            .evidence
            .iter()
            .map(|m| corpus.sentences[corpus.figures[m.figure].sentence].doc)
            .filter_map(|doc| dateline(corpus, doc))
            .find(|&f| corpus.figures[f].figure.value.agrees(&judged[i].0.value));
        if let Some(f) = dated {
            let top = judged[i].4.evidence[0];
            judge_by(
                &mut judged[i].4,
                Match {
                    figure: f,
                    agrees: true,
                    ..top
                },
            );
        }
    }
}

/// Why a figure is not contradicted by the source figure that another figure of its
/// sentence aligns with better.
const TAKEN: &str = "another figure of its sentence is that source figure's";

/// A verdict withheld: unverified, for `reason`, with no evidence.
fn withhold(judgement: &mut Judgement, reason: &'static str) {
    judgement.verdict = Verdict::Unverified;
    judgement.evidence.clear();
    judgement.abstained = Some(reason);
}

/// The verdict of one source figure read as the statement's: supported or contradicted.
fn judge_by(judgement: &mut Judgement, m: Match) {
    judgement.verdict = if m.agrees {
        Verdict::Supported
    } else {
        Verdict::Contradicted
    };
    judgement.evidence = vec![m];
    judgement.abstained = None;
}

/// Whether a figure is still open to a sentence-level reading: unverified only because its
/// own alignment is weak or thin. (Not a total: the statement its share comes from states
/// the part, "$48 million, half of the total", for "$96 million, half of it".)
fn open_to_statement(judged: &Judged) -> bool {
    judged.4.verdict == Verdict::Unverified
        && !judged.0.negated
        && judged.0.role != crate::figures::Role::Total
        && matches!(
            judged.4.abstained,
            None | Some(crate::verdict::WEAK) | Some(crate::verdict::THIN)
        )
}

/// The figures of one kind in a brief sentence, and as many of that kind in the source
/// statement a sibling is plainly from: they pair up in order, when the pairs already
/// judged fall in that order and one pair agrees ("lead times have more than doubled, from
/// about 18 months to 36 months" against "...more than doubled, from about 18 months to
/// 40 months": the 36 is read against the 40). Open figures are judged by their pair.
fn pair_with_statements(corpus: &Corpus, judged: &mut [Judged], anchors: &[(usize, usize, usize)]) {
    use crate::verdict::{comparable, threshold};
    let mut sentences: Vec<usize> = anchors.iter().map(|a| a.1).collect();
    sentences.sort_unstable();
    sentences.dedup();
    for sentence in sentences {
        let in_sentence = corpus.figures.partition_point(|f| f.sentence < sentence)
            ..corpus.figures.partition_point(|f| f.sentence <= sentence);
        let mut done = vec![false; judged.len()];
        for b in 0..judged.len() {
            if done[b] || !open_to_statement(&judged[b]) {
                continue;
            }
            let peers: Vec<usize> = (0..judged.len())
                .filter(|&p| comparable(&judged[p].0, &judged[b].0))
                .collect();
            for &p in &peers {
                done[p] = true;
            }
            let mut theirs: Vec<usize> = in_sentence
                .clone()
                .filter(|&f| comparable(&judged[b].0, &corpus.figures[f].figure))
                .collect();
            theirs.sort_by_key(|&f| corpus.figures[f].figure.span.start);
            if peers.len() < 2 || theirs.len() != peers.len() {
                continue;
            }
            // each open peer's match with its pair, each judged peer's evidence its pair
            let mut pairs: Vec<(usize, Match)> = Vec::new();
            let mut agreeing = false;
            let mut in_order = true;
            for (&p, &f) in peers.iter().zip(&theirs) {
                let judgement = &judged[p].4;
                if open_to_statement(&judged[p]) {
                    // (a figure with words of its own that its pair lacks speaks of something
                    // else: "...strongest position since it was founded in 1973"; one whose
                    // words its siblings took is placed by its position alone)
                    let words = judged[p].1.terms.iter().any(|(t, w)| {
                        *w >= threshold::OWN_WORD && !crate::context::is_date_term(t)
                    });
                    match judgement.ranked.iter().find(|m| {
                        m.figure == f
                            && m.score >= threshold::CORROBORATED
                            && (!words || m.coverage >= threshold::PAIRED_COVERAGE)
                    }) {
                        Some(m) => {
                            agreeing |= m.agrees;
                            pairs.push((p, *m));
                        }
                        None => in_order = false,
                    }
                } else if judgement.verdict != Verdict::Unverified {
                    let own = judgement.evidence.iter().find(|m| m.figure == f);
                    in_order &= own.is_some();
                    agreeing |= own.is_some_and(|m| m.agrees);
                }
            }
            if !in_order || !agreeing {
                continue;
            }
            for (p, m) in pairs {
                judge_by(&mut judged[p].4, m);
            }
        }
    }
}

fn evidence(corpus: &Corpus, m: &crate::verdict::Match) -> Evidence {
    let sf = &corpus.figures[m.figure];
    let sentence = &corpus.sentences[sf.sentence];
    let doc = &corpus.docs[sentence.doc];
    let (line, column) = doc.position(sf.figure.span.start);
    let value = sf.figure.display(&doc.text);
    let start = sf.figure.full_span().start;
    Evidence {
        doc: sentence.doc,
        path: doc.path.clone(),
        title: doc.title.clone(),
        line,
        column,
        quote: doc.text[sentence.span.clone()].to_string(),
        quote_span: sentence.span.clone(),
        figure_in_quote: start - sentence.span.start..sf.figure.span.end - sentence.span.start,
        value,
        reading: sf.figure.value,
        score: m.score,
        mass: m.mass,
        coverage: m.coverage,
        agrees: m.agrees,
    }
}
