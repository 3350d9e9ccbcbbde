//! The `factlint` command: parses arguments and hands over to `cli`.

fn main() {
    std::process::exit(factlint::cli::run(std::env::args_os()));
}
