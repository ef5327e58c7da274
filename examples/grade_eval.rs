//! The grader's agreement with hand-labelled answers: precision, recall and
//! F1 of its key point ticks over every (answer, key point) pair of a
//! labelled set (`../shared/grading/dev.jsonl` by default).
//!
//! `cargo run --release --example grade_eval [-- [--misses] FILE]`; with
//! `--misses` every disagreement is printed: the key point, the label, and
//! the words that earned (or nearly earned) the tick. `--stuffing` grades
//! each built-in question against its own title and tags as buzzwords.

use std::io::BufRead;

use drill::round::grade::Agreement;
use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    if args.iter().any(|a| a == "--stuffing") {
        return stuffing();
    }
    let path =
        args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "../shared/grading/dev.jsonl".into());
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("grade_eval: no labelled answers at `{path}` ({e}); nothing to measure");
            return;
        }
    };
    let bank = drill::bank::source::builtin_bank();
    let mut agreement = Agreement::default();
    // Two halves by question (the parity of the id's bytes): a change of
    // method should help both, not one at the other's cost.
    let mut halves = [Agreement::default(), Agreement::default()];
    let mut answers = 0;
    for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).expect("one JSON object a line");
        let id = v["id"].as_str().unwrap_or_default();
        let Some(q) = bank.get(id) else {
            eprintln!("grade_eval: `{id}` is not in the built-in bank; skipped");
            continue;
        };
        let covered: Vec<usize> =
            v["covered"].as_array().into_iter().flatten().filter_map(|n| n.as_u64()).map(|n| n as usize).collect();
        let answer = v["answer"].as_str().unwrap_or("");
        if misses {
            for (i, t) in drill::round::grade::grade(answer, q).iter().enumerate() {
                if t.covered != covered.contains(&i) {
                    let kind = if t.covered { "TICKED, not labelled" } else { "LABELLED, not ticked" };
                    println!(
                        "{id} #{i} {kind} [{}]\n  point: {}",
                        v["style"].as_str().unwrap_or(""),
                        q.key_points[i].point
                    );
                    println!("  evidence: {:?}\n  answer: {}\n", t.evidence, answer.replace('\n', " / "));
                }
            }
        }
        agreement.add(answer, q, &covered);
        let half = id.bytes().map(usize::from).sum::<usize>() % 2;
        halves[half].add(answer, q, &covered);
        answers += 1;
    }
    println!(
        "{answers} answers: precision {:.2}, recall {:.2}, F1 {:.2} ({agreement:?})",
        agreement.precision(),
        agreement.recall(),
        agreement.f1()
    );
    for (name, h) in ["A", "B"].iter().zip(&halves) {
        println!("  half {name}: precision {:.2}, recall {:.2}, F1 {:.2}", h.precision(), h.recall(), h.f1());
    }
}

/// Each built-in question graded against its own title and tags typed as a
/// list of buzzwords: how many points such an answer earns.
fn stuffing() {
    let bank = drill::bank::source::builtin_bank();
    let mut counts = [0usize; 8];
    for q in &bank.questions {
        let words = format!("{} {}", q.title, q.tags.join(" "));
        let ticked = drill::round::grade::grade(&words, q).iter().filter(|t| t.covered).count();
        counts[ticked.min(7)] += 1;
        if ticked > 1 {
            println!("{ticked} points  {}  ({words})", q.id);
        }
    }
    println!("questions by points earned by their own title and tags: {counts:?}");
}
