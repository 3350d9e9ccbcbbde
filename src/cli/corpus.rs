//! `factlint corpus`: what was indexed per document, and where the sources disagree.

use super::progress::Progress;
use super::setup::{self, CorpusSpec, Overrides};
use super::{finish, CorpusArgs, CorpusFormat, EXIT_ERROR, EXIT_OK};
use crate::report::corpus::{self, CorpusReport};
use std::collections::HashMap;
use std::path::Path;

pub(crate) fn run(args: CorpusArgs) -> i32 {
    let over = Overrides {
        sources: args.sources.clone(),
        ..Overrides::default()
    };
    let fail = |e: String| {
        eprintln!("factlint: error: {e}");
        EXIT_ERROR
    };
    let config = match setup::config_for(Path::new("."), &over, &mut HashMap::new()) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let progress = Progress::new(args.sources.quiet);
    let (corpus, problems) = match setup::load_corpus(&CorpusSpec::of(&config), progress) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    for p in &problems {
        eprintln!("factlint: warning: corpus file {} {}", p.path, p.message);
    }
    let report = CorpusReport::new(&corpus, &problems);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match args.format {
        CorpusFormat::Human => corpus::render_human(&report, &mut out),
        CorpusFormat::Json => corpus::render_json(&report, &mut out),
    };
    match finish(result) {
        Ok(()) => EXIT_OK,
        Err(code) => code,
    }
}
