//! Generates a synthetic corpus (and briefs) for benchmarks, with a fixed seed:
//!
//!     cargo run --release --example gen_corpus -- OUT_DIR [DOCS] [BRIEFS]
//!
//! Writes OUT_DIR/corpus/NNNNN.txt (about 5 KB each) and OUT_DIR/briefs/NNNNN.md (about
//! 5 KB each). The text recombines sentence templates from several domains with random
//! figures, so that figures, dates and context words vary the way news prose does.

use std::fmt::Write as _;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const ACTORS: &[&str] = &[
    "the ministry",
    "the regional council",
    "Northwind Energy",
    "the port authority",
    "the health agency",
    "Acme Holdings",
    "the central bank",
    "the rail operator",
    "the city of Lindholm",
    "the federation",
    "the university hospital",
    "the water board",
];
const THINGS: &[&str] = &[
    "budget",
    "debt",
    "exports",
    "imports",
    "revenue",
    "subsidy",
    "loan",
    "investment",
    "grant",
    "contract",
    "deficit",
    "pension fund",
];
const PLACES: &[&str] = &[
    "the northern district",
    "the coastal province",
    "the capital",
    "the border region",
    "the industrial zone",
    "the river valley",
    "the eastern harbour",
    "the mountain towns",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const HEDGES: &[&str] = &[
    "",
    "",
    "",
    "nearly ",
    "about ",
    "more than ",
    "almost ",
    "some ",
];
const NOUNS: &[&str] = &[
    "workers",
    "patients",
    "vessels",
    "schools",
    "turbines",
    "households",
    "clinics",
    "trains",
    "farms",
    "students",
];
const VERBS: &[&str] = &[
    "approved",
    "cut",
    "raised",
    "wrote off",
    "announced",
    "cancelled",
    "doubled",
    "spent",
];

fn money(r: &mut Rng) -> String {
    let n = 1 + r.below(900);
    match r.below(4) {
        0 => format!("${n} million"),
        1 => format!("${}.{}bn", 1 + r.below(40), r.below(10)),
        2 => format!("{n} million euros"),
        _ => format!("US${n}m"),
    }
}

fn sentence(r: &mut Rng) -> String {
    let year = 1990 + r.below(35);
    match r.below(10) {
        0 => format!(
            "In {year}, {} {} {}{} for {}.",
            r.pick(ACTORS),
            r.pick(VERBS),
            r.pick(HEDGES),
            money(r),
            r.pick(PLACES)
        ),
        1 => format!(
            "The {} of {} rose by {}% between {} and {}.",
            r.pick(THINGS),
            r.pick(ACTORS),
            1 + r.below(95),
            year,
            year + 1 + r.below(9)
        ),
        2 => format!(
            "About {} {} in {} were affected, according to {}.",
            10 + r.below(50_000),
            r.pick(NOUNS),
            r.pick(PLACES),
            r.pick(ACTORS)
        ),
        3 => format!(
            "On {} {}, {year}, {} signed a {}-year agreement worth {}.",
            r.pick(MONTHS),
            1 + r.below(28),
            r.pick(ACTORS),
            2 + r.below(30),
            money(r)
        ),
        4 => format!(
            "It was the {} time that {} had missed its target since {year}.",
            ["first", "second", "third", "fourth", "fifth"][r.below(5)],
            r.pick(ACTORS)
        ),
        5 => format!(
            "Officials expect {} to grow {}fold by {}, while {} plans to hire {} {}.",
            r.pick(THINGS),
            ["two", "three", "five", "ten"][r.below(4)],
            year + 10,
            r.pick(ACTORS),
            5 + r.below(900),
            r.pick(NOUNS)
        ),
        6 => format!(
            "The {}-year-old director said the {} of {} would reach {}.",
            30 + r.below(40),
            r.pick(THINGS),
            r.pick(PLACES),
            money(r)
        ),
        7 => format!(
            "Critics noted that {} had spent two decades negotiating with {}.",
            r.pick(ACTORS),
            r.pick(ACTORS)
        ),
        8 => format!(
            "By {} {year}, {} {} had been counted in {}.",
            r.pick(MONTHS),
            100 + r.below(9000),
            r.pick(NOUNS),
            r.pick(PLACES)
        ),
        _ => format!(
            "{} described the plan as a turning point for {}.",
            ["Analysts", "Residents", "Observers", "Economists"][r.below(4)],
            r.pick(PLACES)
        ),
    }
}

fn text(r: &mut Rng, bytes: usize, markdown: bool) -> String {
    let mut out = String::new();
    if markdown {
        let _ = writeln!(out, "# Brief on {}\n", r.pick(PLACES));
    } else {
        let _ = writeln!(out, "Report on {} and {}\n", r.pick(ACTORS), r.pick(PLACES));
    }
    while out.len() < bytes {
        for _ in 0..4 {
            out.push_str(&sentence(r));
            out.push(' ');
        }
        out.push_str("\n\n");
        if markdown && r.below(5) == 0 {
            let _ = writeln!(out, "## {}\n", r.pick(THINGS));
            let _ = writeln!(out, "- {}\n- {}\n", sentence(r), sentence(r));
        }
    }
    out
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let out = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("target/bench-corpus"),
    );
    let docs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let briefs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1_000);
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    std::fs::create_dir_all(out.join("corpus"))?;
    std::fs::create_dir_all(out.join("briefs"))?;
    for i in 0..docs {
        std::fs::write(
            out.join(format!("corpus/{i:05}.txt")),
            text(&mut r, 5000, false),
        )?;
    }
    for i in 0..briefs {
        std::fs::write(
            out.join(format!("briefs/{i:05}.md")),
            text(&mut r, 5000, true),
        )?;
    }
    Ok(())
}
