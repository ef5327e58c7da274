//! `drill stats` and `drill history`: progress, the answer journal, and
//! clearing the history.

use std::io::{self, BufRead, IsTerminal, Write};

use jiff::Timestamp;

use crate::Error;
use crate::bank::Bank;
use crate::cli::args::Format;
use crate::cli::settings::Settings;
use crate::history::{Scope, Store, query, stats::Stats};
use crate::output::Painter;
use crate::round::policy;
use crate::text;
use crate::text::{clock, percent};

fn ms_clock(ms: i64) -> String {
    clock(std::time::Duration::from_millis(ms.max(0) as u64))
}

fn local(t: Timestamp) -> String {
    t.to_zoned(crate::zone::local()).strftime("%Y-%m-%d %H:%M").to_string()
}

/// The history, if one exists yet (reading never creates it).
fn existing(settings: &Settings) -> anyhow::Result<Option<Store>> {
    let dir = &settings.data_dir;
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "the data directory `{}` is a file, not a directory; point --data-dir (or DRILL_DATA_DIR) at a directory",
            dir.display()
        );
    }
    if !dir.join(crate::history::store::FILE).exists() {
        return Ok(None);
    }
    Ok(Some(Store::open(&settings.data_dir)?))
}

/// `drill stats`; `known` tells which question ids the loaded bank has, so
/// due counts leave out questions no longer in it.
pub fn stats(
    known: &dyn Fn(&str) -> bool,
    scope: &Scope,
    format: Format,
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let s = match existing(settings)? {
        Some(store) => crate::history::stats::stats(&store, scope, now, known)?,
        None => empty_stats(),
    };
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &s)?;
        writeln!(out)?;
        return Ok(());
    }
    print_stats(&s, scope, now, &Painter::new(&settings.output), out)?;
    Ok(())
}

fn empty_stats() -> Stats {
    Stats {
        rounds: 0,
        attempts: 0,
        skipped: 0,
        mean_score: None,
        time_used_ms: 0,
        time_limit_ms: 0,
        overtime_rate: None,
        streak_days: 0,
        due: 0,
        due_this_week: 0,
        next_due: None,
        topics: Vec::new(),
        weakest: Vec::new(),
        days: Vec::new(),
        calibration: Default::default(),
        loops: Vec::new(),
        readiness_on_day: None,
        leeches: Vec::new(),
    }
}

fn print_stats(s: &Stats, scope: &Scope, now: Timestamp, p: &Painter, out: &mut dyn Write) -> io::Result<()> {
    let mut title = String::from("drill stats");
    if let Some(t) = &scope.topic {
        title.push_str(&format!(" · {}", text::sanitize_line(t)));
    }
    if let Some(since) = scope.since {
        title.push_str(&format!(" · since {}", local(since)));
    }
    writeln!(out, "{}", p.heading(&title))?;
    if s.attempts == 0 {
        writeln!(out, "No attempts yet. Start with `drill start --topic backend`; every graded answer is kept here.")?;
        return Ok(());
    }
    let mean = s.mean_score.map_or("-".into(), percent);
    writeln!(
        out,
        "Rounds {} · attempts {} ({} skipped) · mean score {} · time {} of {} · over time {}",
        s.rounds,
        s.attempts,
        s.skipped,
        p.bold(&mean),
        ms_clock(s.time_used_ms),
        ms_clock(s.time_limit_ms),
        s.overtime_rate.map_or("-".into(), percent)
    )?;
    let next = match s.next_due {
        Some(at) => format!(" · next due in {}", crate::history::select::until(now, at)),
        None => String::new(),
    };
    writeln!(
        out,
        "Streak {} {} · due now {} · due this week {}{next}",
        s.streak_days,
        crate::text::plural(s.streak_days as usize, "day", "days"),
        p.bold(&s.due.to_string()),
        s.due_this_week
    )?;
    writeln!(out)?;
    let w = s.topics.iter().map(|t| text::width(&t.topic)).max().unwrap_or(5).max(5);
    // The recall the review schedule predicts right now: high just after
    // a round whatever the score, so it is named for what it is.
    writeln!(out, "{}", p.dim(&format!("{:<w$}  attempts  score  last practised    recall now", "topic")))?;
    for t in &s.topics {
        let score = percent(t.mean_score);
        let ready = t.readiness.map_or("-".into(), percent);
        let score = if !policy::is_weak(t.mean_score) {
            p.good(&format!("{score:>5}"))
        } else {
            p.warn(&format!("{score:>5}"))
        };
        writeln!(out, "{:<w$}  {:>8}  {score}  {}  {:>9}", t.topic, t.attempts, local(t.last_practised), ready)?;
    }
    if !s.weakest.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", p.heading("Weakest questions"))?;
        for q in &s.weakest {
            writeln!(
                out,
                "  {:>4}  {}  {} ({} {})",
                percent(q.mean_score),
                q.id,
                q.title,
                q.attempts,
                crate::text::plural(q.attempts as usize, "attempt", "attempts")
            )?;
        }
    }
    print_calibration(&s.calibration, p, out)?;
    if !s.leeches.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", p.heading("Leeches: missed again and again (their reveal opens on the mistakes)"))?;
        for (id, lapses) in &s.leeches {
            writeln!(out, "  {id} ({lapses} lapses)")?;
        }
    }
    if let Some(r) = &s.readiness_on_day {
        writeln!(out)?;
        writeln!(out, "{}", p.heading(&format!("Readiness on {} (the plan's interview day)", r.interview)))?;
        for (topic, recall, n) in &r.topics {
            writeln!(
                out,
                "  {:<16} {:>4} predicted recall over {}",
                topic,
                percent(*recall),
                crate::text::count(*n, "question", "questions")
            )?;
        }
    }
    if let Some(card) = s.loops.first() {
        print_latest_loop(card, p, out)?;
    }
    if s.loops.len() > 1 {
        print_loops_over_time(&s.loops, p, out)?;
    }
    writeln!(out)?;
    if s.due > 0 {
        writeln!(out, "Next: `drill review` ({} due).", s.due)?;
    } else if let Some(weak) = s.topics.iter().min_by(|a, b| a.mean_score.total_cmp(&b.mean_score)) {
        writeln!(out, "Next: `drill start --topic {}` (your lowest score).", weak.topic)?;
    }
    Ok(())
}

