//! Wrapping to a width: words reflowed for prose, lines cut for code. Both
//! measure with [`super::width`] and cut at cluster boundaries.

use super::width::{self as measure, pieces};

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
        if ww > width {
            // One pass over the word: every full piece is a line, the
            // last one starts the next.
            let mut cut = pieces(word, width);
            let (last, last_w) = cut.pop().unwrap_or(("", 0));
            lines.extend(cut.into_iter().map(|(p, _)| p.to_string()));
            word = last;
            ww = last_w;
        }
        line.push_str(word);
        used = ww;
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}
