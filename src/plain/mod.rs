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

use crate::bank::Bank;
use crate::cli::settings::{Output, Settings, StartSettings};
use crate::history::recorder::Recorder;
use crate::history::select::{self, Choice};
use crate::output::prose::Prose;
use crate::round::clock::SystemClock;
use crate::round::policy;
use crate::round::{Clock, Confidence, Mark, Phase, Round, Step, Summary};
use crate::text::{clock as mmss, percent};

pub mod loops;
pub mod misses;

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
    recorder.cram = start.cram;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let played = play(round, start, &clock, &mut input, &settings.output, out, Some(&mut recorder));
    report(played.map(|_| ()), &mut recorder, out)
}

/// Ends a run in plain mode: an error as it is; answers that could not be
/// saved are printed (so nothing typed is lost) and make it an error.
fn report(played: anyhow::Result<()>, recorder: &mut Recorder, out: &mut dyn Write) -> anyhow::Result<()> {
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
/// `recorder`; returns the round as it ended and the summary it printed.
pub fn play(
    mut round: Round,
    start: &StartSettings,
    clock: &dyn Clock,
    input: &mut dyn BufRead,
    output: &Output,
    out: &mut dyn Write,
    recorder: Option<&mut Recorder>,
) -> anyhow::Result<(Round, Summary)> {
    let mut w = Prose::new(out, output);
    if let Some(warning) = recorder.as_ref().and_then(|r| r.warning.as_ref()) {
        let line = w.p.warn(&format!("warning: {warning}"));
        w.line(&line)?;
    }
    let total = round.len();
    let what = if round.is_mock() { "mock interview" } else { "drill" };
    let intro =
        format!("{what} · {total} {} · seed {}", crate::text::plural(total, "question", "questions"), start.seed);
    let intro = w.p.bold(&intro);
    w.line(&intro)?;
    if round.is_mock() {
        w.line("Nothing is revealed until the debrief at the end; /quit goes to it at once.")?;
    }
    if total < start.count {
        w.line(&format!(
            "Only {total} {} the filters, so the round has {total}.",
            crate::text::plural(total, "question matches", "questions match")
        ))?;
    }
    round.start(clock.now());
    let mut p = Plain { round, clock, input, w, recorder, leeches: &start.leeches };
    p.run()?;
    let summary = p.round.summary();
    print_summary(&mut p.w, &p.round, &summary, start)?;
    // A loop's rounds go straight on; its break comes next.
    if start.loop_id.is_none() {
        misses::offer(&p.round, p.input, &mut p.w)?;
    }
    Ok((p.round, summary))
}

/// A round in progress over lines of input.
struct Plain<'a, 'w> {
    round: Round,
    clock: &'a dyn Clock,
    input: &'a mut dyn BufRead,
    w: Prose<'w>,
    recorder: Option<&'a mut Recorder>,
    leeches: &'a [String],
}

/// Why reading stopped: the input ended or was not understood, or the
/// candidate quit a mock.
enum Stop {
    End,
    Quit,
}

impl Plain<'_, '_> {
    fn run(&mut self) -> anyhow::Result<()> {
        while let Some(item) = self.round.current() {
            let phase = item.phase;
            match phase {
                Phase::Revealed => {
                    if self.debrief()?.is_err() {
                        return Ok(());
                    }
                }
                _ => match self.ask()? {
                    Ok(()) => {}
                    Err(Stop::Quit) => self.round.end_asking(self.clock.now()),
                    Err(Stop::End) if self.round.is_mock() => {
                        // Input ended mid-mock: debrief what was answered,
                        // as far as the input goes.
                        self.round.end_asking(self.clock.now());
                    }
                    Err(Stop::End) => return Ok(()),
                },
            }
        }
        Ok(())
    }

    fn line(&mut self) -> io::Result<Read> {
        read_line(self.input, self.w.writer())
    }

    /// Reads an answer: lines until an empty one. `/skip` first skips,
    /// `/hint` shows a stage's hint, `/quit` ends a mock's asking.
    fn answer(&mut self) -> anyhow::Result<Result<Option<String>, Stop>> {
        let mut answer: Vec<String> = Vec::new();
        let mut size = 0;
        loop {
            if size > MAX_ANSWER_BYTES {
                // Not an answer anyone typed (`yes |`, `/dev/zero`): stop
                // reading instead of growing without end.
                let limit = MAX_ANSWER_BYTES / 1024;
                self.w.line(&format!("This answer passed {limit} KiB without an empty line; the round ends here."))?;
                return Ok(Err(Stop::End));
            }
            match self.line()? {
                Read::Eof => return Ok(Err(Stop::End)),
                Read::Line(l) if l.trim().is_empty() => return Ok(Ok(Some(answer.join("\n")))),
                Read::Line(l) if answer.is_empty() && l.trim() == "/skip" => return Ok(Ok(None)),
                Read::Line(l) if l.trim() == "/quit" && self.round.is_mock() => {
                    self.round.set_answer(answer.join("\n"));
                    return Ok(Err(Stop::Quit));
                }
                Read::Line(l) if l.trim() == "/hint" => {
                    if self.round.take_hint() {
                        let item = self.round.current().expect("asking");
                        if let (Step::Stage(i), Some(_)) = (item.step, item.part()) {
                            let hint = item.question.stages[i].hint.clone().unwrap_or_default();
                            let line = self.w.p.warn("Hint (this stage now scores at most half):");
                            self.w.line(&line)?;
                            self.w.body(&hint)?;
                        }
                    } else {
                        self.w.line("No hint here.")?;
                    }
                }
                Read::Line(l) => {
                    size += l.len() + 1;
                    answer.push(l);
                }
            }
        }
    }

    /// Asks what the round asks now: the prompt or a stage, the
    /// confidence, a follow-up.
    fn ask(&mut self) -> anyhow::Result<Result<(), Stop>> {
        let item = self.round.current().expect("a current question");
        let (q, step, phase) = (item.question.clone(), item.step, item.phase);
        let (number, total) = (self.round.index() + 1, self.round.len());
        if phase == Phase::Rating {
            return self.rate();
        }
        match step {
            Step::Main | Step::Stage(0)
                if item.current_answer().is_empty() && !matches!(step, Step::Stage(i) if i > 0) =>
            {
                self.w.line("")?;
                let limit = crate::bank::TimeLimit(item.limit);
                let header = format!("Question {number}/{total} · {} · {} · {limit}", q.topic, q.difficulty);
                let header = self.w.p.heading(&header);
                self.w.line(&header)?;
                let title = self.w.p.bold(&q.title);
                self.w.line(&title)?;
                self.w.line("")?;
                self.w.body(&q.prompt)?;
            }
            _ => {}
        }
        match step {
            Step::Stage(i) => {
                let stage = &q.stages[i];
                self.w.line("")?;
                let head = format!("Stage {}/{} · {} · {}", i + 1, q.stages.len(), stage.title, stage.time);
                let head = self.w.p.heading(&head);
                self.w.line(&head)?;
                self.w.body(&stage.prompt)?;
                let more = if i + 1 < q.stages.len() { "the next stage follows" } else { "that ends the round" };
                let hint = if stage.hint.is_some() { "; /hint shows a hint (it caps this stage)" } else { "" };
                let tip = self.w.p.dim(&format!("Type your answer; an empty line ends it and {more}{hint}."));
                self.w.line(&tip)?;
            }
            Step::FollowUp(i) => {
                let part = &item.follow_ups[i];
                let f = &q.follow_ups[part.index];
                self.w.line("")?;
                let head =
                    format!("Follow-up {}/{} · {}", i + 1, item.follow_ups.len(), crate::bank::TimeLimit(part.limit));
                let head = self.w.p.heading(&head);
                self.w.line(&head)?;
                self.w.body(&f.prompt)?;
                let tip = self.w.p.dim("Type your answer; an empty line ends it; /skip leaves it unanswered.");
                self.w.line(&tip)?;
            }
            Step::Main => {
                self.w.line("")?;
                let tip = self.w.p.dim(
                    "Type your answer; an empty line ends it. An empty first line means you answered out loud; /skip skips.",
                );
                self.w.line(&tip)?;
            }
        }
        let answer = match self.answer()? {
            Ok(a) => a,
            Err(stop) => return Ok(Err(stop)),
        };
        let now = self.clock.now();
        let Some(answer) = answer else {
            let at = self.round.index();
            if let Some(o) = self.round.skip(now) {
                self.w.line(&format!("Skipped after {}.", mmss(o.time_used)))?;
                self.save(at)?;
            }
            return Ok(Ok(()));
        };
        self.round.set_answer(answer);
        match step {
            Step::Stage(_) => self.round.next_stage(now),
            _ => self.round.reveal(now),
        }
        if let Some(item) = self.round.current()
            && item.phase == Phase::Revealed
            && !self.round.is_mock()
        {
            let used = item.answer_time(now);
            let timing = if item.overtime {
                self.w.p.warn(&format!("Answered in {} of {} · over time", mmss(used), mmss(item.limit)))
            } else {
                self.w.p.good(&format!("Answered in {} of {}", mmss(used), mmss(item.limit)))
            };
            self.w.line("")?;
            self.w.line(&timing)?;
        }
        Ok(Ok(()))
    }

    /// How sure are you? 1-4, or an empty line to skip.
    fn rate(&mut self) -> anyhow::Result<Result<(), Stop>> {
        self.w.line("")?;
        self.w.line("How sure are you? 1 no idea, 2 unsure, 3 fairly sure, 4 certain (an empty line skips):")?;
        for _ in 0..MAX_RETRIES {
            match self.line()? {
                Read::Eof => return Ok(Err(Stop::End)),
                Read::Line(l) if l.trim().is_empty() => {
                    self.round.rate(None, self.clock.now());
                    return Ok(Ok(()));
                }
                Read::Line(l) => match l.trim().parse::<u8>().ok().and_then(Confidence::new) {
                    Some(c) => {
                        self.round.rate(Some(c), self.clock.now());
                        return Ok(Ok(()));
                    }
                    None => self.w.line("Please answer 1, 2, 3 or 4, or an empty line to skip.")?,
                },
            }
        }
        self.w.line(&format!("{MAX_RETRIES} lines in a row were not a rating; the round ends here."))?;
        Ok(Err(Stop::End))
    }

    /// The reveal (practice) or debrief (mock) of the current question:
    /// model answers, the checklist to confirm, the follow-up marks.
    fn debrief(&mut self) -> anyhow::Result<Result<(), Stop>> {
        let at = self.round.index();
        let item = self.round.current().expect("revealed").clone();
        let q = &item.question;
        let level = self.round.level_for(q);
        let w = &mut self.w;
        if self.round.is_mock() {
            w.line("")?;
            let head = format!("Debrief {}/{} · {}", at + 1, self.round.len(), q.title);
            let head = w.p.heading(&head);
            w.line(&head)?;
            if item.stages.is_empty() {
                w.heading("Your answer")?;
                if item.answer.trim().is_empty() {
                    w.line("(answered out loud)")?;
                } else {
                    w.indented(&item.answer, "  ")?;
                }
            }
        }
        if let Some(c) = item.confidence {
            w.line(&format!("You said you were: {} ({}/4)", c.label(), c.get()))?;
        }
        let clock = item.elapsed(self.clock.now());
        for part in &item.stages {
            let stage = &q.stages[part.index];
            w.heading(&item.stage_heading(part, clock))?;
            w.labelled("You said: ", if part.answer.trim().is_empty() { "(answered out loud)" } else { &part.answer })?;
            w.labelled("Model answer: ", &stage.answer)?;
        }
        // A leech opens on its mistakes: they are what keeps slipping.
        let leech = self.leeches.iter().any(|id| *id == *q.id);
        if leech {
            let line = w.p.warn("This question keeps slipping: its common mistakes first.");
            w.line(&line)?;
            w.mistakes(q)?;
        }
        w.heading("Short answer")?;
        w.body(&q.short_answer)?;
        w.answer(q, level)?;
        if item.stages.is_empty() {
            w.stages(q)?;
        }
        w.heading("Key points")?;
        let tagged: Vec<String> = item
            .points()
            .iter()
            .map(|(stage, k)| match stage {
                Some(s) => format!("(stage {}) {}", s + 1, k.tagged()),
                None => k.tagged(),
            })
            .collect();
        w.numbered(&tagged)?;
        let suggested = item.covered.clone();
        let n = tagged.len();
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
                self.w
                    .line(&format!("{MAX_RETRIES} lines in a row were not key point numbers; the round ends here."))?;
                return Ok(Err(Stop::End));
            }
            tries += 1;
            match self.line()? {
                Read::Eof => return Ok(Err(Stop::End)),
                Read::Line(l) => match parse_covered(&l, n) {
                    Some(c) => break c,
                    None => self.w.line(&format!(
                        "Please answer with numbers from 1 to {n} (like `1 3` or `2-4`), `all` or `none`."
                    ))?,
                },
            }
        };
        self.round.set_points(covered);
        for (i, part) in item.follow_ups.iter().enumerate() {
            let f = &q.follow_ups[part.index];
            let w = &mut self.w;
            w.heading(&format!("Follow-up {}", i + 1))?;
            w.body(&f.prompt)?;
            w.labelled("You said: ", if part.answer.trim().is_empty() { "(nothing)" } else { &part.answer })?;
            w.labelled("Model answer: ", &f.answer)?;
            if !part.evidence.is_empty() {
                let line = w.p.dim(&format!("  ← “{}”", part.evidence.join(" … ")));
                w.line(&line)?;
            }
            let suggested = part.mark;
            w.line(&format!(
                "How did it land? covered, partly or missed (c/p/m; an empty line keeps {}):",
                suggested.as_str()
            ))?;
            let mark = loop {
                match self.line()? {
                    Read::Eof => return Ok(Err(Stop::End)),
                    Read::Line(l) => match parse_mark(&l) {
                        Some(m) => break m.unwrap_or(suggested),
                        None => self.w.line("Please answer c, p or m, or an empty line.")?,
                    },
                }
            };
            self.round.set_mark(i, mark);
        }
        let outcome = self.round.grade(self.clock.now()).expect("revealed");
        self.save(at)?;
        let w = &mut self.w;
        let score =
            format!("Covered {} of {} key points ({}).", outcome.covered, outcome.total, percent(outcome.score()));
        let score = if !policy::is_weak(outcome.score()) { w.p.good(&score) } else { w.p.warn(&score) };
        w.line(&score)?;
        if !leech {
            w.mistakes(q)?;
        }
        if item.follow_ups.is_empty() {
            w.follow_ups(q)?;
        }
        w.example(q)?;
        Ok(Ok(()))
    }

    /// Saves item `at` once done, and prints any new warning.
    fn save(&mut self, at: usize) -> io::Result<()> {
        let Some(rec) = self.recorder.as_deref_mut() else { return Ok(()) };
        let before = rec.warning.clone();
        let item = &self.round.items()[at];
        rec.record(item, self.round.level_for(&item.question), self.clock.now());
        if rec.warning != before
            && let Some(warning) = &rec.warning
        {
            let line = self.w.p.warn(&format!("warning: {warning}"));
            self.w.line(&line)?;
        }
        Ok(())
    }
}

/// A follow-up's mark from a line: `c`, `p`, `m` or the words; `Some(None)`
/// for an empty line (keep the suggestion); `None` when not understood.
fn parse_mark(line: &str) -> Option<Option<Mark>> {
    match line.trim().to_lowercase().as_str() {
        "" => Some(None),
        "c" | "covered" => Some(Some(Mark::Covered)),
        "p" | "partly" => Some(Some(Mark::Partly)),
        "m" | "missed" => Some(Some(Mark::Missed)),
        _ => None,
    }
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
    if round.is_mock()
        && let Some(v) = round.verdict()
    {
        w.heading("Level verdict")?;
        w.line(&format!("  {}", v.sentence()))?;
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
