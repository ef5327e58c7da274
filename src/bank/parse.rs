//! Parses and validates one bank file into questions and located problems,
//! reporting every problem in the file. [`super::assemble`] merges files
//! into a [`Bank`], which is never half-loaded.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::{Diagnostic, Locator, Severity};
use super::fields::{Reader, string_table, table_list};
use super::model::{Answers, Bank, Difficulty, Example, Kind, Level, Loop, Mistake, Origin, Question, Text, Topic};
use super::{loops, stages};

/// Largest bank file accepted; bigger ones are almost certainly not banks.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Longest text field accepted; a real answer is a few KB.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Most questions accepted across all loaded banks.
pub const MAX_QUESTIONS: usize = 100_000;
/// Most bytes accepted across all loaded bank files.
pub const MAX_TOTAL_BYTES: usize = 512 * 1024 * 1024;
/// Longest slug accepted for ids, tracks and topics.
pub const MAX_SLUG: usize = 64;

/// One bank file's bytes and the path shown in messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or `questions/...` for the built-in bank).
    pub path: String,
    /// Raw contents; checked for UTF-8 by the loader.
    pub bytes: std::borrow::Cow<'static, [u8]>,
}

/// Everything the loader found: the bank when there were no errors, and all
/// diagnostics (errors, and strict-mode warnings added later) in file order.
#[derive(Debug, Default)]
pub struct Report {
    /// The bank, only when no error was found (and questions were kept).
    pub bank: Option<Bank>,
    /// Every problem, sorted by file then position.
    pub diagnostics: Vec<Diagnostic>,
    /// Questions that loaded, kept or not.
    pub questions: usize,
    /// Topics that loaded.
    pub topics: usize,
    /// Loops that loaded.
    pub loops: usize,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }
}

const TOP_KEYS: &[&str] = &["track", "topic", "title", "summary", "questions", "loops"];
const QUESTION_KEYS: &[&str] = &[
    "id",
    "title",
    "prompt",
    "difficulty",
    "level",
    "kind",
    "tags",
    "time_limit",
    "short_answer",
    "key_points",
    "interviewer_checks",
    "answers",
    "mistakes",
    "follow_ups",
    "example",
    "stages",
];
/// Question keys that may be left out.
const OPTIONAL_KEYS: &[&str] = &["tags", "time_limit", "follow_ups", "example", "stages"];
const ANSWER_KEYS: &[&str] = &["junior", "mid", "senior"];
const MISTAKE_KEYS: &[&str] = &["wrong", "why", "better"];
const EXAMPLE_KEYS: &[&str] = &["weak", "strong"];

/// Whether `s` is a slug: lowercase ASCII letters and digits in groups
/// joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// A title or a tag is one line wherever it shows (a list row, an Anki
/// field): a line break written in the bank becomes a space.
fn one_line(t: Text) -> Text {
    if t.contains('\n') { Text::from(t.split_whitespace().collect::<Vec<_>>().join(" ")) } else { t }
}

/// A question's fields as read, before cross-file checks.
pub(crate) struct Parsed {
    pub(crate) question: Question,
    pub(crate) id_span: Range<usize>,
}

