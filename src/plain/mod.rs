//! Plain mode: a round line by line, for screen readers, dumb terminals,
//! scripts and tests. Timing is measured and reported, never enforced.
//!
//! Protocol per question: a header and the prompt; the answer is read as
//! lines until an empty line (an empty first line means "answered out
//! loud", `/skip` skips); then the model answer and numbered key points,
//! and a line naming the points covered (`1 3`, `1-3`, `all`, `none`).
//! End of input ends the round cleanly with what was graded.
//!
//! A front end: it uses `bank`, `round`, `history` (to save), the settings
//! and text output; never the terminal.

use std::io::{self, BufRead, Write};
use std::time::Duration;

use crate::bank::Bank;
use crate::cli::settings::{Output, Settings, StartSettings};
use crate::history::recorder::Recorder;
use crate::history::select::{self, Choice};
use crate::output::prose::Prose;
use crate::round::clock::SystemClock;
use crate::round::policy;
use crate::round::{Clock, Round, Summary};
use crate::text::{clock as mmss, percent};

/// `drill start` in plain mode, reading answers from stdin and saving each
/// graded answer to the history as it happens.
pub fn start(bank: &Bank, start: &StartSettings, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(jiff::Timestamp::now);
    let questions = match select::choose(bank, start.draw(), &settings.data_dir, now)? {
        Choice::Questions(q) => q,
        Choice::NothingDue(message) => {
            writeln!(out, "{message}")?;
            return Ok(());
        }
    };
    let round = Round::new(questions.into_iter().cloned().collect(), start.round_settings());
    let clock = SystemClock::default();
    let mut recorder = Recorder::open(&settings.data_dir, now, clock.now(), start.seed, "plain");
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let played = play(round, start, &clock, &mut input, &settings.output, out, Some(&mut recorder));
    let lost = recorder.finish();
    played?;
    match lost {
        Some(lost) => {
            out.flush()?;
            crate::note(format_args!("drill: error: {lost}"));
            Err(crate::Error::Unsaved { count: recorder.unsaved() }.into())
        }
        None => Ok(()),
    }
}

/// Saves a done item and prints any new warning.
fn save(
    recorder: Option<&mut Recorder>,
    round: &Round,
    level: crate::bank::Level,
    now: Duration,
    w: &mut Prose<'_>,
) -> io::Result<()> {
    let Some(rec) = recorder else { return Ok(()) };
    let before = rec.warning.clone();
    if let Some(item) = round.items().get(round.index().wrapping_sub(1)) {
        rec.record(item, level, now);
    }
    if rec.warning != before
        && let Some(warning) = &rec.warning
    {
        let line = w.p.warn(&format!("warning: {warning}"));
        w.line(&line)?;
    }
    Ok(())
}

enum Read {
    Line(String),
    Eof,
}

/// The most an answer may hold, as a bank field may.
pub const MAX_ANSWER_BYTES: usize = crate::bank::parse::MAX_TEXT_BYTES;
/// Lines not understood in a row before the round gives up on its input.
const MAX_RETRIES: usize = 10;

/// Reads one line, at most [`MAX_ANSWER_BYTES`] of it (a stream without
/// newlines, like `/dev/zero`, is read in pieces, never whole).
fn read_line(input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<Read> {
    out.flush()?;
    let mut line = Vec::new();
    if io::Read::take(&mut *input, MAX_ANSWER_BYTES as u64 + 1).read_until(b'\n', &mut line)? == 0 {
        return Ok(Read::Eof);
    }
    let text = String::from_utf8_lossy(&line);
    Ok(Read::Line(text.trim_end_matches(['\n', '\r']).to_string()))
}

/// Parses the covered-points line: numbers and ranges (`1 3`, `2-4`,
/// commas allowed), `all` or `none`. `None` when it is not understood.
pub fn parse_covered(line: &str, points: usize) -> Option<Vec<bool>> {
    let line = line.trim().to_lowercase();
    match line.as_str() {
        "all" | "a" => return Some(vec![true; points]),
        "none" | "0" | "-" => return Some(vec![false; points]),
        "" => return None,
        _ => {}
    }
    let mut covered = vec![false; points];
    for token in line.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        let (lo, hi) = match token.split_once('-') {
            Some((a, b)) => (a.parse::<usize>().ok()?, b.parse::<usize>().ok()?),
            None => {
                let n = token.parse::<usize>().ok()?;
                (n, n)
            }
        };
        if lo == 0 || hi > points || lo > hi {
            return None;
        }
        covered[lo - 1..hi].iter_mut().for_each(|c| *c = true);
    }
    Some(covered)
}

