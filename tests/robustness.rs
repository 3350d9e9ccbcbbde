//! Property tests: figures, contexts and checks on generated text never panic, and every
//! span lies inside the input on char boundaries.

use factlint::figures::{self, Numbers};
use factlint::{check, Corpus, RuleSet, Rules, SourceText};
use std::sync::Arc;

#[path = "util/rng.rs"]
mod rng;
use rng::Rng;

const PIECES: &[&str] = &[
    "$",
    "€",
    "£",
    "US$",
    "–",
    "—",
    "-",
    "’",
    "'",
    "\"",
    "“",
    "”",
    "10",
    "1,000",
    "2,5",
    "1.09",
    "bn",
    "m",
    "%",
    " percent",
    " per cent",
    "April",
    "May",
    "28",
    "2013",
    "1950–52",
    "nearly ",
    "about ",
    "by ",
    "of ",
    "the ",
    "rose ",
    "to ",
    "from ",
    "in ",
    "fold",
    "-year-old",
    " years",
    "twenty-",
    "six",
    "third",
    "a dozen",
    "📈",
    "⚠️",
    "e\u{301}",
    "\r\n",
    "\n",
    "\t",
    "|",
    "**",
    "`",
    "[^1]",
    "<!-- x -->",
    "(",
    ")",
    ",",
    ";",
    ".",
    " ",
    " ",
    " ",
    "Resolution ",
    "section ",
    "10:30",
    "555-1234",
    "+",
    "~",
    "≈",
    "mid-",
    "FY",
    "the 2000s",
    "Jan. 31, 2017",
    "2017-01-31",
    "x",
];

fn random_text(r: &mut Rng, pieces: usize) -> String {
    (0..pieces).map(|_| PIECES[r.below(PIECES.len())]).collect()
}

#[test]
fn recognizers_keep_spans_inside_char_boundaries() {
    let numbers = Numbers::new(&RuleSet::defaults());
    let mut r = Rng(0xDEAD_BEEF_1234_5678);
    for _ in 0..3000 {
        let n = 1 + r.below(40);
        let text = random_text(&mut r, n);
        for f in figures::find(&text, &numbers) {
            for span in [Some(f.span.clone()), f.hedge_span.clone()]
                .into_iter()
                .flatten()
            {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{text:?}: {span:?}"
                );
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "{text:?}"
                );
            }
            let shown = f.display(&text);
            assert!(!shown.is_empty(), "{text:?}");
        }
    }
}

#[test]
fn checks_of_generated_briefs_never_panic_and_map_exactly() {
    let mut r = Rng(0x1234_5678_9ABC_DEF0);
    let sources: Vec<SourceText> = (0..4)
        .map(|i| SourceText {
            path: format!("doc{i}.txt"),
            text: format!("Title {i}\n\n{}\n", random_text(&mut r, 300)),
        })
        .collect();
    let corpus = Corpus::build(sources, Arc::new(Rules::default())).unwrap();
    for _ in 0..300 {
        let n = 1 + r.below(120);
        let brief = random_text(&mut r, n);
        for c in check(&corpus, &brief) {
            assert!(c.span.end <= brief.len(), "{brief:?}");
            assert!(brief.is_char_boundary(c.span.start) && brief.is_char_boundary(c.span.end));
            let _ = c.message();
        }
    }
}