fn parse_question(
    ctx: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    track: &str,
    topic: &str,
    file: u32,
) -> Option<Parsed> {
    let table = ctx.table("questions", value)?;
    let mut q = Question {
        id: Text::default(),
        track: track.into(),
        topic: topic.into(),
        title: Text::default(),
        prompt: Text::default(),
        difficulty: Difficulty::Medium,
        level: Level::Mid,
        kind: Kind::Concept,
        tags: Vec::new(),
        time_limit: None,
        short_answer: Text::default(),
        key_points: Vec::new(),
        interviewer_checks: Text::default(),
        answers: Answers::default(),
        mistakes: Vec::new(),
        follow_ups: Vec::new(),
        example: None,
        stages: Vec::new(),
        origin: Origin { file, offset: value.span().start as u32 },
    };
    let mut spans = stages::Spans::default();
    let mut seen: Vec<&str> = Vec::with_capacity(QUESTION_KEYS.len());
    let mut ok = true;
    let mut id_span = value.span();
    for (key, v) in table.iter() {
        let name = key.get_ref().as_ref();
        let Some(known) = QUESTION_KEYS.iter().find(|k| **k == name) else {
            seen.extend(ctx.unknown_key(key, QUESTION_KEYS, "a question"));
            ok = false;
            continue;
        };
        seen.push(known);
        let good = match name {
            "id" => {
                id_span = v.span();
                ctx.slug("id", v).map(|s| q.id = s).is_some()
            }
            "title" => ctx.string(name, v).map(|s| q.title = one_line(s)).is_some(),
            "prompt" => ctx.string(name, v).map(|s| q.prompt = s).is_some(),
            "short_answer" => ctx.string(name, v).map(|s| q.short_answer = s).is_some(),
            "interviewer_checks" => ctx.string(name, v).map(|s| q.interviewer_checks = s).is_some(),
            "difficulty" => {
                ctx.choice(name, v, Difficulty::parse, Difficulty::names()).map(|d| q.difficulty = d).is_some()
            }
            "level" => ctx.choice(name, v, Level::parse, Level::names()).map(|l| q.level = l).is_some(),
            "kind" => ctx.choice(name, v, Kind::parse, Kind::names()).map(|k| q.kind = k).is_some(),
            "time_limit" => ctx.duration(name, v).map(|t| q.time_limit = Some(t)).is_some(),
            "tags" => ctx.strings(name, v).map(|t| q.tags = t.into_iter().map(one_line).collect()).is_some(),
            "key_points" => stages::key_points(ctx, name, v).map(|p| q.key_points = p).is_some(),
            "answers" => string_table(ctx, name, v, ANSWER_KEYS)
                .map(|a| {
                    let [junior, mid, senior]: [Text; 3] = a.try_into().expect("three answer levels");
                    q.answers = Answers { junior, mid, senior };
                })
                .is_some(),
            "mistakes" => match table_list(ctx, name, v, MISTAKE_KEYS) {
                Some(list) if list.is_empty() => {
                    ctx.error(
                        v.span(),
                        "`mistakes` is empty; add at least one [[questions.mistakes]] with wrong, why and better"
                            .into(),
                    );
                    false
                }
                Some(list) => {
                    q.mistakes = list
                        .into_iter()
                        .map(|m| Mistake { wrong: m[0].clone(), why: m[1].clone(), better: m[2].clone() })
                        .collect();
                    true
                }
                None => false,
            },
            "follow_ups" => stages::follow_ups(ctx, v, &mut spans).map(|f| q.follow_ups = f).is_some(),
            "stages" => stages::stages(ctx, v, &mut spans).map(|st| q.stages = st).is_some(),
            "example" => string_table(ctx, name, v, EXAMPLE_KEYS)
                .map(|e| q.example = Some(Example { weak: e[0].clone(), strong: e[1].clone() }))
                .is_some(),
            _ => unreachable!("every known key is handled"),
        };
        ok &= good;
    }
    let absent: Vec<&str> =
        QUESTION_KEYS.iter().copied().filter(|k| !OPTIONAL_KEYS.contains(k) && !seen.contains(k)).collect();
    if !absent.is_empty() {
        let what = if q.id.is_empty() { "question".to_string() } else { format!("question `{}`", q.id) };
        ctx.missing(value.span(), &what, &absent);
        ok = false;
    }
    ok &= ok && stages::finish(ctx, &mut q, &spans);
    ok.then_some(Parsed { question: q, id_span })
}

/// What one file contributed.
struct FileResult {
    topic: Option<Topic>,
    questions: Vec<Parsed>,
    loops: Vec<(Loop, Range<usize>)>,
}

