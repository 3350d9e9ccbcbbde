//! Plain-text utilities shared by corpus and briefs: words, the lexicon, sentences, lines.

pub mod lexicon;
pub mod lines;
pub mod sentences;
pub mod table;
pub mod words;
