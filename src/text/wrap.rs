//! Wrapping to a width: words reflowed for prose, lines cut for code. Both
//! measure with [`super::width`] and cut at cluster boundaries.

use super::width::{self as measure, split_at_width};

/// Word-wraps `text` to `width` columns, breaking words longer than a line.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let mut word = word;
        let mut ww = measure::width(word);
        if used > 0 && used + 1 + ww <= width {
            line.push(' ');
            line.push_str(word);
            used += 1 + ww;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while ww > width {
            let (head, tail) = split_at_width(word, width);
            lines.push(head.to_string());
            word = tail;
            ww = measure::width(word);
        }
        line.push_str(word);
        used = ww;
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cuts a line into pieces of at most `width` columns, without regard to
/// words (for code, where reflowing would change the meaning).
pub fn wrap_hard(line: &str, width: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while measure::width(rest) > width.max(1) {
        let (head, tail) = split_at_width(rest, width.max(1));
        out.push(head);
        rest = tail;
    }
    out.push(rest);
    out
}