/// The latest loop's scorecard, read back from the history's JSON.
fn print_latest_loop(card: &serde_json::Value, p: &Painter, out: &mut dyn Write) -> io::Result<()> {
    let word = |v: &serde_json::Value| text::sanitize_line(v.as_str().unwrap_or("-"));
    writeln!(out)?;
    writeln!(
        out,
        "{} {}",
        p.heading("Latest loop"),
        p.dim(&format!(
            "· {} · for {}: {}",
            word(&card["title"]),
            word(&card["target"]),
            word(&card["recommendation"])
        ))
    )?;
    for s in card["signals"].as_array().into_iter().flatten() {
        let score = s["mean_score"].as_f64().map_or("not scored".to_string(), percent);
        let level = match s["landed"].as_str() {
            Some(l) => format!(" · at {}", text::sanitize_line(l)),
            None if s["graded"].as_u64().unwrap_or(0) > 0 => " · below junior".to_string(),
            None => String::new(),
        };
        writeln!(out, "  {}: {score}{level}", word(&s["signal"]))?;
    }
    Ok(())
}

/// Each loop run a line, newest first: its verdict and each signal's level.
fn print_loops_over_time(cards: &[serde_json::Value], p: &Painter, out: &mut dyn Write) -> io::Result<()> {
    let word = |v: &serde_json::Value| text::sanitize_line(v.as_str().unwrap_or("-"));
    writeln!(out, "{}", p.dim("  Over time (newest first):"))?;
    for card in cards {
        let levels: Vec<String> = card["signals"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                let level = match s["landed"].as_str() {
                    Some(l) => text::sanitize_line(l),
                    None if s["graded"].as_u64().unwrap_or(0) > 0 => "below junior".into(),
                    None => "-".into(),
                };
                format!("{} {level}", word(&s["signal"]))
            })
            .collect();
        writeln!(out, "  {} · {} · {}", word(&card["title"]), word(&card["recommendation"]), levels.join(", "))?;
    }
    Ok(())
}

/// Score per confidence level, leaning per topic, and hand-credited ticks.
fn print_calibration(c: &crate::history::Calibration, p: &Painter, out: &mut dyn Write) -> io::Result<()> {
    if c.levels.is_empty() && c.self_credited_share.is_none() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", p.heading("Calibration"))?;
    if c.levels.is_empty() {
        writeln!(out, "  No answers rated yet: `drill mock` asks how sure you are before the reveal.")?;
    }
    for l in &c.levels {
        let n = crate::text::count(l.attempts as usize, "answer", "answers");
        writeln!(out, "  {} {:<12} {:>4} mean score over {n}", l.confidence, l.label, percent(l.mean_score))?;
    }
    for t in &c.topics {
        let leaning = match t.leaning {
            crate::history::calibration::Leaning::Calibrated => p.good(t.leaning.as_str()),
            _ => p.warn(t.leaning.as_str()),
        };
        writeln!(
            out,
            "  {:<16} {leaning}: expected {} scored {} (Brier {:.2}, {} rated)",
            t.topic,
            percent(t.expected),
            percent(t.mean_score),
            t.brier,
            t.attempts
        )?;
    }
    if let Some(share) = c.self_credited_share {
        writeln!(
            out,
            "  {} of ticked key points were credited by hand without evidence in the answer ({} of {})",
            percent(share),
            c.self_credited,
            c.ticked
        )?;
    }
    Ok(())
}

