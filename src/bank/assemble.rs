//! Turns bank files into one bank. Files are read and parsed on worker
//! threads, each on its own, then merged in load order (topics, duplicate
//! ids, limits). A file's text lives only while it is parsed, so memory
//! follows the loaded questions, not the files, and every core helps.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use super::diag::{Diagnostic, Locator, Severity};
use super::loops::Facets;
use super::model::{Bank, Text};
use super::parse::{self, FileOutcome, MAX_QUESTIONS, MAX_TOTAL_BYTES, Report, SourceFile};

/// Most parsing threads; past this, reading the disk is the limit.
const MAX_WORKERS: usize = 8;

/// Loads and validates `files` as one bank. Every problem in every file is
/// reported; the bank is returned only when there is no error.
pub fn load(files: &[SourceFile]) -> Report {
    load_onto(Bank::default(), &[], files)
}

/// Loads and validates `files` on top of `base`, a bank already validated
/// (the built-in one), whose own files are `base_files`: ids must stay unique
/// across both, and a duplicate names the place in `base` it clashes with.
pub fn load_onto(base: Bank, base_files: &[SourceFile], files: &[SourceFile]) -> Report {
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    load_with(base, base_files, &paths, Keep::Questions, MAX_TOTAL_BYTES, |i| Ok(Cow::Borrowed(&*files[i].bytes)))
}

/// What a load keeps of the questions it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Everything: the report holds the bank.
    Questions,
    /// Only ids and counts, for checking a bank without using it: memory
    /// stays flat however large the bank, and the report holds no bank.
    Counts,
}

