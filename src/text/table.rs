//! Tables written as text in a source document: rows of cells aligned in columns by runs
//! of spaces (or tabs), under a header of one or more lines, as statistical bulletins and
//! text converted from PDF give them:
//!
//! ```text
//! Region                Population    Offences   Rate per
//!                       (mid-2024)               1,000
//! Capital Region         1,980,000     151,070     76.3
//! Coastal Province       1,240,000      85,070     68.6
//! ```
//!
//! A cell of such a row is read with its row's label and its column's header, as a brief's
//! Markdown table cell is: "76.3" is the Capital Region's rate per 1,000.

use std::ops::Range;

/// A data row of a text table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Byte span of the row's line in the document (trimmed).
    pub line: Range<usize>,
    /// The row's label: its first cell, when that holds no number.
    pub label: Option<String>,
    /// The table's caption: a line of its own right above it ("Table 3: Clearance rate by
    /// offence group (% of offences)").
    pub caption: Option<String>,
    /// Each cell after the label: its byte span in the document and its column's header
    /// (the header lines' text above it, joined).
    pub cells: Vec<(Range<usize>, String)>,
}

impl Row {
    /// The header of the cell holding byte `at` of the document.
    pub fn header_at(&self, at: usize) -> Option<&str> {
        self.cells
            .iter()
            .find(|(span, _)| span.contains(&at))
            .map(|(_, h)| h.as_str())
    }
}

/// A cell of a line: its span in chars (columns) and in bytes, from the line's start.
struct Cell {
    cols: Range<usize>,
    bytes: Range<usize>,
}

impl Cell {
    /// The cell from `start` to `end`, each (column, byte).
    fn ending(start: (usize, usize), end: (usize, usize)) -> Cell {
        Cell {
            cols: start.0..end.0,
            bytes: start.1..end.1,
        }
    }
}

/// The cells of a line: runs of text separated by two or more spaces, a tab or a pipe
/// ("Region | 2024 | 2014"). A rule of dashes ("|---|---|") is no cell.
fn cells(line: &str) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut spaces = 0;
    let mut last_end = (0, 0);
    for (col, (at, c)) in line.char_indices().enumerate() {
        if c == '|' {
            if let Some(s) = start.take() {
                out.push(Cell::ending(s, last_end));
            }
            spaces = 0;
            continue;
        }
        if c == '\t' || c == ' ' {
            spaces += if c == '\t' { 2 } else { 1 };
            if spaces >= 2 {
                if let Some(s) = start.take() {
                    out.push(Cell::ending(s, last_end));
                }
            }
            continue;
        }
        spaces = 0;
        if start.is_none() {
            start = Some((col, at));
        }
        last_end = (col + 1, at + c.len_utf8());
    }
    if let Some(s) = start {
        out.push(Cell::ending(s, last_end));
    }
    out.retain(|c| {
        !line[c.bytes.clone()]
            .chars()
            .all(|c| matches!(c, '-' | ':' | '=' | '+'))
    });
    out
}

/// Whether a cell holds a number only ("1,980,000", "-3.6", "+20.4", "12%", "€4.2m").
fn numeric(text: &str) -> bool {
    let t = text.trim_start_matches(['+', '-', '−', '€', '$', '£']);
    t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%'))
}

/// Whether a cell holds one value: a number, with a currency code or sign before it and
/// up to two words after it ("LRN 1,060 million", "US$ 96m", "12.5 per cent", "82
/// rhinos"). A code is written in capitals ("LRN", "US$"); the words after the number in
/// lower case, as a scale or unit is.
fn value(text: &str) -> bool {
    let code = |t: &str| {
        t.chars().count() <= 4
            && t.chars()
                .all(|c| c.is_uppercase() || matches!(c, '$' | '€' | '£' | '¥'))
    };
    let word = |t: &str| t.chars().all(char::is_lowercase) && t.chars().count() <= 10;
    let tokens: Vec<&str> = text.split_whitespace().take(5).collect();
    let (first, rest) = match tokens.as_slice() {
        [c, rest @ ..] if code(c) && !rest.is_empty() => (rest[0], &rest[1..]),
        [n, rest @ ..] => (*n, rest),
        [] => return false,
    };
    // (a scale may be glued to the number: "96m", "4.2bn")
    let digits = first.trim_end_matches(char::is_lowercase);
    first.len() - digits.len() <= 3
        && numeric(digits)
        && rest.len() <= 2
        && rest.iter().all(|w| word(w))
}