/// `drill history [ID]` and `--clear`.
pub fn history(
    bank: &Bank,
    scope: &Scope,
    limit: usize,
    (clear, yes): (bool, bool),
    format: Format,
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if clear {
        return clear_history(scope, yes, settings, out);
    }
    let attempts = match existing(settings)? {
        Some(store) => query::attempts(&store, scope, limit)?,
        None => Vec::new(),
    };
    // An id neither in the bank nor in the history is a typo, not "no attempts yet".
    if let Some(id) = &scope.question
        && bank.get(id).is_none()
        && attempts.is_empty()
    {
        return Err(crate::Error::unknown_id(bank, id).into());
    }
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &attempts)?;
        writeln!(out)?;
        return Ok(());
    }
    let p = Painter::new(&settings.output);
    if attempts.is_empty() {
        if let Some(topic) = &scope.topic {
            let filter = crate::bank::Filter { topics: vec![topic.clone()], ..Default::default() };
            if !filter.unknown_topics(bank).is_empty() {
                return Err(Error::EmptySelection(filter.explain_empty(bank, "this topic")).into());
            }
        }
        let at = match (&scope.question, &scope.topic) {
            (Some(id), _) => format!(" at `{}`", text::sanitize_line(id)),
            (None, Some(topic)) => format!(" in `{}`", text::sanitize_line(topic)),
            (None, None) => String::new(),
        };
        writeln!(out, "No attempts yet{at}. Every graded answer is kept here.")?;
        return Ok(());
    }
    match &scope.question {
        Some(id) => journal(bank, id, &attempts, settings, &p, out)?,
        None => {
            for a in &attempts {
                let result = if a.skipped {
                    "skipped".to_string()
                } else {
                    format!("{}/{} {}", a.covered(), a.total, percent(a.score()))
                };
                let over = if a.overtime { " over" } else { "" };
                writeln!(
                    out,
                    "{}  {:<12} {:<12} {}/{}{over:<5}  {}",
                    local(a.finished_at),
                    text::truncate(&a.topic, 12),
                    result,
                    crate::text::clock(a.time_used),
                    crate::text::clock(a.time_limit),
                    p.bold(&a.question_id)
                )?;
            }
        }
    }
    Ok(())
}

/// Every attempt at one question, oldest first, with what was typed and
/// which key points it hit.
fn journal(
    bank: &Bank,
    id: &str,
    attempts: &[query::Attempt],
    settings: &Settings,
    p: &Painter,
    out: &mut dyn Write,
) -> io::Result<()> {
    let q = bank.get(id);
    let title = q.map_or_else(|| attempts[0].title.clone(), |q| q.title.to_string());
    writeln!(out, "{} {}", p.bold(&title), p.dim(&format!("· {id} · {} attempts", attempts.len())))?;
    let width = settings.output.wrap_width();
    for a in attempts.iter().rev() {
        writeln!(out)?;
        let result = if a.skipped {
            "skipped".to_string()
        } else {
            format!("{}/{} key points ({})", a.covered(), a.total, percent(a.score()))
        };
        let time = format!(
            "{} of {}{}",
            crate::text::clock(a.time_used),
            crate::text::clock(a.time_limit),
            if a.overtime { ", over time" } else { "" }
        );
        writeln!(
            out,
            "{}  {}  {}  {}",
            p.heading(&local(a.finished_at)),
            result,
            p.dim(&time),
            p.dim(&format!("graded {}", a.grade.as_str()))
        )?;
        if a.answer.trim().is_empty() {
            writeln!(out, "  {}", p.dim("(answered out loud)"))?;
        } else {
            for line in text::wrap_markdown(&text::sanitize(&a.answer), width, "  │ ", settings.output.width.is_some())
            {
                writeln!(out, "{line}")?;
            }
        }
        match q.filter(|q| q.key_points.len() == a.total) {
            Some(q) => {
                for (i, point) in q.key_points.iter().enumerate() {
                    let hit = a.covered_points.contains(&i);
                    let mark = if hit { p.good("✓") } else { p.dim("✗") };
                    writeln!(out, "  {mark} {}", text::truncate(&point.point, width.saturating_sub(4)))?;
                }
            }
            None if !a.covered_points.is_empty() => {
                let hit: Vec<String> = a.covered_points.iter().map(|i| (i + 1).to_string()).collect();
                writeln!(out, "  key points hit: {} (the question has changed since)", hit.join(" "))?;
            }
            None => {}
        }
    }
    Ok(())
}