/// Loads and validates the files named by `paths` on top of `base`, calling
/// `read(i)` for the bytes of `paths[i]` (possibly from several threads,
/// and again later if a problem in the file needs locating). A file that
/// cannot be read is reported like any other problem; reading stops once
/// the files add up to more than `max_total` bytes.
pub fn load_with<'a, R>(
    base: Bank,
    base_files: &'a [SourceFile],
    paths: &[String],
    keep: Keep,
    max_total: usize,
    read: R,
) -> Report
where
    R: Fn(usize) -> io::Result<Cow<'a, [u8]>> + Sync,
{
    let base_n = base.files.len();
    let total = AtomicUsize::new(0);
    let over = AtomicBool::new(false);
    let work = |i: usize| -> FileOutcome {
        let path = paths[i].as_str();
        if over.load(Ordering::Relaxed) {
            return failed_quietly();
        }
        let bytes = match read(i) {
            Ok(bytes) => bytes,
            Err(err) => {
                let what = if std::path::Path::new(path).is_dir() { "folder" } else { "file" };
                return failed(path, format!("cannot read this {what}: {err}; check that it exists and is readable"));
            }
        };
        let sum = total.fetch_add(bytes.len(), Ordering::Relaxed) + bytes.len();
        if sum > max_total {
            // One message is enough; the files after it are not read.
            return if over.swap(true, Ordering::Relaxed) {
                failed_quietly()
            } else {
                failed(
                    path,
                    format!(
                        "the banks add up to more than {} MiB, the limit; load fewer files with --bank",
                        max_total >> 20
                    ),
                )
            };
        }
        parse::process(path, &bytes, (base_n + i) as u32)
    };
    let mut merge = Merge::new(base);
    merge.keep = keep;
    let n = paths.len();
    let workers = thread::available_parallelism().map_or(1, |w| w.get()).min(MAX_WORKERS).min(n);
    if workers <= 1 {
        for (i, path) in paths.iter().enumerate() {
            merge.add(path, work(i));
        }
    } else {
        let next = AtomicUsize::new(0);
        thread::scope(|s| {
            let (tx, rx) = mpsc::channel();
            for _ in 0..workers {
                let (tx, next, work) = (tx.clone(), &next, &work);
                s.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n || tx.send((i, work(i))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            // Files finish out of order; merge them in load order.
            let mut waiting = BTreeMap::new();
            for (i, outcome) in rx {
                waiting.insert(i, outcome);
                loop {
                    let want = merge.next_file(base_n);
                    let Some(outcome) = waiting.remove(&want) else { break };
                    merge.add(&paths[want], outcome);
                }
            }
        });
    }
    merge.finish(|file| match file.checked_sub(base_n) {
        None => base_files.get(file).map(|f| Cow::Borrowed(&*f.bytes)),
        Some(i) => read(i).ok(),
    })
}

fn failed(path: &str, message: String) -> FileOutcome {
    FileOutcome {
        topic: None,
        questions: Vec::new(),
        loops: Vec::new(),
        diags: vec![Diagnostic::file(Severity::Error, path, 1, 1, message)],
    }
}

fn failed_quietly() -> FileOutcome {
    FileOutcome { topic: None, questions: Vec::new(), loops: Vec::new(), diags: Vec::new() }
}

/// What must be located in one file: the problems found in it (indexes
/// into the later list), and the first uses of ids it holds (offset, id).
type Wanted = (Vec<usize>, Vec<(usize, Text)>);

/// A cross-file problem, located once parsing is over.
struct Later {
    file: u32,
    span: Range<usize>,
    problem: Problem,
}

/// What a [`Later`] is.
enum Problem {
    /// Past the question limit.
    TooMany,
    /// A question id, or a loop id (`loop`), already used at a file and
    /// byte offset.
    Duplicate { id: Text, loop_id: bool, other: u32, offset: usize },
    /// A loop round that names nothing or matches nothing.
    Round(String),
}

/// The bank so far, and what the next file is checked against.
struct Merge {
    bank: Bank,
    /// Most questions in all; [`MAX_QUESTIONS`] except in tests.
    max_questions: usize,
    keep: Keep,
    /// Questions in the bank so far, kept or not.
    size: usize,
    first_seen: HashMap<Text, (u32, usize)>,
    loops_seen: HashMap<Text, (u32, usize)>,
    /// Loops before this index came with the base bank, checked already.
    base_loops: usize,
    facets: Facets,
    topic_index: HashMap<(Text, Text), usize>,
    diags: Vec<(u32, Diagnostic)>,
    later: Vec<Later>,
}

impl Merge {
    fn new(base: Bank) -> Merge {
        let first_seen =
            base.questions.iter().map(|q| (q.id.clone(), (q.origin.file, q.origin.offset as usize))).collect();
        let topic_index =
            base.topics.iter().enumerate().map(|(i, t)| ((t.track.clone(), t.topic.clone()), i)).collect();
        let size = base.questions.len();
        let loops_seen = base.loops.iter().map(|l| (l.id.clone(), (l.origin.file, l.origin.offset as usize))).collect();
        let mut facets = Facets::default();
        base.questions.iter().for_each(|q| facets.add(q));
        Merge {
            base_loops: base.loops.len(),
            bank: base,
            max_questions: MAX_QUESTIONS,
            keep: Keep::Questions,
            size,
            first_seen,
            loops_seen,
            facets,
            topic_index,
            diags: Vec::new(),
            later: Vec::new(),
        }
    }

    /// Index, among the bank's files, of the next file to merge.
    fn next_file(&self, base_n: usize) -> usize {
        self.bank.files.len() - base_n
    }

    fn add(&mut self, path: &str, outcome: FileOutcome) {
        let file = self.bank.files.len() as u32;
        self.bank.files.push(path.to_string());
        // Every question of a file is in the file's topic.
        let topic = outcome.topic.map(|topic| {
            let key = (topic.track.clone(), topic.topic.clone());
            *self.topic_index.entry(key).or_insert_with(|| {
                self.bank.topics.push(topic);
                self.bank.topics.len() - 1
            })
        });
        for parsed in outcome.questions {
            if self.size >= self.max_questions {
                self.later.push(Later { file, span: parsed.id_span, problem: Problem::TooMany });
                break;
            }
            let id = &parsed.question.id;
            if let Some(&(other, offset)) = self.first_seen.get(id) {
                let problem = Problem::Duplicate { id: id.clone(), loop_id: false, other, offset };
                self.later.push(Later { file, span: parsed.id_span, problem });
                continue;
            }
            self.first_seen.insert(id.clone(), (file, parsed.id_span.start));
            self.facets.add(&parsed.question);
            self.size += 1;
            if let Some(t) = topic {
                self.bank.topics[t].count += 1;
            }
            if self.keep == Keep::Questions {
                self.bank.questions.push(parsed.question);
            }
        }
        for (mut l, span) in outcome.loops {
            if let Some(&(other, offset)) = self.loops_seen.get(&l.id) {
                let problem = Problem::Duplicate { id: l.id.clone(), loop_id: true, other, offset };
                self.later.push(Later { file, span, problem });
                continue;
            }
            self.loops_seen.insert(l.id.clone(), (file, span.start));
            l.origin.file = file;
            self.bank.loops.push(l);
        }
        self.diags.extend(outcome.diags.into_iter().map(|d| (file, d)));
    }

    /// Checks the new loops' rounds against every loaded question.
    fn check_loops(&mut self) {
        for l in &self.bank.loops[self.base_loops..] {
            for (i, round) in l.rounds.iter().enumerate() {
                if let Some(message) = self.facets.problem(l, i, round) {
                    let start = round.offset as usize;
                    self.later.push(Later {
                        file: l.origin.file,
                        span: start..start + 1,
                        problem: Problem::Round(message),
                    });
                }
            }
        }
    }

    /// Locates the cross-file problems, reading each file they touch once,
    /// and returns the report.
    fn finish<'a>(mut self, text: impl Fn(usize) -> Option<Cow<'a, [u8]>>) -> Report {
        self.check_loops();
        let mut wanted: BTreeMap<u32, Wanted> = BTreeMap::new();
        for (i, later) in self.later.iter().enumerate() {
            wanted.entry(later.file).or_default().0.push(i);
            if let Problem::Duplicate { other, offset, id, .. } = &later.problem {
                wanted.entry(*other).or_default().1.push((*offset, id.clone()));
            }
        }
        let mut places: HashMap<(u32, usize), (usize, usize)> = HashMap::new();
        let mut located: Vec<Option<Diagnostic>> = vec![None; self.later.len()];
        for (file, (errors, offsets)) in wanted {
            let bytes = text(file as usize).unwrap_or_default();
            let source = parse::text_of(&bytes);
            let locator = Locator::new(source);
            for (offset, id) in offsets {
                // A pre-parsed question knows where its table starts, a
                // parsed one where its id is: name the id either way, so
                // `validate` and every other command point at one place.
                let quoted = format!("\"{id}\"");
                let at = source.get(offset..).and_then(|rest| rest.find(&quoted)).map_or(offset, |i| offset + i);
                places.insert((file, offset), locator.position(at));
            }
            let path = &self.bank.files[file as usize];
            for i in errors {
                located[i] = Some(locator.diagnostic(Severity::Error, path, self.later[i].span.clone(), String::new()));
            }
        }
        for (later, diag) in self.later.iter().zip(located) {
            let mut diag = diag.expect("every later problem was located");
            diag.message = match &later.problem {
                Problem::Duplicate { id, loop_id, other, offset } => {
                    let (line, col) = places[&(*other, *offset)];
                    let at = format!("{}:{line}:{col}", self.bank.files[*other as usize]);
                    let what = if *loop_id { "loop id" } else { "id" };
                    format!(
                        "duplicate {what} `{id}`: already used at {at}; {what}s must be unique across all loaded banks, so rename one"
                    )
                }
                Problem::TooMany => format!(
                    "more than {} questions in all; split the bank and load part of it with --bank",
                    self.max_questions
                ),
                Problem::Round(message) => message.clone(),
            };
            self.diags.push((later.file, diag));
        }
        // Stable: diagnostics stay in file order, then by position.
        self.diags.sort_by_key(|(file, d)| (*file, d.line, d.col));
        let diagnostics: Vec<Diagnostic> = self.diags.into_iter().map(|(_, d)| d).collect();
        let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
        let (questions, topics, loops) = (self.size, self.bank.topics.len(), self.bank.loops.len());
        let usable = !has_errors && self.keep == Keep::Questions;
        let bank =
            usable.then(|| Bank::with_loops(self.bank.files, self.bank.topics, self.bank.questions, self.bank.loops));
        Report { bank, diagnostics, questions, topics, loops }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(n: usize) -> Vec<SourceFile> {
        crate::synth::bank_files(3, n * 2, n)
            .into_iter()
            .map(|(path, text)| SourceFile { path, bytes: text.into_bytes().into() })
            .collect()
    }

    #[test]
    fn the_total_limit_stops_reading_with_one_message() {
        let files = files(40);
        let size = files[0].bytes.len();
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let reads = AtomicUsize::new(0);
        let report = load_with(Bank::default(), &[], &paths, Keep::Questions, size * 2 + 1, |i| {
            reads.fetch_add(1, Ordering::Relaxed);
            Ok(Cow::Borrowed(&*files[i].bytes))
        });
        assert!(report.bank.is_none());
        let over: Vec<_> = report.diagnostics.iter().filter(|d| d.message.contains("add up to more than")).collect();
        assert_eq!(over.len(), 1, "{:?}", report.diagnostics);
        // At most one file per worker is read past the one that crossed.
        assert!(reads.load(Ordering::Relaxed) <= 3 + MAX_WORKERS, "files past the limit were read");
    }

    #[test]
    fn an_unreadable_file_is_a_located_problem_and_the_others_are_still_checked() {
        let files = files(3);
        let mut paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        paths[1] = "gone.toml".into();
        let report = load_with(Bank::default(), &[], &paths, Keep::Questions, MAX_TOTAL_BYTES, |i| {
            if i == 1 {
                Err(io::Error::from(io::ErrorKind::PermissionDenied))
            } else {
                Ok(Cow::Borrowed(&*files[i].bytes))
            }
        });
        assert!(report.bank.is_none());
        assert_eq!(report.diagnostics.len(), 1);
        let d = &report.diagnostics[0];
        assert_eq!((d.path.as_str(), d.line), ("gone.toml", 1));
        assert!(d.message.starts_with("cannot read this file: permission denied"), "{}", d.message);
        let dir = tempfile::tempdir().unwrap();
        paths[1] = dir.path().to_string_lossy().into_owned();
        let report = load_with(Bank::default(), &[], &paths, Keep::Questions, MAX_TOTAL_BYTES, |i| {
            if i == 1 {
                Err(io::Error::from(io::ErrorKind::PermissionDenied))
            } else {
                Ok(Cow::Borrowed(&*files[i].bytes))
            }
        });
        assert!(
            report.diagnostics[0].message.starts_with("cannot read this folder"),
            "{}",
            report.diagnostics[0].message
        );
    }

    #[test]
    fn a_bank_loaded_twice_reports_every_duplicate_at_both_places_in_order() {
        let once = files(4);
        let twice: Vec<SourceFile> = once
            .iter()
            .cloned()
            .chain(once.iter().map(|f| SourceFile { path: format!("copy/{}", f.path), bytes: f.bytes.clone() }))
            .collect();
        let report = load(&twice);
        assert_eq!(report.errors(), 8);
        let first = &report.diagnostics[0];
        assert_eq!(first.path, "copy/topic-0000.toml");
        assert!(first.message.contains("already used at topic-0000.toml:"), "{}", first.message);
        let lines: Vec<usize> = report.diagnostics.iter().map(|d| d.line).collect();
        assert!(lines[0] < lines[1], "in file order, then by line: {lines:?}");
    }

    #[test]
    fn the_question_limit_is_a_located_error_once_per_file() {
        let files = files(2);
        let mut merge = Merge::new(Bank::default());
        merge.max_questions = 3;
        for (i, f) in files.iter().enumerate() {
            merge.add(&f.path, parse::process(&f.path, &f.bytes, i as u32));
        }
        let report = merge.finish(|i| Some(Cow::Borrowed(&*files[i].bytes)));
        assert!(report.bank.is_none());
        let over: Vec<_> =
            report.diagnostics.iter().filter(|d| d.message.starts_with("more than 3 questions")).collect();
        assert_eq!(over.len(), 1, "{:?}", report.diagnostics);
        assert_eq!(over[0].path, "topic-0001.toml");
        assert_eq!(over[0].source_line.as_deref(), Some("id = \"t1-q1\""), "points at the first id over the limit");
    }

    #[test]
    fn parallel_and_serial_loads_agree() {
        let files = files(40);
        let parallel = load(&files);
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let mut serial = Merge::new(Bank::default());
        for (i, f) in files.iter().enumerate() {
            serial.add(&paths[i], parse::process(&f.path, &f.bytes, i as u32));
        }
        let serial = serial.finish(|i| Some(Cow::Borrowed(&*files[i].bytes)));
        assert_eq!(parallel.bank, serial.bank);
        assert_eq!(parallel.bank.as_ref().unwrap().questions.len(), 80);
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let counts = load_with(Bank::default(), &[], &paths, Keep::Counts, MAX_TOTAL_BYTES, |i| {
            Ok(Cow::Borrowed(&*files[i].bytes))
        });
        assert!(counts.bank.is_none() && counts.diagnostics.is_empty());
        assert_eq!((counts.questions, counts.topics), (80, 40));
        let topics = &parallel.bank.unwrap().topics;
        assert!(topics.iter().all(|t| t.count == 2), "{topics:?}");
    }
}
