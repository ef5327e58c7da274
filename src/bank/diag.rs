//! Located bank problems and how they are printed: `path:line:col: message`,
//! then the offending source line with a caret under the spot.

use std::fmt;
use std::ops::Range;

use crate::text;

/// Whether a problem stops the bank from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The bank does not load.
    Error,
    /// A content rule (`drill validate --strict`); the bank still loads.
    Warning,
}

/// One problem at one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Display path of the file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong and what to do.
    pub message: String,
    /// The offending source line (sanitised), when there is one.
    pub source_line: Option<String>,
    /// Width of the caret underline, in columns.
    pub underline: usize,
    /// Display columns of the source line before the caret (tabs expanded,
    /// wide characters counted twice), so the caret sits under the spot.
    pub caret: usize,
}

/// Maps byte offsets of one file to lines and columns; built only when a
/// problem needs locating, so clean files never pay for it.
pub struct Locator<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Locator { text, starts }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.starts.get(line - 1).copied().unwrap_or(self.text.len());
        let end = self.starts.get(line).map_or(self.text.len(), |e| e - 1);
        self.text.get(start..end.max(start)).unwrap_or("").trim_end_matches('\r')
    }

    /// A diagnostic for a byte span of this file.
    pub fn diagnostic(&self, severity: Severity, path: &str, span: Range<usize>, message: String) -> Diagnostic {
        let (line, col) = self.position(span.start);
        let line_text = self.line_text(line);
        // Underline the span, clipped to its first line.
        let line_end_col = line_text.chars().count() + 1;
        let span_text = self.text.get(span.clone()).unwrap_or("");
        let span_cols = span_text.lines().next().map_or(1, |l| l.chars().count()).max(1);
        // The caret's place in the line as shown: the prefix sanitised the
        // same way as the line (tabs expanded from the line's start).
        let prefix: String = line_text.chars().take(col - 1).collect();
        Diagnostic {
            severity,
            path: path.to_string(),
            line,
            col,
            message,
            source_line: Some(text::sanitize(line_text).into_owned()),
            underline: span_cols.min(line_end_col.saturating_sub(col).max(1)),
            caret: text::width(&text::sanitize(&prefix)),
        }
    }
}

impl Diagnostic {
    /// A problem with a whole file (unreadable, not UTF-8 at a spot we
    /// cannot show, ...), reported at line 1, column 1 unless given.
    pub fn file(severity: Severity, path: &str, line: usize, col: usize, message: String) -> Self {
        Diagnostic { severity, path: path.to_string(), line, col, message, source_line: None, underline: 1, caret: 0 }
    }

    /// `path:line:col`.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.col)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = text::sanitize_line(&self.path);
        let message = text::sanitize(&self.message);
        write!(f, "{path}:{}:{}: {label}: {message}", self.line, self.col)?;
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            // A long line is shown as a window around the caret, so neither
            // the line nor the caret line runs to thousands of columns.
            let (shown, caret_at) = window(src, self.caret);
            let mut caret = " ".repeat(caret_at);
            let room = SHOWN_COLUMNS.saturating_sub(caret_at).max(1);
            caret.push_str(&"^".repeat(self.underline.clamp(1, room)));
            write!(f, "\n {gutter} | {shown}\n {pad} | {caret}")?;
        }
        Ok(())
    }
}

/// Columns of a source line shown under a message.
const SHOWN_COLUMNS: usize = 160;

/// The part of `line` to show so that display column `caret` is in view,
/// and where the caret falls in it.
fn window(line: &str, caret: usize) -> (String, usize) {
    if caret < SHOWN_COLUMNS - 20 {
        return (text::truncate(line, SHOWN_COLUMNS), caret);
    }
    // Skip whole characters up to about 60 columns before the caret.
    let skip_to = caret - 60;
    let mut skipped = 0;
    let mut rest = line;
    for (i, c) in line.char_indices() {
        if skipped >= skip_to {
            rest = &line[i..];
            break;
        }
        skipped += text::width(c.encode_utf8(&mut [0; 4]));
        rest = &line[i + c.len_utf8()..];
    }
    let shown = format!("…{}", text::truncate(rest, SHOWN_COLUMNS - 1));
    (shown, caret - skipped + 1)
}

/// Levenshtein distance, for "did you mean" suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known name closest to `given`, when it is close enough to be a typo.
pub fn nearest<'k>(given: &str, known: &[&'k str]) -> Option<&'k str> {
    let given_lower = given.to_lowercase();
    known
        .iter()
        .map(|k| (distance(&given_lower, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let loc = Locator::new("ab\ncdé f\n");
        assert_eq!(loc.position(0), (1, 1));
        assert_eq!(loc.position(3), (2, 1));
        assert_eq!(loc.position(8), (2, 5));
        assert_eq!(loc.line_text(2), "cdé f");
    }

    #[test]
    fn renders_location_source_and_caret() {
        let src = "title = \"x\"\npromt = \"y\"\n";
        let loc = Locator::new(src);
        let d = loc.diagnostic(Severity::Error, "a.toml", 12..17, "unknown key `promt`".into());
        assert_eq!(d.to_string(), "a.toml:2:1: error: unknown key `promt`\n 2 | promt = \"y\"\n   | ^^^^^");
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let known = ["prompt", "title", "difficulty"];
        assert_eq!(nearest("promt", &known), Some("prompt"));
        assert_eq!(nearest("dificulty", &known), Some("difficulty"));
        assert_eq!(nearest("banana", &known), None);
    }
}