fn clear_history(scope: &Scope, yes: bool, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let Some(mut store) = existing(settings)? else {
        writeln!(out, "There is no history to clear in {}.", settings.data_dir.display())?;
        return Ok(());
    };
    let what = match &scope.topic {
        Some(t) => format!("the history of topic `{}`", text::sanitize_line(t)),
        None => "the whole history".to_string(),
    };
    if !yes {
        if !io::stdin().is_terminal() {
            anyhow::bail!("refusing to delete {what} without confirmation; add --yes to confirm");
        }
        eprint!("Delete {what} in {}? This cannot be undone. [y/N] ", store.path().display());
        let mut answer = String::new();
        io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
            writeln!(out, "Nothing was deleted.")?;
            return Ok(());
        }
    }
    let (attempts, reviews, rounds) = store.clear(scope.topic.as_deref())?;
    writeln!(
        out,
        "Removed {attempts} attempts, {reviews} review states and {rounds} rounds from {}.",
        store.path().display()
    )?;
    Ok(())
}

/// `drill history --import FILE`: a host's feedback sheet (JSON) into this
/// history, one attempt per question, in one new round.
pub fn import(bank: &Bank, path: &std::path::Path, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    use crate::round::host::{SHEET_VERSION, Sheet};
    let shown = path.display().to_string();
    let bad = |reason: String| crate::Error::BadSheet { path: text::sanitize_line(&shown), reason };
    let bytes = std::fs::read(path).map_err(|e| bad(format!("cannot read it: {e}")))?;
    let sheet: Sheet = serde_json::from_slice(&bytes).map_err(|e| {
        bad(format!("not a feedback sheet ({e}); write one with `drill mock --host --format json --out FILE`"))
    })?;
    if sheet.drill_sheet > SHEET_VERSION {
        return Err(bad(format!(
            "written by a newer drill (sheet format {}, this drill reads up to {SHEET_VERSION}); update drill and import again",
            sheet.drill_sheet
        ))
        .into());
    }
    let finished: Timestamp = sheet
        .date
        .parse()
        .map_err(|_| bad(format!("its date `{}` is not a timestamp", text::sanitize_line(&sheet.date))))?;
    let mut records = Vec::new();
    for sq in &sheet.questions {
        let Some(q) = bank.get(&sq.id) else {
            return Err(bad(format!(
                "question `{}` is not in the loaded banks: the sheet comes from another bank ({}); load it with --bank and import again",
                text::sanitize_line(&sq.id),
                text::sanitize_line(&sheet.bank)
            ))
            .into());
        };
        if sq.key_points.len() != q.key_points.len() || sq.covered.iter().any(|i| *i >= q.key_points.len()) {
            return Err(bad(format!(
                "question `{}` has {} key points here but {} on the sheet: the bank changed since; import with the bank the sheet was written from",
                q.id,
                q.key_points.len(),
                sq.key_points.len()
            ))
            .into());
        }
        let used = std::time::Duration::from_millis(sq.time_used_ms);
        records.push(crate::history::AttemptRecord {
            round_id: None,
            question_id: q.id.to_string(),
            track: q.track.to_string(),
            topic: q.topic.to_string(),
            title: q.title.to_string(),
            started_at: finished - jiff::SignedDuration::try_from(used).unwrap_or(jiff::SignedDuration::ZERO),
            finished_at: finished,
            time_used: used,
            time_limit: std::time::Duration::from_millis(sq.time_limit_ms),
            level_shown: q.level,
            covered_points: sq.covered.clone(),
            self_credited: Vec::new(),
            confidence: None,
            parts: Vec::new(),
            total: q.key_points.len(),
            answer: sq.notes.clone(),
            skipped: false,
            overtime: sq.time_used_ms > sq.time_limit_ms,
            cram: false,
        });
    }
    if records.is_empty() {
        writeln!(out, "The sheet has no questions; nothing to import.")?;
        return Ok(());
    }
    let mut store = crate::history::Store::open(&settings.data_dir)?;
    let round = store.start_round(finished, 0, "host")?;
    for r in &mut records {
        r.round_id = Some(round);
    }
    store.record_many(&records)?;
    writeln!(
        out,
        "Imported {} from {} (verdict: {}).",
        crate::text::count(records.len(), "answer", "answers"),
        text::sanitize_line(&shown),
        text::sanitize_line(&sheet.verdict)
    )?;
    Ok(())
}
