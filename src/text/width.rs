//! Display width, measured one way everywhere: grapheme cluster by
//! grapheme cluster, each as wide as the terminal draws it (the measure
//! ratatui places cells by). Cutting, padding and wrapping all split at
//! cluster boundaries with the same measure, so a joined emoji (a ZWJ
//! family, a flag, a skin tone) is never cut in half or counted two ways.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The columns one grapheme cluster takes.
fn cluster_width(g: &str) -> usize {
    g.width()
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(cluster_width).sum()
}

/// Whitespace-separated words, the unit of the content rules.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Pads or truncates `s` (with `…`) to exactly `cols` display columns.
pub fn fit(s: &str, cols: usize) -> String {
    let w = width(s);
    if w <= cols {
        let mut out = s.to_string();
        out.extend(std::iter::repeat_n(' ', cols - w));
        return out;
    }
    let mut out = truncate(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Truncates `s` to at most `cols` columns, ending in `…` when cut.
pub fn truncate(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return s.to_string();
    }
    if cols == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = cluster_width(g);
        if used + gw > cols - 1 {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    out.push('…');
    out
}

/// Cuts `s` into pieces of at most `cols` columns (at least one cluster
/// each), in one pass; each piece with its width. Never empty: an empty
/// `s` is one empty piece.
pub(crate) fn pieces(s: &str, cols: usize) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, g) in s.grapheme_indices(true) {
        let gw = cluster_width(g);
        if used + gw > cols && i > start {
            out.push((&s[start..i], used));
            (start, used) = (i, 0);
        }
        used += gw;
    }
    out.push((&s[start..], used));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";

    #[test]
    fn a_joined_emoji_is_one_cluster_two_columns_wide() {
        assert_eq!(width(FAMILY), 2);
        assert_eq!(width(&format!("ab{FAMILY}cd")), 6);
    }

    /// Per-character cutting split the family after its first person,
    /// leaving a dangling joiner that later screens drew as stray glyphs.
    #[test]
    fn cuts_never_split_a_cluster() {
        let s = format!("ab{FAMILY}cd");
        for cols in 0..8 {
            for (piece, _) in pieces(&s, cols) {
                assert!(!piece.ends_with('\u{200D}') && !piece.starts_with('\u{200D}'), "cut at {cols}: {piece:?}");
            }
            let cut = truncate(&s, cols);
            assert!(width(&cut) <= cols, "{cut:?} wider than {cols}");
            assert!(!cut.contains('\u{200D}') || cut.contains(FAMILY), "{cut:?}");
            assert_eq!(width(&fit(&s, cols)), cols);
        }
    }

    #[test]
    fn pieces_cover_the_text_within_the_width() {
        let s = format!("ab{FAMILY}cd{FAMILY}");
        for cols in 1..6 {
            let cut = pieces(&s, cols);
            assert_eq!(cut.iter().map(|(p, _)| *p).collect::<String>(), s);
            assert!(cut.iter().all(|(p, w)| width(p) == *w && (*w <= cols || p.graphemes(true).count() == 1)));
        }
        assert_eq!(pieces("", 3), vec![("", 0)]);
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(fit("ab", 4), "ab  ");
    }
}
