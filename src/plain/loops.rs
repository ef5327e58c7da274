//! A loop in plain mode: each round run as a mock (questions, follow-ups,
//! its debrief), a break line between rounds (an empty line goes on,
//! `/quit` ends the loop there), and the scorecard as lines at the end.

use std::io::{self, Write};

use super::{Read, play, read_line, report};
use crate::bank::{Bank, Level, Loop};
use crate::cli::settings::{Settings, StartSettings};
use crate::history::recorder::Recorder;
use crate::output::prose::Prose;
use crate::round::clock::SystemClock;
use crate::round::scorecard::{Scorecard, scorecard};
use crate::round::{Clock, Item, Round};
use crate::text::percent;

/// `drill mock --loop ID --plain`.
pub fn run(
    bank: &Bank,
    lp: &Loop,
    start: &StartSettings,
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(jiff::Timestamp::now);
    let clock = SystemClock::default();
    let mut recorder = Recorder::open(&settings.data_dir, now, clock.now(), start.seed, "plain");
    recorder.begin_loop(&lp.id, &lp.title);
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let played = rounds(bank, lp, start, &clock, &mut input, settings, out, &mut recorder);
    report(played, &mut recorder, out)
}

#[allow(clippy::too_many_arguments)]
fn rounds(
    bank: &Bank,
    lp: &Loop,
    start: &StartSettings,
    clock: &dyn Clock,
    input: &mut dyn io::BufRead,
    settings: &Settings,
    out: &mut dyn Write,
    recorder: &mut Recorder,
) -> anyhow::Result<()> {
    let drawn = crate::round::draw::draw_loop(bank, lp, start.seed);
    let minutes: u32 = lp.rounds.iter().map(|r| r.minutes).sum();
    {
        let mut w = Prose::new(out, &settings.output);
        let head = format!(
            "{} · {} · {minutes} min · seed {}",
            lp.title,
            crate::text::count(lp.rounds.len(), "round", "rounds"),
            start.seed
        );
        let head = w.p.bold(&head);
        w.line(&head)?;
        w.line(&lp.summary)?;
    }
    let mut done: Vec<Vec<Item>> = Vec::new();
    for (i, (r, questions)) in lp.rounds.iter().zip(drawn).enumerate() {
        {
            let mut w = Prose::new(out, &settings.output);
            w.line("")?;
            let head = format!("Round {}/{} · {} · {} · {} min", i + 1, lp.rounds.len(), r.title, r.signal, r.minutes);
            let head = w.p.heading(&head);
            w.line(&head)?;
        }
        if questions.is_empty() {
            writeln!(out, "No question matches this round's filters; it is left out.")?;
            done.push(Vec::new());
            continue;
        }
        let round_start =
            StartSettings { count: questions.len(), seed: start.seed.wrapping_add(i as u64), ..start.clone() };
        recorder.loop_round(round_start.seed, &r.signal);
        let round = Round::new(questions.into_iter().cloned().collect(), round_start.round_settings());
        let (round, _) = play(round, &round_start, clock, input, &settings.output, out, Some(recorder))?;
        done.push(round.items().to_vec());
        if i + 1 < lp.rounds.len() {
            let next = &lp.rounds[i + 1];
            writeln!(out)?;
            writeln!(
                out,
                "Break. Next: {} ({} min, {}). An empty line starts it; /quit ends the loop here.",
                next.title,
                next.minutes,
                crate::text::count(next.count as usize, "question", "questions")
            )?;
            match read_line(input, out)? {
                Read::Line(l) if l.trim().is_empty() => {}
                _ => break,
            }
        }
    }
    let card = scorecard(lp, &done, start.level.unwrap_or(Level::Senior));
    print(&card, out, settings)?;
    recorder.finish_loop(&card, clock.now());
    Ok(())
}

/// The scorecard as lines.
pub fn print(card: &Scorecard, out: &mut dyn Write, settings: &Settings) -> io::Result<()> {
    let mut w = Prose::new(out, &settings.output);
    w.line("")?;
    let head = w.p.heading(&format!("Scorecard · {}", card.title));
    w.line(&head)?;
    for s in &card.signals {
        let score = s.mean_score.map_or("not scored".to_string(), percent);
        let level = match (s.graded, s.landed) {
            (0, _) => String::new(),
            (_, Some(l)) => format!(" · landed at {l}"),
            (_, None) => " · below junior".to_string(),
        };
        w.line(&format!("  {}: {score}{level}", s.signal))?;
        for p in &s.weakest {
            w.line(&format!("    - {p}"))?;
        }
    }
    let overall = card.mean_score.map_or("-".to_string(), percent);
    let level = card.landed.map_or("below junior".to_string(), |l| format!("at {l}"));
    w.line(&format!("Overall {overall}, landed {level} · for {}: {}", card.target, card.recommendation))?;
    w.line(&format!("  {}", card.reason))?;
    Ok(())
}
