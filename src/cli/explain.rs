//! `factlint explain CODE`: the documentation of a diagnostic code (its README section).

use super::{finish, ExplainArgs, EXIT_ERROR, EXIT_OK};
use crate::codes;
use std::io::Write;

pub(crate) fn run(args: ExplainArgs) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match &args.code {
        None => codes::ALL.iter().try_for_each(|c| {
            writeln!(
                out,
                "{}  {:<20} {:<8} {}",
                c.id,
                c.name,
                c.default_severity.name(),
                c.summary
            )
        }),
        Some(id) => {
            let Some(c) = codes::find(id.trim()) else {
                let known: Vec<&str> = codes::ALL.iter().map(|c| c.id).collect();
                eprintln!(
                    "factlint: error: unknown code {id:?} (known: {})",
                    known.join(", ")
                );
                return EXIT_ERROR;
            };
            writeln!(
                out,
                "{} {} (default severity: {})\n\n{}\n\nOnline: {}",
                c.id,
                c.name,
                c.default_severity,
                c.docs(),
                c.help_uri()
            )
        }
    };
    match finish(result) {
        Ok(()) => EXIT_OK,
        Err(code) => code,
    }
}
