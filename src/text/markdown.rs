//! Markdown-lite, laid out once for every front end: paragraphs reflowed,
//! list items with a hanging indent, fenced code kept line for line. Text
//! output prints the rows as they are ([`wrap_markdown`]); the interface
//! styles each row (inline code, code blocks) from the same layout.

use super::width::{pieces, width};
use super::wrap::wrap_words;

/// One block of Markdown-lite text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    /// A paragraph: its lines joined by spaces when wrapped.
    Paragraph(Vec<&'a str>),
    /// A list item (`-`, `*` or `1.`): its marker and its lines.
    Item(&'a str, Vec<&'a str>),
    /// A fenced code block's lines, verbatim.
    Code(Vec<&'a str>),
}

/// A list marker at the start of a line: `-`, `*`, or a number and a dot.
fn list_marker(line: &str) -> Option<(&str, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some(("-", rest));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) && line[digits..].starts_with(". ") {
        return Some((&line[..digits + 1], &line[digits + 2..]));
    }
    None
}

/// Splits Markdown-lite text into paragraphs, list items and code blocks.
pub fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    let mut in_code = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            if in_code {
                out.extend(current.take());
                in_code = false;
            } else {
                out.extend(current.take());
                current = Some(Block::Code(Vec::new()));
                in_code = true;
            }
            continue;
        }
        if in_code {
            if let Some(Block::Code(lines)) = current.as_mut() {
                lines.push(line);
            }
            continue;
        }
        if trimmed.is_empty() {
            out.extend(current.take());
        } else if let Some((marker, rest)) = list_marker(trimmed) {
            out.extend(current.take());
            current = Some(Block::Item(marker, vec![rest]));
        } else {
            match current.as_mut() {
                Some(Block::Paragraph(lines)) | Some(Block::Item(_, lines)) => lines.push(trimmed),
                _ => current = Some(Block::Paragraph(vec![trimmed])),
            }
        }
    }
    out.extend(current);
    out
}

/// What a laid-out row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// The blank line between blocks.
    Blank,
    /// Prose: a paragraph's or a list item's wrapped line (may hold
    /// `inline code` between backticks).
    Prose,
    /// A line (or a cut piece of one) of a fenced code block.
    Code,
}

/// One laid-out row: a lead (indent, bullet or hanging indent) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What the row is.
    pub kind: RowKind,
    /// The bullet, number or hanging indent before the text.
    pub lead: String,
    /// The row's text, as written in the bank.
    pub text: String,
}

/// How a front end wants Markdown-lite laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    /// Columns for the text, leads included.
    pub width: usize,
    /// What a `-` or `*` item shows as.
    pub bullet: &'a str,
    /// The indent of code lines.
    pub code_indent: &'a str,
    /// Cut code lines longer than the width (else they run on).
    pub cut_code: bool,
}

/// Lays out Markdown-lite text in rows. Blocks are separated by a blank
/// row, except consecutive list items.
pub fn layout(text: &str, how: &Layout<'_>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let mut previous_item = false;
    let row = |kind, lead: String, text: String| Row { kind, lead, text };
    for block in blocks(text) {
        let is_item = matches!(block, Block::Item(..));
        if !(out.is_empty() || previous_item && is_item) {
            out.push(row(RowKind::Blank, String::new(), String::new()));
        }
        previous_item = is_item;
        match block {
            Block::Paragraph(lines) => {
                out.extend(
                    wrap_words(&lines.join(" "), how.width).into_iter().map(|l| row(RowKind::Prose, String::new(), l)),
                );
            }
            Block::Item(marker, lines) => {
                let bullet = if marker == "-" { how.bullet } else { marker };
                let hang = " ".repeat(width(bullet) + 1);
                for (i, l) in wrap_words(&lines.join(" "), how.width.saturating_sub(hang.len())).into_iter().enumerate()
                {
                    let lead = if i == 0 { format!("{bullet} ") } else { hang.clone() };
                    out.push(row(RowKind::Prose, lead, l));
                }
            }
            Block::Code(lines) => {
                for l in lines {
                    out.extend(code_rows(l, how));
                }
            }
        }
    }
    out
}

/// Marks a code line continued on the next row.
pub const CONTINUED: &str = "↪ ";

/// One line of code as rows: whole when it fits (or when cutting is off);
/// otherwise cut, each continuation behind the line's own indent and
/// [`CONTINUED`], so code keeps its shape instead of running on at the
/// left edge.
fn code_rows(line: &str, how: &Layout<'_>) -> Vec<Row> {
    let row = |lead: String, text: &str| Row { kind: RowKind::Code, lead, text: text.to_string() };
    let room = how.width.saturating_sub(width(how.code_indent)).max(8);
    if !how.cut_code || width(line) <= room {
        return vec![row(how.code_indent.to_string(), line)];
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let hang = format!("{}{indent}{CONTINUED}", how.code_indent);
    let (first, _) = pieces(line, room)[0];
    let mut out = vec![row(how.code_indent.to_string(), first)];
    let rest = &line[first.len()..];
    let room = how.width.saturating_sub(width(&hang)).max(8);
    out.extend(pieces(rest, room).into_iter().map(|(p, _)| row(hang.clone(), p)));
    out
}

/// Wraps Markdown-lite text for text output: every row as a string,
/// behind `indent`. Code lines longer than the width are cut with a
/// continuation marker when `cut_code` (on a terminal, which would wrap
/// them at its left edge), and kept whole otherwise (a file keeps them).
pub fn wrap_markdown(text: &str, cols: usize, indent: &str, cut_code: bool) -> Vec<String> {
    let inner = cols.saturating_sub(width(indent)).max(10);
    layout(text, &Layout { width: inner, bullet: "-", code_indent: "    ", cut_code })
        .into_iter()
        .map(|r| match r.kind {
            RowKind::Blank => String::new(),
            RowKind::Code => format!("{indent}{}{}", r.lead, r.text).trim_end().to_string(),
            RowKind::Prose => format!("{indent}{}{}", r.lead, r.text),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code was soft-wrapped mid-token with the rest at column 0; a cut
    /// line now continues behind its own indent and a marker.
    #[test]
    fn long_code_lines_keep_their_shape() {
        let md = "```\nif ok:\n    send(secret, t.encode() + b\".\" + raw_body, sigs)  # checked\n```";
        let rows = wrap_markdown(md, 36, "", true);
        assert_eq!(rows[0], "    if ok:");
        assert!(rows[1].starts_with("    ") && rows[1].len() <= 36, "{rows:?}");
        assert!(rows[2].starts_with("        ↪ "), "continued behind the indent: {rows:?}");
        let joined: String = rows[1..].iter().map(|r| r.trim_start().trim_start_matches("↪ ")).collect();
        assert_eq!(joined, "send(secret, t.encode() + b\".\" + raw_body, sigs)  # checked", "nothing lost: {rows:?}");
        let whole = wrap_markdown(md, 36, "", false);
        assert_eq!(
            whole[1], "        send(secret, t.encode() + b\".\" + raw_body, sigs)  # checked",
            "kept whole for files"
        );
    }
}