fn numbers(covered: &[bool]) -> String {
    let n: Vec<String> = covered.iter().enumerate().filter(|(_, c)| **c).map(|(i, _)| (i + 1).to_string()).collect();
    if n.is_empty() { "none".into() } else { n.join(" ") }
}

/// Runs `round` over `input`, saving each done question through
/// `recorder`; returns the summary it printed.
pub fn play(
    mut round: Round,
    start: &StartSettings,
    clock: &dyn Clock,
    input: &mut dyn BufRead,
    output: &Output,
    out: &mut dyn Write,
    mut recorder: Option<&mut Recorder>,
) -> anyhow::Result<Summary> {
    let mut w = Prose::new(out, output);
    if let Some(warning) = recorder.as_ref().and_then(|r| r.warning.as_ref()) {
        let line = w.p.warn(&format!("warning: {warning}"));
        w.line(&line)?;
    }
    let total = round.len();
    let intro =
        format!("drill · {total} {} · seed {}", crate::text::plural(total, "question", "questions"), start.seed);
    let intro = w.p.bold(&intro);
    w.line(&intro)?;
    if total < start.count {
        w.line(&format!(
            "Only {total} {} the filters, so the round has {total}.",
            crate::text::plural(total, "question matches", "questions match")
        ))?;
    }
    round.start(clock.now());
    'questions: while let Some(item) = round.current() {
        let q = item.question.clone();
        let number = round.index() + 1;
        let limit = item.limit;
        w.line("")?;
        let header =
            format!("Question {number}/{total} · {} · {} · {}", q.topic, q.difficulty, crate::bank::TimeLimit(limit));
        let header = w.p.heading(&header);
        w.line(&header)?;
        let title = w.p.bold(&q.title);
        w.line(&title)?;
        w.line("")?;
        w.body(&q.prompt)?;
        w.line("")?;
        let hint = w.p.dim(
            "Type your answer; an empty line ends it. An empty first line means you answered out loud; /skip skips.",
        );
        w.line(&hint)?;
        let mut answer: Vec<String> = Vec::new();
        let mut size = 0;
        loop {
            if size > MAX_ANSWER_BYTES {
                // Not an answer anyone typed (`yes |`, `/dev/zero`): stop
                // reading instead of growing without end.
                let limit = MAX_ANSWER_BYTES / 1024;
                w.line(&format!("This answer passed {limit} KiB without an empty line; the round ends here."))?;
                break 'questions;
            }
            match read_line(input, w_out(&mut w))? {
                Read::Eof => break 'questions,
                Read::Line(l) if l.trim().is_empty() => break,
                Read::Line(l) if answer.is_empty() && l.trim() == "/skip" => {
                    let o = round.skip(clock.now()).expect("asking");
                    w.line(&format!("Skipped after {}.", mmss(o.time_used)))?;
                    save(recorder.as_deref_mut(), &round, round.level_for(&q), clock.now(), &mut w)?;
                    continue 'questions;
                }
                Read::Line(l) => {
                    size += l.len() + 1;
                    answer.push(l);
                }
            }
        }
        round.set_answer(answer.join("\n"));
        round.reveal(clock.now());
        let item = round.current().expect("revealed");
        let used = item.elapsed(clock.now());
        let timing = if item.overtime {
            w.p.warn(&format!("Answered in {} of {} · over time", mmss(used), mmss(limit)))
        } else {
            w.p.good(&format!("Answered in {} of {}", mmss(used), mmss(limit)))
        };
        w.line("")?;
        w.line(&timing)?;
        w.heading("Short answer")?;
        w.body(&q.short_answer)?;
        w.answer(&q, round.level_for(&q))?;
        w.stages(&q)?;
        w.heading("Key points")?;
        let tagged: Vec<String> = q.key_points.iter().map(|k| k.tagged()).collect();
        w.numbered(&tagged)?;
        let suggested = item.covered.clone();
        let n = q.key_points.len();
        // What earned each pre-tick: the answer's own words.
        for (i, words) in item.evidence.iter().enumerate().filter(|(i, e)| suggested[*i] && !e.is_empty()) {
            let line = w.p.dim(&format!("  {} ← “{}”", i + 1, words.join(" … ")));
            w.line(&line)?;
        }
        w.line("")?;
        let mut ask = String::from("Which key points did you cover? Numbers like `1 3`, `all` or `none`");
        if suggested.iter().any(|c| *c) {
            ask.push_str(&format!(" (your answer mentions: {})", numbers(&suggested)));
        }
        w.line(&format!("{ask}:"))?;
        let mut tries = 0;
        let covered = loop {
            if tries == MAX_RETRIES {
                w.line(&format!("{MAX_RETRIES} lines in a row were not key point numbers; the round ends here."))?;
                break 'questions;
            }
            tries += 1;
            match read_line(input, w_out(&mut w))? {
                Read::Eof => break 'questions,
                Read::Line(l) => match parse_covered(&l, n) {
                    Some(c) => break c,
                    None => w.line(&format!(
                        "Please answer with numbers from 1 to {n} (like `1 3` or `2-4`), `all` or `none`."
                    ))?,
                },
            }
        };
        round.set_points(covered);
        let outcome = round.grade(clock.now()).expect("revealed");
        save(recorder.as_deref_mut(), &round, round.level_for(&q), clock.now(), &mut w)?;
        let score =
            format!("Covered {} of {} key points ({}).", outcome.covered, outcome.total, percent(outcome.score()));
        let score = if !policy::is_weak(outcome.score()) { w.p.good(&score) } else { w.p.warn(&score) };
        w.line(&score)?;
        w.mistakes(&q)?;
        w.follow_ups(&q)?;
        w.example(&q)?;
    }
    let summary = round.summary();
    print_summary(&mut w, &round, &summary, start)?;
    Ok(summary)
}

