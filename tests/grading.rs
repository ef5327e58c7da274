//! The grader against hand-labelled answers: `../shared/grading/dev.jsonl`
//! beside the project (when present) and the second set kept here in
//! `tests/grading/holdout.jsonl`. Agreement must not fall below the figures
//! the README reports. The sets are for measuring the method, not for
//! fitting it.

use drill::round::grade::Agreement;

/// The grader's agreement with labelled answers, one JSON object a line.
fn agreement(text: &str) -> Agreement {
    let bank = drill::bank::source::builtin_bank();
    let mut agreement = Agreement::default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let q = bank.get(v["id"].as_str().unwrap()).expect("a built-in question");
        let covered: Vec<usize> =
            v["covered"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap() as usize).collect();
        agreement.add(v["answer"].as_str().unwrap(), q, &covered);
    }
    agreement
}

#[test]
fn agreement_with_the_labelled_answers_holds() {
    let Ok(text) = std::fs::read_to_string("../shared/grading/dev.jsonl") else {
        eprintln!("SKIPPED: no ../shared/grading/dev.jsonl beside the project");
        return;
    };
    let agreement = agreement(&text);
    // README, "How the key points are pre-ticked": precision 0.904, recall
    // 0.804, F1 0.851 (160 both, 17 ticked only, 39 labelled only); the
    // issue's aim is precision 0.90 and F1 0.85.
    assert!(agreement.precision() >= 0.90, "{agreement:?}: precision {:.3}", agreement.precision());
    assert!(agreement.f1() >= 0.85, "{agreement:?}: F1 {:.3}", agreement.f1());
}

/// The second set: 72 answers to 24 other questions, written and labelled
/// by readers who saw only each question's prompt and key points (not the
/// grader, its phrasings or the first set).
#[test]
fn agreement_with_the_second_labelled_set_holds() {
    let agreement = agreement(include_str!("grading/holdout.jsonl"));
    // README: precision 0.902, recall 0.875, F1 0.888 (147 / 16 / 21).
    assert!(agreement.precision() >= 0.88, "{agreement:?}: precision {:.3}", agreement.precision());
    assert!(agreement.f1() >= 0.87, "{agreement:?}: F1 {:.3}", agreement.f1());
}

#[test]
fn keyword_stuffing_earns_at_most_one_point_on_any_built_in_question() {
    let bank = drill::bank::source::builtin_bank();
    for stuffed in ["idempotency key jitter backoff DLQ", "cache TTL invalidation stampede lock retry index"] {
        for q in &bank.questions {
            let ticked = drill::round::grade::grade(stuffed, q).iter().filter(|t| t.covered).count();
            assert!(ticked <= 1, "{}: {ticked} points for {stuffed:?}", q.id);
        }
    }
}
