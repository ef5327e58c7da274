//! The one located-TOML reader: typed reads of one file's values (strings,
//! slugs, enums, lists, sub-tables), each failure a located diagnostic
//! (`path:line:col`, the line, a caret, the nearest known key), so a bank
//! file or the config file is checked whole and every problem reported in
//! one pass.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::diag::{Diagnostic, Locator, Severity, nearest};
use super::model::{Text, TimeLimit};
use super::parse::{MAX_SLUG, MAX_TEXT_BYTES, is_slug};
use crate::text;

/// Reads one file's values and collects its problems, locating them
/// lazily (a file without problems never builds its line index).
pub struct Reader<'a> {
    pub(crate) path: &'a str,
    pub(crate) text: &'a str,
    pub(crate) locator: Option<Locator<'a>>,
    pub(crate) diags: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    /// A reader of `text`, shown as `path` in its diagnostics.
    pub fn new(path: &'a str, text: &'a str) -> Reader<'a> {
        Reader { path, text, locator: None, diags: Vec::new() }
    }

    /// The problems found so far.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diags
    }

    /// Whether no problem was found.
    pub fn is_clean(&self) -> bool {
        self.diags.is_empty()
    }

    /// Reports an error at `span`.
    pub fn error(&mut self, span: Range<usize>, message: String) {
        let (path, text) = (self.path, self.text);
        let locator = self.locator.get_or_insert_with(|| Locator::new(text));
        self.diags.push(locator.diagnostic(Severity::Error, path, span, message));
    }

    /// Reports an unknown key; returns the known key it is probably a typo
    /// of, so the "missing" report for that key can be left out.
    pub fn unknown_key<'k>(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        known: &[&'k str],
        context: &str,
    ) -> Option<&'k str> {
        let name = key.get_ref().as_ref();
        let near = nearest(name, known);
        let hint = match near {
            Some(k) => format!("; did you mean `{k}`?"),
            None => format!("; expected one of: {}", known.join(", ")),
        };
        self.error(key.span(), format!("unknown key `{}` in {context}{hint}", text::sanitize_line(name)));
        near
    }

    /// A non-empty string, trimmed, sanitised and within the size limit.
    pub fn string(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<Text> {
        match value.get_ref() {
            DeValue::String(s) => {
                let trimmed = s.trim_start_matches(['\n', '\r']).trim_end();
                if trimmed.is_empty() {
                    self.error(
                        value.span(),
                        format!("`{key}` is empty; write some text or remove the key if it is optional"),
                    );
                    return None;
                }
                if trimmed.len() > MAX_TEXT_BYTES {
                    let (kib, max) = (trimmed.len() / 1024, MAX_TEXT_BYTES / 1024);
                    self.error(
                        value.span(),
                        format!("`{key}` is {kib} KiB; the limit is {max} KiB per field, so shorten it"),
                    );
                    return None;
                }
                Some(text::sanitize(trimmed).into_owned().into())
            }
            other => {
                self.error(value.span(), format!("`{key}` must be a string, found {}", other.type_str()));
                None
            }
        }
    }

    /// A slug.
    pub fn slug(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<Text> {
        let s = self.string(key, value)?;
        if is_slug(&s) {
            Some(s)
        } else {
            self.error(
                value.span(),
                format!("`{key}` must be a slug (lowercase letters, digits and single hyphens, at most {MAX_SLUG} characters), found \"{}\"", text::sanitize_line(&s)),
            );
            None
        }
    }

    /// A string that `parse` accepts; `names` lists what it accepts.
    pub fn choice<T>(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        parse: impl Fn(&str) -> Option<T>,
        names: String,
    ) -> Option<T> {
        let s = self.string(key, value)?;
        let parsed = parse(&s);
        if parsed.is_none() {
            self.error(value.span(), format!("`{key}` must be one of {names}; found \"{}\"", text::sanitize_line(&s)));
        }
        parsed
    }

    /// One of `options`, by name.
    pub fn one_of<T: Copy>(&mut self, key: &str, value: &Spanned<DeValue<'_>>, options: &[(&str, T)]) -> Option<T> {
        let names = options.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
        self.choice(key, value, |s| options.iter().find(|(name, _)| *name == s).map(|(_, t)| *t), names)
    }

    /// A whole number in `range`; `what` says what it counts.
    pub fn int(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let n = match value.get_ref() {
            DeValue::Integer(i) => i.as_str().parse::<i64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let found = text::sanitize_line(&value_text(self.text, value));
                self.error(
                    value.span(),
                    format!("`{key}` must be a whole number from {} to {}; found {found}", range.start(), range.end()),
                );
                None
            }
        }
    }

    /// A duration like `90s`, `4m` or `1m30s`.
    pub fn duration(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<TimeLimit> {
        let s = self.string(key, value)?;
        let parsed = TimeLimit::parse(&s);
        if parsed.is_none() {
            let shown = text::sanitize_line(&s);
            self.error(
                value.span(),
                format!("`{key}` must be a duration like \"90s\", \"4m\" or \"1m30s\"; found \"{shown}\""),
            );
        }
        parsed
    }

    /// The values of a table whose keys are `known`, in `known` order:
    /// unknown keys are reported (with the nearest known one), and so are
    /// `required` keys that are absent (unless a typo already explains
    /// them). `None` when it is not a table or a key was wrong.
    pub fn fields<'v, 'i>(
        &mut self,
        name: &str,
        value: &'v Spanned<DeValue<'i>>,
        known: &[&str],
        required: &[&str],
    ) -> Option<Vec<Option<&'v Spanned<DeValue<'i>>>>> {
        let table = self.table(name, value)?;
        let mut slots = vec![None; known.len()];
        let mut typos: Vec<&str> = Vec::new();
        let mut ok = true;
        for (k, v) in table.iter() {
            match known.iter().position(|n| *n == k.get_ref().as_ref()) {
                Some(i) => slots[i] = Some(v),
                None => {
                    ok = false;
                    typos.extend(self.unknown_key(k, known, &format!("`{name}`")));
                }
            }
        }
        let absent: Vec<&str> = known
            .iter()
            .zip(&slots)
            .filter(|(k, slot)| slot.is_none() && required.contains(k) && !typos.contains(k))
            .map(|(k, _)| *k)
            .collect();
        if !absent.is_empty() {
            self.missing(value.span(), &format!("`{name}`"), &absent);
            ok = false;
        }
        ok.then_some(slots)
    }

    /// An array of strings.
    pub fn strings(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<Vec<Text>> {
        let items = self.array(key, value)?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items.iter() {
            match self.string(&format!("{key} item"), item) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// An array.
    pub fn array<'v, 'i>(&mut self, key: &str, value: &'v Spanned<DeValue<'i>>) -> Option<&'v DeArray<'i>> {
        match value.get_ref() {
            DeValue::Array(a) => Some(a),
            other => {
                self.error(value.span(), format!("`{key}` must be an array, found {}", other.type_str()));
                None
            }
        }
    }

    /// A table.
    pub fn table<'v, 'i>(&mut self, key: &str, value: &'v Spanned<DeValue<'i>>) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.error(value.span(), format!("`{key}` must be a table, found {}", other.type_str()));
                None
            }
        }
    }

    /// Reports required keys missing from `what`.
    pub fn missing(&mut self, span: Range<usize>, what: &str, keys: &[&str]) {
        let list = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let noun = text::plural(keys.len(), "key", "keys");
        self.error(
            span,
            format!("{what} is missing required {noun} {list}; add {}", text::plural(keys.len(), "it", "them")),
        );
    }
}

/// Reads a sub-table whose keys are all required strings, in `keys` order.
pub(crate) fn string_table(
    ctx: &mut Reader<'_>,
    name: &str,
    value: &Spanned<DeValue<'_>>,
    keys: &[&str],
) -> Option<Vec<Text>> {
    let table = ctx.table(name, value)?;
    let mut slots: Vec<Option<Text>> = vec![None; keys.len()];
    let mut failed = false;
    let mut typos: Vec<&str> = Vec::new();
    for (k, v) in table.iter() {
        match keys.iter().position(|known| *known == k.get_ref().as_ref()) {
            Some(i) => {
                slots[i] = ctx.string(&format!("{name}.{}", keys[i]), v);
                failed |= slots[i].is_none();
            }
            None => {
                failed = true;
                typos.extend(ctx.unknown_key(k, keys, &format!("`{name}`")));
            }
        }
    }
    let missing: Vec<&str> = keys.iter().zip(&slots).filter(|(_, s)| s.is_none()).map(|(k, _)| *k).collect();
    let absent: Vec<&str> = missing
        .iter()
        .copied()
        .filter(|k| !table.iter().any(|(key, _)| key.get_ref() == k) && !typos.contains(k))
        .collect();
    if !absent.is_empty() {
        ctx.missing(value.span(), &format!("`{name}`"), &absent);
    }
    if failed || !missing.is_empty() {
        return None;
    }
    Some(slots.into_iter().flatten().collect())
}

/// Reads an array of string tables (`mistakes`, `follow_ups`).
pub(crate) fn table_list(
    ctx: &mut Reader<'_>,
    name: &str,
    value: &Spanned<DeValue<'_>>,
    keys: &[&str],
) -> Option<Vec<Vec<Text>>> {
    let items = ctx.array(name, value)?;
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items.iter() {
        match string_table(ctx, name, item, keys) {
            Some(v) => out.push(v),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// The source text of a value, for messages about what was found.
fn value_text(text: &str, value: &Spanned<DeValue<'_>>) -> String {
    let span = value.span();
    let raw = text.get(span.clone()).unwrap_or("");
    let mut shown: String = raw.chars().take(40).collect();
    if raw.chars().count() > 40 {
        shown.push('…');
    }
    shown
}