fn parse_file(ctx: &mut Reader<'_>, file: u32) -> FileResult {
    let mut result = FileResult { topic: None, questions: Vec::new(), loops: Vec::new() };
    if ctx.text.trim().is_empty() {
        ctx.diags.push(Diagnostic::file(
            Severity::Error,
            ctx.path,
            1,
            1,
            "file is empty; a topic file needs `track`, `topic`, `title`, `summary` and at least one [[questions]] table".into(),
        ));
        return result;
    }
    let doc = match DeTable::parse(ctx.text) {
        Ok(doc) => doc,
        Err(err) => {
            let span = err.span().unwrap_or_else(|| deepest_line(ctx.text));
            let message = err.message().trim().replace('\n', "; ");
            ctx.error(span, format!("TOML syntax: {message}"));
            return result;
        }
    };
    let (mut track, mut topic, mut title, mut summary) = (None, None, None, None);
    let mut questions = None;
    let mut loops_v = None;
    let mut typos: Vec<&str> = Vec::new();
    for (key, v) in doc.get_ref().iter() {
        match key.get_ref().as_ref() {
            "track" => track = ctx.slug("track", v),
            "topic" => topic = ctx.slug("topic", v),
            "title" => title = ctx.string("title", v).map(one_line),
            "summary" => summary = ctx.string("summary", v),
            "questions" => questions = Some(v),
            "loops" => loops_v = Some(v),
            _ => typos.extend(ctx.unknown_key(key, TOP_KEYS, "the file's top level")),
        }
    }
    // A file of loops alone needs none of a topic's keys.
    let loops_only = loops_v.is_some() && questions.is_none() && track.is_none() && topic.is_none();
    let absent: Vec<&str> = TOP_KEYS
        .iter()
        .copied()
        .filter(|k| *k != "loops" && !loops_only)
        .filter(|k| !doc.get_ref().iter().any(|(key, _)| key.get_ref() == k) && !typos.contains(k))
        .collect();
    if absent == ["questions"] {
        ctx.error(0..0, "the file has no questions; add at least one [[questions]] table".into());
    } else if !absent.is_empty() {
        ctx.missing(0..0, "the file", &absent);
    }
    let track_s = track.clone().unwrap_or_default();
    let topic_s = topic.clone().unwrap_or_default();
    if let Some(v) = questions
        && let Some(items) = ctx.array("questions", v)
    {
        if items.is_empty() {
            ctx.error(v.span(), "`questions` is empty; add at least one [[questions]] table".into());
        }
        for item in items.iter() {
            result.questions.extend(parse_question(ctx, item, &track_s, &topic_s, file));
        }
    }
    if let Some(v) = loops_v {
        result.loops = loops::parse(ctx, v, file);
    }
    if let (Some(track), Some(topic), Some(title), Some(summary)) = (track, topic, title, summary) {
        result.topic = Some(Topic { track, topic, title, summary, count: 0, file });
    }
    result
}

/// Where a syntax error without a place most likely is: the start of the
/// line with the most nesting (the parser's recursion limit gives no span).
pub fn deepest_line(text: &str) -> Range<usize> {
    let mut best = (0, 0);
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let depth = line.bytes().filter(|b| matches!(b, b'[' | b'{' | b'.')).count();
        if depth > best.1 {
            best = (start, depth);
        }
        start += line.len();
    }
    best.0..best.0
}

/// Checks a file's size and UTF-8, reporting either problem located; the
/// text without a byte-order mark. Shared by banks and the config file.
pub fn decode<'b>(path: &str, bytes: &'b [u8], diags: &mut Vec<Diagnostic>) -> Option<&'b str> {
    if bytes.len() > MAX_FILE_BYTES {
        diags.push(Diagnostic::file(
            Severity::Error,
            path,
            1,
            1,
            format!(
                "file is larger than the {} MiB limit for a drill file; split a bank into one file per topic",
                MAX_FILE_BYTES >> 20
            ),
        ));
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(err) => {
            let good = &bytes[..err.valid_up_to()];
            let valid = std::str::from_utf8(good).unwrap_or("");
            let (line, col) = Locator::new(valid).position(valid.len());
            let byte = bytes[err.valid_up_to()];
            let mut d = Diagnostic::file(
                Severity::Error,
                path,
                line,
                col,
                format!("file is not valid UTF-8 (byte 0x{byte:02X}); save it as UTF-8"),
            );
            // Show the line with the bad byte as a stand-in, caret under it.
            let start = valid.rfind('\n').map_or(0, |i| i + 1);
            let end = bytes[start..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| start + i);
            d.source_line = Some(crate::text::sanitize(&String::from_utf8_lossy(&bytes[start..end])).into_owned());
            d.caret = crate::text::width(&crate::text::sanitize(&valid[start..]));
            diags.push(d);
            None
        }
    }
}