/// The data rows of the text tables of a document, in order.
pub fn rows(text: &str) -> Vec<Row> {
    // lines with their byte offsets, in blocks of consecutive non-empty lines
    let mut out = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    // the block before, when it is one short line (a caption)
    let mut caption: Option<&str> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if !block.is_empty() {
                read_block(&block, caption, &mut out);
                caption = match block.as_slice() {
                    [(_, one)] if one.split_whitespace().count() <= 16 => Some(one.trim()),
                    _ => None,
                };
            }
            block.clear();
        } else {
            block.push((at, content));
        }
        at += line.len();
    }
    read_block(&block, caption, &mut out);
    out
}

/// A block's data rows, when it is a table: two or more rows of three or more cells, two
/// or more of them numbers, under header lines of their own.
fn read_block(block: &[(usize, &str)], caption: Option<&str>, out: &mut Vec<Row>) {
    let split: Vec<Vec<Cell>> = block.iter().map(|(_, l)| cells(l)).collect();
    let is_data = |cs: &[Cell], line: &str| {
        cs.len() >= 3
            && cs[1..]
                .iter()
                .filter(|c| value(&line[c.bytes.clone()]))
                .count()
                >= 2
    };
    let mut data: Vec<bool> = split
        .iter()
        .zip(block)
        .map(|(cs, (_, l))| is_data(cs, l))
        .collect();
    // a first row whose numbers are all years, over rows with other numbers, is the
    // header ("Region | 2024 | 2014 | Change (%)")
    let years_only = |i: usize| {
        let (_, line) = block[i];
        split[i][1..]
            .iter()
            .map(|c| &line[c.bytes.clone()])
            .filter(|t| value(t))
            .all(|t| t.len() == 4 && t.parse::<u16>().is_ok_and(|y| (1000..=2999).contains(&y)))
    };
    if let Some(first) = data.iter().position(|&d| d) {
        if years_only(first) && (first + 1..block.len()).any(|i| data[i] && !years_only(i)) {
            data[first] = false;
        }
    }
    if data.iter().filter(|&&d| d).count() < 2 {
        return;
    }
    let Some(first) = data.iter().position(|&d| d) else {
        return;
    };
    // the header: the lines of cells right above the first data row (at most three)
    let header: Vec<usize> = (first.saturating_sub(3)..first)
        .filter(|&i| split[i].len() >= 2 || block[i].1.starts_with("  "))
        .collect();
    for i in (first..block.len()).filter(|&i| data[i]) {
        let (start, line) = block[i];
        let cs = &split[i];
        let label_text = &line[cs[0].bytes.clone()];
        let labelled = !value(label_text);
        let mut row = Row {
            line: start + cs[0].bytes.start..start + cs[cs.len() - 1].bytes.end,
            label: labelled.then(|| label_text.to_string()),
            caption: caption.map(str::to_string),
            cells: Vec::new(),
        };
        for c in &cs[usize::from(labelled)..] {
            let head: Vec<&str> = header
                .iter()
                .filter_map(|&h| {
                    let (_, hl) = block[h];
                    // the header cell over this column: overlapping it, or else the nearest
                    let hcs = &split[h];
                    let over = hcs
                        .iter()
                        .find(|hc| hc.cols.start < c.cols.end && c.cols.start < hc.cols.end);
                    over.map(|hc| &hl[hc.bytes.clone()])
                })
                .collect();
            row.cells
                .push((start + c.bytes.start..start + c.bytes.end, head.join(" ")));
        }
        out.push(row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BULLETIN: &str = concat!(
        "Table 2: Offences by region\n",
        "\n",
        "Region                Population    Offences   Rate per   Change in   Rank\n",
        "                      (mid-2024)               1,000      rate (%)\n",
        "Capital Region         1,980,000     151,070     76.3        -3.6        1\n",
        "Coastal Province       1,240,000      85,070     68.6        +1.2        2\n",
        "\n",
        "Rates use the mid-2024 population estimates. Rank 1 is the highest rate.\n",
    );

    #[test]
    fn a_text_table_gives_each_cell_its_row_and_column() {
        let rows = rows(BULLETIN);
        assert_eq!(rows.len(), 2, "{rows:?}");
        let r = &rows[0];
        assert_eq!(r.label.as_deref(), Some("Capital Region"));
        let cell = |text: &str| {
            let at = BULLETIN.find(text).unwrap();
            r.header_at(at).unwrap().to_string()
        };
        assert_eq!(cell("1,980,000"), "Population (mid-2024)");
        assert_eq!(cell("151,070"), "Offences");
        assert_eq!(cell("76.3"), "Rate per 1,000");
        assert_eq!(cell("-3.6"), "Change in rate (%)");
        assert_eq!(&BULLETIN[r.line.clone()][..14], "Capital Region");
        assert_eq!(r.caption.as_deref(), Some("Table 2: Offences by region"));
    }

    #[test]
    fn pipes_part_cells_and_a_row_of_years_heads_the_table() {
        const PIPED: &str = concat!(
            "Table 1. Resident population by region, 2014 and 2024\n",
            "\n",
            "Region      | 2024      | 2014      | Change (%)\n",
            "|---|---|---|---|\n",
            "Saltreach   |   812,470 |   781,900 | +3.9\n",
            "Aldermere   |   698,150 |   688,420 | +1.4\n",
        );
        let rows = rows(PIPED);
        assert_eq!(rows.len(), 2, "{rows:?}");
        let r = &rows[1];
        assert_eq!(r.label.as_deref(), Some("Aldermere"));
        let cell = |text: &str| r.header_at(PIPED.find(text).unwrap()).unwrap().to_string();
        assert_eq!(cell("698,150"), "2024");
        assert_eq!(cell("688,420"), "2014");
        assert_eq!(cell("+1.4"), "Change (%)");
        // years in a table's data are data when every row holds only years
        let founded = "Club    Founded   Promoted\nRovers   1998   2004\nUnited   1887   1992\n";
        assert_eq!(super::rows(founded).len(), 2);
    }

    #[test]
    fn cells_of_amounts_with_codes_and_scales_are_values() {
        const ACCOUNTS: &str = concat!(
            "Group accounts\n",
            "\n",
            "                              FY2025-26        FY2024-25\n",
            "Revenue                       NKR 4,310 million  NKR 4,020 million\n",
            "  of which services           NKR 1,150 million  NKR 980 million\n",
            "Operating margin              12.5 per cent    11.8 per cent\n",
            "Net loss                      US$ 96m          US$ 41m\n",
        );
        let rows = rows(ACCOUNTS);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[1].label.as_deref(), Some("of which services"));
        let cell = |r: &Row, text: &str| {
            r.header_at(ACCOUNTS.find(text).unwrap())
                .unwrap()
                .to_string()
        };
        assert_eq!(cell(&rows[0], "NKR 4,020 million"), "FY2024-25");
        assert_eq!(cell(&rows[2], "11.8 per cent"), "FY2024-25");
        assert_eq!(cell(&rows[3], "US$ 96m"), "FY2025-26");
        // (a label is no value: "Zone 3", "Stage Two")
        assert!(!value("Zone 3") && !value("Capital Region") && value("82 rhinos"));
    }

    #[test]
    fn prose_and_single_rows_are_no_tables() {
        assert!(
            rows("The council spent $40 million in 2019 and $55 million in 2020.\n").is_empty()
        );
        assert!(rows("Region   Offences   Rate\nCapital   151,070   76.3\n").is_empty());
        assert!(rows("- Burglary: 38,640\n- Vehicle theft: 21,070\n").is_empty());
    }
}
