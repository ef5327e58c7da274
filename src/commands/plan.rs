//! `drill plan` (make, show, clear) and `drill today`: the plan is kept as
//! its parameters and rebuilt from the history each time it is shown, so a
//! missed day folds into the days ahead; the days as first planned tell
//! what was missed.

use std::collections::HashMap;
use std::io::Write;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::bank::{Bank, Filter};
use crate::cli::args::PlanFormat;
use crate::cli::settings::{Settings, StartSettings};
use crate::history::plan::{self, Mock, Plan, PlanDay, PlanInput, PlanQuestion};
use crate::history::{Scope, Store, StoredPlan, query};
use crate::output::Painter;
use crate::text::{self, percent};

/// The filters a plan keeps, as JSON.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct ScopeJson {
    topics: Vec<String>,
    difficulties: Vec<String>,
    levels: Vec<String>,
    kinds: Vec<String>,
}

fn scope_json(f: &Filter) -> String {
    let s = ScopeJson {
        topics: f.topics.clone(),
        difficulties: f.difficulties.iter().map(|d| d.to_string()).collect(),
        levels: f.levels.iter().map(|l| l.to_string()).collect(),
        kinds: f.kinds.iter().map(|k| k.to_string()).collect(),
    };
    serde_json::to_string(&s).unwrap_or_default()
}

fn scope_filter(json: &str) -> Filter {
    let s: ScopeJson = serde_json::from_str(json).unwrap_or_default();
    Filter {
        topics: s.topics,
        difficulties: s.difficulties.iter().filter_map(|d| crate::bank::Difficulty::parse(d)).collect(),
        levels: s.levels.iter().filter_map(|l| crate::bank::Level::parse(l)).collect(),
        kinds: s.kinds.iter().filter_map(|k| crate::bank::Kind::parse(k)).collect(),
    }
}

/// Today in the local time zone.
fn today(now: Timestamp) -> Date {
    now.to_zoned(jiff::tz::TimeZone::system()).date()
}

/// The plan over `filter` to `interview`, from the history as it is now.
pub fn build(
    bank: &Bank,
    store: &Store,
    filter: &Filter,
    interview: Date,
    minutes: u32,
    now: Timestamp,
) -> anyhow::Result<Plan> {
    let in_scope = filter.apply(bank);
    let questions: Vec<PlanQuestion> = in_scope
        .iter()
        .map(|q| PlanQuestion {
            id: q.id.to_string(),
            topic: q.topic.to_string(),
            minutes: (crate::round::policy::time_limit(q).as_secs() / 60) as u32 + 1,
        })
        .collect();
    let ids: std::collections::HashSet<&str> = in_scope.iter().map(|q| q.id.as_str()).collect();
    let reviews: HashMap<String, crate::history::ReviewState> =
        store.reviews()?.into_iter().filter(|(id, _)| ids.contains(id.as_str())).collect();
    let topic_scores = store.topic_scores()?.into_iter().collect();
    let loops = bank.loops.iter().map(|l| (l.id.to_string(), l.rounds.iter().map(|r| r.minutes).sum())).collect();
    let input = PlanInput { today: today(now), interview, minutes, questions, reviews, topic_scores, loops };
    Ok(plan::build(&input)?)
}

/// The plan kept, rebuilt for today, and how many planned questions of
/// past days were missed.
fn current(bank: &Bank, store: &Store, now: Timestamp) -> anyhow::Result<Option<(Plan, StoredPlan, usize)>> {
    let Some(stored) = store.plan()? else { return Ok(None) };
    let plan = build(bank, store, &scope_filter(&stored.scope), stored.interview, stored.minutes, now)?;
    let first: Vec<PlanDay> = serde_json::from_str(&stored.days).unwrap_or_default();
    let done: std::collections::HashSet<String> =
        query::attempts(store, &Scope { since: Some(stored.created_at), ..Scope::default() }, usize::MAX / 2)?
            .into_iter()
            .map(|a| a.record.question_id.clone())
            .collect();
    let missed = first
        .iter()
        .filter(|d| d.date < today(now))
        .flat_map(|d| d.new.iter().chain(&d.reviews))
        .filter(|id| !done.contains(*id))
        .count();
    Ok(Some((plan, stored, missed)))
}

