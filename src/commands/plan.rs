//! `drill plan` (make, show, clear) and `drill today`: the plan is kept as
//! its parameters and rebuilt from the history each time it is shown, so a
//! missed day folds into the days ahead; the days as first planned tell
//! what was missed.

use std::io::Write;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::bank::{Bank, Filter};
use crate::cli::args::PlanFormat;
use crate::cli::settings::{Settings, StartSettings};
use crate::history::Store;
use crate::history::StoredPlan;
use crate::history::plan::{Mock, Plan};
use crate::history::planner::{build, current, describe, scope_filter, scope_json, today};
use crate::output::Painter;
use crate::text::{self, percent};

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
                writeln!(out, "{}", no_plan(now))?;
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

/// What to do without a plan, with a date two weeks away as the example.
fn no_plan(now: Timestamp) -> String {
    let example = today(now).checked_add(jiff::Span::new().days(14)).unwrap_or(today(now));
    format!(
        "No plan yet. Make one with `drill plan --interview {example}` (your interview's date; --minutes and --topic shape it)."
    )
}

/// `drill today`: the settings of today's session from the plan kept in
/// `history`, or why there is none.
pub fn today_session(
    bank: &Bank,
    base: &StartSettings,
    history: Option<&Store>,
    settings: &Settings,
) -> anyhow::Result<Result<StartSettings, String>> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let Some(store) = history else { return Ok(Err(no_plan(now))) };
    let Some((plan, stored, _)) = current(bank, store, now)? else { return Ok(Err(no_plan(now))) };
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
