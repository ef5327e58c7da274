//! The misses drill in plain mode: after the summary, an offer to re-ask
//! each missed key point; answers are lines until an empty one, then the
//! point is shown with whether the answer had it.

use std::io::{self, BufRead};

use super::{Read, read_line};
use crate::output::prose::Prose;
use crate::round::Round;
use crate::round::misses::MissesDrill;

/// Offers the drill; runs it on `y`. Anything else, or the end of input,
/// ends here.
pub fn offer(round: &Round, input: &mut dyn BufRead, w: &mut Prose<'_>) -> io::Result<()> {
    let mut drill = MissesDrill::new(round.items());
    if drill.is_empty() {
        return Ok(());
    }
    w.line("")?;
    w.line(&format!(
        "Drill the {} now? `y` starts it; anything else ends here.",
        crate::text::count(drill.len(), "missed point", "missed points")
    ))?;
    match read_line(input, w.writer())? {
        Read::Line(l) if l.trim().eq_ignore_ascii_case("y") => {}
        _ => return Ok(()),
    }
    while let Some(miss) = drill.current().cloned() {
        w.line("")?;
        let head = w.p.heading(&format!("Miss {}/{}", drill.index() + 1, drill.len()));
        w.line(&head)?;
        w.line(&miss.prompt())?;
        let mut answer = Vec::new();
        loop {
            match read_line(input, w.writer())? {
                Read::Eof => return Ok(()),
                Read::Line(l) if l.trim().is_empty() => break,
                Read::Line(l) => answer.push(l),
            }
        }
        drill.check(&answer.join("\n"));
        let had = drill.recalled[drill.index()] == Some(true);
        w.labelled("The point: ", &miss.point.point)?;
        let verdict = if had { w.p.good("You had it.") } else { w.p.warn("Not in your answer.") };
        w.line(&verdict)?;
        drill.next();
    }
    w.line("")?;
    w.line(&format!("Recalled {} of {} missed points.", drill.recalled_count(), drill.len()))?;
    Ok(())
}