/// `drill plan`.
pub fn run(
    bank: &Bank,
    (interview, minutes, filter, clear): (Option<Date>, u32, &Filter, bool),
    format: PlanFormat,
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let store = Store::open(&settings.data_dir)?;
    if clear {
        let had = store.clear_plan()?;
        writeln!(out, "{}", if had { "Plan removed." } else { "There was no plan to remove." })?;
        return Ok(());
    }
    let (plan, missed) = match interview {
        Some(date) => {
            if !filter.unknown_topics(bank).is_empty() {
                return Err(crate::Error::EmptySelection(filter.explain_empty(bank, "these filters")).into());
            }
            let plan = build(bank, &store, filter, date, minutes, now)?;
            store.save_plan(&StoredPlan {
                interview: date,
                minutes,
                scope: scope_json(filter),
                created_at: now,
                days: serde_json::to_string(&plan.days)?,
            })?;
            (plan, 0)
        }
        None => match current(bank, &store, now)? {
            Some((plan, _, missed)) => (plan, missed),
            None => {
                writeln!(
                    out,
                    "No plan yet. Make one with `drill plan --interview 2026-12-20` (and --minutes, --topic)."
                )?;
                return Ok(());
            }
        },
    };
    match format {
        PlanFormat::Json => {
            let json = serde_json::json!({ "plan": plan, "missed": missed });
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        PlanFormat::Ics => out.write_all(ics(&plan, now).as_bytes())?,
        PlanFormat::Text => print(&plan, missed, &Painter::new(&settings.output), out)?,
    }
    Ok(())
}

/// A day in words: "12 reviews · 3 new (caching, queues)".
pub fn describe(day: &PlanDay) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &day.mock {
        parts.push(match m {
            Mock::Loop { id, minutes } => format!("mock: loop {id} ({minutes} min)"),
            Mock::Round { count, minutes } => {
                format!("mock: {} ({minutes} min)", text::count(*count as usize, "question", "questions"))
            }
        });
    }
    if !day.reviews.is_empty() {
        parts.push(text::count(day.reviews.len(), "review", "reviews"));
    }
    if !day.new.is_empty() {
        parts.push(format!("{} new ({})", day.new.len(), day.new_topics.join(", ")));
    }
    if parts.is_empty() {
        parts.push("rest".to_string());
    }
    let mut s = parts.join(" · ");
    if day.light {
        s = format!("light review: {s}");
    }
    s
}

fn print(plan: &Plan, missed: usize, p: &Painter, out: &mut dyn Write) -> std::io::Result<()> {
    let title = format!(
        "Plan to the interview on {} · {} · {} min a day",
        plan.interview.strftime("%a %Y-%m-%d"),
        text::count(plan.days.len(), "day", "days"),
        plan.minutes
    );
    writeln!(out, "{}", p.heading(&title))?;
    if missed > 0 {
        writeln!(
            out,
            "{}",
            p.warn(&format!(
                "Missed: {} from earlier days; they are folded into the days ahead.",
                text::count(missed, "planned question", "planned questions")
            ))
        )?;
    }
    if let Some(advice) = &plan.advice {
        writeln!(out, "{}", p.warn(advice))?;
    }
    writeln!(out)?;
    for d in &plan.days {
        writeln!(out, "  {}  {:>3} min  {}", d.date.strftime("%a %m-%d"), d.minutes, describe(d))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", p.heading("Readiness on the day (predicted recall)"))?;
    for r in &plan.readiness {
        let recall = r.recall.map_or("not practised".to_string(), percent);
        writeln!(out, "  {:<16} {:>13}  ({} of {} practised)", r.topic, recall, r.practised, r.questions)?;
    }
    writeln!(out)?;
    writeln!(out, "Run today's session with `drill today`; `drill plan --format ics > plan.ics` for a calendar.")?;
    Ok(())
}

/// The plan as iCalendar: one all-day event a day.
pub fn ics(plan: &Plan, now: Timestamp) -> String {
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//drill//plan//EN\r\nCALSCALE:GREGORIAN\r\n");
    for d in &plan.days {
        let next = d.date.tomorrow().unwrap_or(d.date);
        let summary = escape(&format!("drill: {}", describe(d)));
        let body = escape(&format!("{} minutes. Run `drill today`.", d.minutes));
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:drill-plan-{}@drill\r\nDTSTAMP:{stamp}\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nSUMMARY:{summary}\r\nDESCRIPTION:{body}\r\nEND:VEVENT\r\n",
            d.date.strftime("%Y%m%d"),
            d.date.strftime("%Y%m%d"),
            next.strftime("%Y%m%d"),
        ));
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// iCalendar text escaping (RFC 5545, 3.3.11).
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// `drill today`: the settings of today's session from the plan, or why
/// there is none.
pub fn today_session(
    bank: &Bank,
    base: &StartSettings,
    settings: &Settings,
) -> anyhow::Result<Result<StartSettings, String>> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let store = Store::open(&settings.data_dir)?;
    let Some((plan, stored, _)) = current(bank, &store, now)? else {
        return Ok(Err("No plan yet. Make one with `drill plan --interview 2026-12-20`.".to_string()));
    };
    let Some(day) = plan.days.first().filter(|d| d.date == today(now)) else {
        return Ok(Err("The plan has no day today: the interview is today or past. Good luck!".to_string()));
    };
    let mut start = base.clone();
    match &day.mock {
        Some(Mock::Loop { id, .. }) => {
            start.interview = crate::round::Interview { mock: true, ..start.interview };
            start.loop_id = Some(id.clone());
        }
        Some(Mock::Round { count, .. }) => {
            start.interview =
                crate::round::Interview { mock: true, follow_ups: crate::round::policy::FOLLOW_UPS, ..start.interview };
            start.filter = scope_filter(&stored.scope);
            start.count = *count as usize;
        }
        None => {
            let ids: Vec<String> = day.reviews.iter().chain(&day.new).cloned().collect();
            if ids.is_empty() {
                return Ok(Err(format!("Nothing planned today ({}).", describe(day))));
            }
            start.count = ids.len();
            start.ids = ids;
        }
    }
    Ok(Ok(start))
}
