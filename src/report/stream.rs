//! Pretty JSON written piece by piece, byte for byte what `serde_json::to_writer_pretty`
//! prints for the whole document, so that a report's long arrays (diagnostics, SARIF
//! results) are never built in memory as one `Value` tree.

use serde_json::Value;
use std::io::{self, Write};

/// `value` pretty-printed as it stands at `indent` spaces: every line after the first is
/// indented (JSON strings hold no raw newlines, so only structure lines move).
pub fn pretty(value: &Value, indent: usize) -> io::Result<String> {
    let s = serde_json::to_string_pretty(value)?;
    Ok(s.replace('\n', &format!("\n{}", " ".repeat(indent))))
}

/// An array written item by item: `"key": [` … `]` at `indent` spaces.
pub struct Array<'a> {
    out: &'a mut dyn Write,
    indent: usize,
    empty: bool,
}

impl<'a> Array<'a> {
    /// Starts `"key": [` (the caller has written the indentation before it).
    pub fn start(out: &'a mut dyn Write, key: &str, indent: usize) -> io::Result<Array<'a>> {
        write!(out, "{}: [", serde_json::to_string(key)?)?;
        Ok(Array {
            out,
            indent,
            empty: true,
        })
    }

    pub fn push(&mut self, item: &Value) -> io::Result<()> {
        let inner = self.indent + 2;
        write!(
            self.out,
            "{}\n{}{}",
            if self.empty { "" } else { "," },
            " ".repeat(inner),
            pretty(item, inner)?
        )?;
        self.empty = false;
        Ok(())
    }

    /// Ends the array: `]`, or `\n…]` after items.
    pub fn end(self) -> io::Result<()> {
        if self.empty {
            write!(self.out, "]")
        } else {
            write!(self.out, "\n{}]", " ".repeat(self.indent))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pieces_match_the_pretty_printer() {
        let items = vec![
            json!({"a": [1, {"b": "x\ny"}], "c": []}),
            json!("s"),
            json!([]),
        ];
        let whole = json!({"list": items, "none": [], "v": 1});
        let mut out = Vec::new();
        write!(out, "{{\n  ").unwrap();
        let mut a = Array::start(&mut out, "list", 2).unwrap();
        for i in &items {
            a.push(i).unwrap();
        }
        a.end().unwrap();
        write!(out, ",\n  ").unwrap();
        Array::start(&mut out, "none", 2).unwrap().end().unwrap();
        write!(out, ",\n  \"v\": {}\n}}", pretty(&json!(1), 2).unwrap()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&whole).unwrap()
        );
    }
}