/// What one file contributed: its topic, its questions (each with the span
/// of its id), and its problems. Files are parsed independently of each
/// other; [`super::assemble`] merges them in order.
pub(crate) struct FileOutcome {
    pub(crate) topic: Option<Topic>,
    pub(crate) questions: Vec<Parsed>,
    /// Loops, each with the span of its id.
    pub(crate) loops: Vec<(Loop, Range<usize>)>,
    pub(crate) diags: Vec<Diagnostic>,
}

/// Decodes and parses one file; `file` is its index in the bank's files.
pub(crate) fn process(path: &str, bytes: &[u8], file: u32) -> FileOutcome {
    let mut diags = Vec::new();
    let text = decode(path, bytes, &mut diags).filter(|_| shape_is_sane(path, bytes, &mut diags));
    let Some(text) = text else {
        return FileOutcome { topic: None, questions: Vec::new(), loops: Vec::new(), diags };
    };
    let mut ctx = Reader { path, text, locator: None, diags };
    let result = parse_file(&mut ctx, file);
    let mut diags = ctx.diags;
    cap_problems(path, &mut diags);
    FileOutcome { topic: result.topic, questions: result.questions, loops: result.loops, diags }
}

/// Files this large are checked for their shape before parsing.
const SHAPE_CHECK_BYTES: usize = 1 << 20;
/// The most brackets, braces and commas per byte a real bank has by far:
/// bank files are mostly text.
const MAX_STRUCTURE_SHARE: usize = 8;
/// Problems listed per file; the rest are counted.
pub const MAX_PROBLEMS_PER_FILE: usize = 100;

/// Rejects a large file made mostly of structure (`x = [[],[],[],…]`),
/// whose parse tree would take a hundred times its size in memory.
fn shape_is_sane(path: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> bool {
    if bytes.len() < SHAPE_CHECK_BYTES {
        return true;
    }
    let structure = bytes.iter().filter(|b| matches!(b, b'[' | b']' | b'{' | b'}' | b',')).count();
    if structure * MAX_STRUCTURE_SHARE <= bytes.len() {
        return true;
    }
    let message = format!(
        "file is {} MiB with {structure} brackets, braces and commas: not the shape of a bank (mostly text), so it is not parsed",
        bytes.len() >> 20
    );
    diags.push(Diagnostic::file(Severity::Error, path, 1, 1, message));
    false
}

/// Keeps the first [`MAX_PROBLEMS_PER_FILE`] problems of a file and counts
/// the rest, so a broken generated file cannot print millions of lines.
fn cap_problems(path: &str, diags: &mut Vec<Diagnostic>) {
    if diags.len() <= MAX_PROBLEMS_PER_FILE {
        return;
    }
    let rest = diags.len() - MAX_PROBLEMS_PER_FILE;
    let last = &diags[MAX_PROBLEMS_PER_FILE - 1];
    let (line, col) = (last.line, last.col);
    diags.truncate(MAX_PROBLEMS_PER_FILE);
    let message = format!("… and {rest} more problems in this file; fix these first and run `drill validate` again");
    diags.push(Diagnostic::file(Severity::Error, path, line, col, message));
}

/// The text of a file as the loader sees it (UTF-8, without a byte-order
/// mark), for locating problems found after parsing.
pub(crate) fn text_of(bytes: &[u8]) -> &str {
    let text = std::str::from_utf8(bytes).unwrap_or("");
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
#[path = "parse/tests.rs"]
mod tests;
