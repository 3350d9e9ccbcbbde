//! Fixture-driven tests: each `tests/fixtures/<case>/` holds a small corpus (`corpus/`) and
//! a `brief.md`; the verdicts on every figure are compared with a snapshot.

use factlint::text::lines::LineIndex;
use factlint::{Corpus, Rules, SourceText};
use std::path::Path;
use std::sync::Arc;

/// A fixture's corpus, indexed with the default rules, and its brief.
fn load(case: &str) -> (Corpus, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case);
    let mut sources = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("corpus"))
        .unwrap()
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        sources.push(SourceText {
            path: e.file_name().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(e.path()).unwrap(),
        });
    }
    let corpus = Corpus::build(sources, Arc::new(Rules::default())).unwrap();
    (
        corpus,
        std::fs::read_to_string(dir.join("brief.md")).unwrap(),
    )
}

fn verdicts(case: &str) -> String {
    let (corpus, brief) = load(case);
    let lines = LineIndex::new(&brief);
    let mut out = String::new();
    for c in factlint::check(&corpus, &brief) {
        let (l, col) = lines.position(&brief, c.span.start);
        let (el, ecol) = lines.position(&brief, c.span.end);
        assert_eq!(
            &brief[c.span.clone()].chars().count(),
            &(ecol - col),
            "span width"
        );
        assert_eq!(l, el);
        let cited: Vec<String> = c
            .evidence
            .iter()
            .map(|e| format!("{} ({}:{})", e.value, e.path, e.line))
            .collect();
        out.push_str(&format!(
            "{l}:{col}-{ecol} {} {} {:?}{}\n",
            c.verdict.name(),
            c.kind.name(),
            &brief[c.span.clone()],
            if cited.is_empty() {
                String::new()
            } else {
                format!(" <- {}", cited.join("; "))
            }
        ));
    }
    out
}

macro_rules! fixture {
    ($name:ident, $case:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!($case, verdicts($case));
        }
    };
}

fixture!(hedges_widen_values, "hedges");
fixture!(roles_change_meaning, "roles");
fixture!(each_figure_keeps_its_own_words, "two-figures");
fixture!(table_rows_give_context, "tables");
fixture!(code_urls_comments_are_not_checked, "not-checked");
fixture!(positions_survive_crlf_tabs_emoji, "positions");
fixture!(dates_and_ranges, "dates");
fixture!(rates_per_unit_and_over_time, "rates");
fixture!(opposite_words_never_align, "opposites");
fixture!(attribution_columns_are_not_context, "attribution");
fixture!(
    a_sentences_other_figure_names_the_statement,
    "corroboration"
);
fixture!(rival_source_figures_are_weighed, "rivals");
fixture!(a_report_dates_its_events, "datelines");
fixture!(a_report_dates_its_months_and_days, "report-years");
fixture!(changes_are_anchored_by_what_changes, "changes");
fixture!(shared_negations_describe_the_thing, "negations");
fixture!(ages_are_a_persons_and_sums_are_not_parts, "people");
fixture!(only_supported_siblings_name_a_statement, "wrong-statements");
fixture!(a_line_label_names_what_is_counted, "line-labels");
fixture!(a_unit_of_measure_is_no_thing_measured, "measures");
fixture!(
    a_changes_earlier_value_is_no_evidence_against_it,
    "change-ends"
);
fixture!(
    another_years_value_is_no_evidence_against_it,
    "dated-values"
);
fixture!(
    a_text_tables_cell_is_read_with_its_row_and_column,
    "text-tables"
);
fixture!(a_change_and_its_level_share_words, "change-levels");
fixture!(a_statement_restated_elsewhere_still_names_it, "restated");

#[test]
fn the_seed_sources_disagree_only_where_they_really_do() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut sources: Vec<SourceText> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| SourceText {
            path: e.file_name().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(e.path()).unwrap(),
        })
        .collect();
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let corpus = Corpus::build(sources, Arc::new(Rules::default())).unwrap();
    let found: Vec<String> = corpus
        .disagreements()
        .into_iter()
        .map(|(i, j)| {
            let f = &corpus.figures[i];
            let doc = &corpus.docs[corpus.sentences[f.sentence].doc];
            let other = &corpus.figures[j.evidence[0].figure];
            let other_doc = &corpus.docs[corpus.sentences[other.sentence].doc];
            format!(
                "{} {:?} vs {} {:?}",
                doc.path,
                f.figure.display(&doc.text),
                other_doc.path,
                other.figure.display(&other_doc.text)
            )
        })
        .collect();
    insta::assert_snapshot!("seed-disagreements", found.join("\n"));
}
fixture!(
    an_earlier_value_of_a_change_is_a_value_of_that_thing,
    "earlier-values"
);
fixture!(a_year_alone_does_not_support_a_day, "vague-dates");
fixture!(
    a_value_a_source_replaces_is_out_of_date_unless_given_as_earlier,
    "replaced-values"
);
fixture!(
    a_long_number_with_two_digits_swapped_is_a_slip,
    "transposed-digits"
);
fixture!(a_counted_change_joins_its_two_values, "counted-changes");
fixture!(ordinals_of_one_standing_are_compared, "ranks");
fixture!(a_figure_in_brackets_does_not_part_its_sentence, "asides");
fixture!(
    counts_that_name_nothing_are_compared_when_near,
    "bare-counts"
);

#[test]
fn one_sentences_values_are_cited_together_not_as_a_disagreement() {
    let (corpus, brief) = load("counted-changes");
    let claims = factlint::check(&corpus, &brief);
    let nine = claims
        .iter()
        .find(|c| c.text == "9")
        .expect("the 9 is read");
    let message = nine.message();
    assert!(
        message.ends_with("(reservoir.txt:5) says 14 and 11"),
        "{message}"
    );
    assert!(!message.contains("disagree"), "{message}");
}
fixture!(a_crowded_statement_needs_a_clear_pair, "crowded-statements");
fixture!(an_addition_is_weighed_against_additions, "increments");
fixture!(a_weekday_in_a_dated_report_is_a_date, "weekdays");
fixture!(a_named_row_counts_what_its_column_names, "named-rows");
fixture!(
    a_value_replaced_in_place_is_its_own_things,
    "replaced-in-place"
);
fixture!(a_source_line_label_names_its_figures, "source-labels");
fixture!(a_count_in_another_unit_is_converted, "conversions");
fixture!(a_corrected_value_is_out_of_date, "corrections");
