//! The fuzz targets' bodies, kept out of the `fuzz_target!` wrappers so that the main
//! crate's regression test (`tests/fuzz_regressions.rs`) runs the very same checks on every
//! input a fuzzer ever crashed on.
#[path = "targets.rs"]
pub mod targets;