fn w_out<'a>(w: &'a mut Prose<'_>) -> &'a mut dyn Write {
    w.writer()
}

fn print_summary(w: &mut Prose<'_>, round: &Round, summary: &Summary, start: &StartSettings) -> io::Result<()> {
    w.line("")?;
    let title = w.p.heading(&format!("Round summary · seed {}", start.seed));
    w.line(&title)?;
    for (i, (item, s)) in round.items().iter().zip(&summary.items).enumerate() {
        let result = match &s.outcome {
            None => "not attempted".to_string(),
            Some(o) if o.skipped => format!("{:<15}{} / {}", "skipped", mmss(o.time_used), mmss(s.limit)),
            Some(o) => format!(
                "{:<15}{} / {}{}",
                format!("{}/{} {}", o.covered, o.total, percent(o.score())),
                mmss(o.time_used),
                mmss(s.limit),
                if o.overtime { " over" } else { "" }
            ),
        };
        // Padded by display width: a wide character takes two columns.
        w.line(&format!("  {:>2}. {}  {}", i + 1, crate::text::fit(&item.question.title, 32), result))?;
    }
    if !summary.topics.is_empty() {
        w.heading("By topic")?;
        for t in &summary.topics {
            w.line(&format!(
                "  {} {} · {}",
                crate::text::fit(&t.topic, 16),
                crate::text::count(t.questions, "question", "questions"),
                percent(t.mean_score)
            ))?;
        }
    }
    w.line("")?;
    match summary.mean_score {
        Some(m) => {
            let attempted = summary.items.len() - summary.not_attempted;
            w.line(&format!(
                "Overall {} over {attempted} of {} questions · {} used",
                percent(m),
                summary.items.len(),
                mmss(summary.time_used)
            ))?
        }
        None => w.line("Nothing was graded this round.")?,
    }
    let weakest = summary.weakest_points(5);
    if !weakest.is_empty() {
        w.heading("Weakest points")?;
        for (id, point) in weakest {
            w.line(&format!("  - {point} ({id})"))?;
        }
    }
    w.line("")?;
    w.line(&format!("Replay this round: {}", start.replay_command()))?;
    let mut topics: Vec<&str> =
        summary.topics.iter().filter(|t| policy::is_weak(t.mean_score)).map(|t| t.topic.as_str()).collect();
    topics.dedup();
    if !topics.is_empty() {
        let args: String = topics.iter().map(|t| format!(" --topic {t}")).collect();
        w.line(&format!("Drill the weak topics: drill start{args}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covered_lines_parse() {
        assert_eq!(parse_covered("1 3", 4), Some(vec![true, false, true, false]));
        assert_eq!(parse_covered("2-4", 4), Some(vec![false, true, true, true]));
        assert_eq!(parse_covered("1,2", 3), Some(vec![true, true, false]));
        assert_eq!(parse_covered("ALL", 2), Some(vec![true, true]));
        assert_eq!(parse_covered("none", 2), Some(vec![false, false]));
        for bad in ["", "5", "0 1", "x", "3-1", "1-9"] {
            assert_eq!(parse_covered(bad, 4), None, "{bad:?}");
        }
    }
}
