//! Text handling shared by every output path: neutralising untrusted bank
//! text, plurals, display width ([`width`]), wrapping ([`wrap`]) and the
//! one Markdown-lite layout ([`markdown`]). A foundation: it uses nothing
//! else of the crate.
//!
//! Bank files may come from anywhere, so anything that could drive a
//! terminal (escape sequences, C0/C1 controls, bidi overrides) is replaced by
//! a visible stand-in before it reaches a printer or a renderer.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

pub mod markdown;
pub mod width;
pub mod wrap;

pub use markdown::{Block, blocks, wrap_markdown};
pub use width::{fit, truncate, width, word_count};
pub use wrap::wrap_words;

/// Columns a tab advances to (the next multiple of this).
pub const TAB_WIDTH: usize = 4;

fn is_unsafe(c: char) -> bool {
    c != '\n' && (c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Bidi marks, embeddings, overrides and isolates can reorder what follows
/// them on screen, so a bank could make text read differently than it is.
/// (The line and paragraph separators U+2028/U+2029 break lines where a
/// terminal does not expect it; they are neutralised too.)
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` holds a character [`is_unsafe`] flags, found from its UTF-8
/// bytes: every bank string passes through here, and decoding each `char`
/// cost a fifth of loading a bank.
fn needs_sanitizing(s: &str) -> bool {
    let b = s.as_bytes();
    let plain = |x: u8| (0x20..0x7f).contains(&x) || x == b'\n';
    let mut i = 0;
    while i < b.len() {
        // Most bank text is printable ASCII: skip it 16 bytes at a time,
        // without branching per byte.
        if let Some(chunk) = b.get(i..i + 16)
            && chunk.iter().fold(true, |all, &x| all & plain(x))
        {
            i += 16;
            continue;
        }
        let unsafe_here = match b[i] {
            x if plain(x) => false,
            0..=0x1f | 0x7f => true,
            // C1 controls, U+0080 to U+009F.
            0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
            // U+061C, the Arabic letter mark.
            0xd8 => matches!(b.get(i + 1), Some(0x9c)),
            // U+200E and U+200F, U+2028 to U+202E, and U+2066 to U+2069.
            0xe2 => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x8e | 0x8f | 0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ),
            _ => false,
        };
        if unsafe_here {
            return true;
        }
        i += 1;
    }
    false
}

fn stand_in(c: char) -> char {
    match c {
        // C0 controls have visible "control pictures" (ESC shows as ␛).
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// Whether `s` is already safe to print: nothing [`sanitize`] would change.
pub fn is_clean(s: &str) -> bool {
    !needs_sanitizing(s)
}

/// Returns `s` with tabs expanded and every control character (other than
/// newline), escape sequence introducer and bidi control replaced by a
/// visible stand-in. `\r\n` becomes `\n`. Borrows when nothing changes.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !needs_sanitizing(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut column = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => {
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            c if is_unsafe(c) => {
                out.push(stand_in(c));
                column += 1;
            }
            c => {
                out.push(c);
                column += c.width().unwrap_or(0);
            }
        }
    }
    Cow::Owned(out)
}

/// [`sanitize`] for a value that must stay on one line: newlines become
/// spaces too.
pub fn sanitize_line(s: &str) -> String {
    let clean = sanitize(s);
    if clean.contains('\n') { clean.replace('\n', " ") } else { clean.into_owned() }
}

/// `m:ss` for a duration.
pub fn clock(d: std::time::Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

/// A percentage without decimals.
pub fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The sentences of a text (split after `.`, `?` or `!` before a space,
/// and at blank lines), trimmed, without empty ones.
pub fn sentences(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let ends = matches!(c, '.' | '?' | '!') && chars.peek().is_none_or(|n| n.is_whitespace());
        if ends || c == '\n' && chars.peek() == Some(&'\n') {
            let done = current.trim();
            if done.chars().any(char::is_alphanumeric) {
                out.push(done.to_string());
            }
            current.clear();
        }
    }
    let rest = current.trim();
    if rest.chars().any(char::is_alphanumeric) {
        out.push(rest.to_string());
    }
    out
}

/// `one` or `many`, as `n` calls for.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `n` and the noun that agrees with it: "1 round", "3 rounds".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_byte_scan_agrees_with_the_char_rule(s in "([a-z \\n]{0,40}(\\PC|[\\x00-\\x1f\\x7f-\\u{a0}\\u{600}-\\u{6ff}\\u{2000}-\\u{206f}\\u{feff}])?){0,8}") {
            proptest::prop_assert_eq!(needs_sanitizing(&s), s.chars().any(is_unsafe));
        }
    }

    #[test]
    fn the_byte_scan_finds_each_unsafe_range_edge() {
        for c in [
            '\0', '\t', '\r', '\x1b', '\x7f', '\u{80}', '\u{9f}', '\u{61c}', '\u{200e}', '\u{200f}', '\u{2028}',
            '\u{2029}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            for pad in [2, 15, 16, 37] {
                assert!(needs_sanitizing(&format!("{}{c}cd", "a".repeat(pad))), "{c:?} after {pad}");
            }
        }
        for c in
            ['\n', ' ', '\u{a0}', '\u{a9}', '\u{200d}', '\u{2027}', '\u{202f}', '\u{2065}', '\u{206a}', '—', '…', '→']
        {
            for pad in [2, 15, 16, 37] {
                assert!(
                    !needs_sanitizing(&format!("{}{c}cd{}", "a".repeat(pad), "b".repeat(pad))),
                    "{c:?} after {pad}"
                );
            }
        }
    }

    /// Bidi marks and line separators reached the terminal raw before.
    #[test]
    fn marks_and_separators_are_neutralised() {
        for c in ['\u{200E}', '\u{200F}', '\u{061C}', '\u{2028}', '\u{2029}'] {
            let s = format!("a{c}b");
            let clean = sanitize(&s);
            assert!(!clean.contains(c), "{c:?} survived");
            assert_eq!(clean.chars().count(), 3, "{c:?} became one visible stand-in");
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("plain text\nline two"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_controls_are_neutralised() {
        let s = sanitize("a\x1b[31mred\x07\u{9b}2J\u{202e}x\r\ny\rz");
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        assert_eq!(s, "a\u{241b}[31mred\u{2407}\u{fffd}2J\u{fffd}x\ny\u{240d}z");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize("a\tb\n\tc"), "a   b\n    c");
    }

    #[test]
    fn wrap_breaks_long_words_and_respects_width() {
        let lines = wrap_words("aaaaaaaaaaaa bb cc", 5);
        assert_eq!(lines, vec!["aaaaa", "aaaaa", "aa bb", "cc"]);
        assert!(lines.iter().all(|l| width(l) <= 5));
    }

    #[test]
    fn markdown_blocks_are_recognised() {
        let b =
            blocks("para one\ncontinues\n\n- item one\n  more\n- item two\n2. numbered\n\n```sql\nSELECT 1;\n```\n");
        assert_eq!(
            b,
            vec![
                Block::Paragraph(vec!["para one", "continues"]),
                Block::Item("-", vec!["item one", "more"]),
                Block::Item("-", vec!["item two"]),
                Block::Item("2.", vec!["numbered"]),
                Block::Code(vec!["SELECT 1;"]),
            ]
        );
    }
}
