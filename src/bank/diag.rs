//! Located bank problems and how they are printed: `path:line:col: message`,
//! then the offending source line with a caret under the spot.

use std::fmt::{self, Write as _};
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
        Diagnostic {
            severity,
            path: path.to_string(),
            line,
            col,
            message,
            source_line: Some(text::sanitize(line_text).into_owned()),
            underline: span_cols.min(line_end_col.saturating_sub(col).max(1)),
        }
    }
}

impl Diagnostic {
    /// A problem with a whole file (unreadable, not UTF-8 at a spot we
    /// cannot show, ...), reported at line 1, column 1 unless given.
    pub fn file(severity: Severity, path: &str, line: usize, col: usize, message: String) -> Self {
        Diagnostic { severity, path: path.to_string(), line, col, message, source_line: None, underline: 1 }
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
            // Columns before the caret, measured in display width.
            let before: String = src.chars().take(self.col - 1).collect();
            let mut caret = " ".repeat(text::width(&before));
            let room = 200usize.saturating_sub(text::width(&before)).max(1);
            caret.push_str(&"^".repeat(self.underline.clamp(1, room)));
            let mut shown = String::new();
            let _ = write!(shown, "{}", text::truncate(src, 200));
            write!(f, "\n {gutter} | {shown}\n {pad} | {caret}")?;
        }
        Ok(())
    }
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
