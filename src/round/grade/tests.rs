//! The grader's rules, each with the case it fixes.

use super::*;
use crate::bank::Level;

fn point(p: &str) -> KeyPoint {
    KeyPoint::plain(p, Level::Mid)
}

#[test]
fn most_of_a_points_words_are_needed() {
    let p = [point("retries with exponential backoff and jitter")];
    assert!(ticks("I would retry with exponential backoff plus some jitter", &p, "")[0].covered);
    assert!(ticks("Use jitter on retries", &p, "")[0].covered);
    assert!(!ticks("just retry", &p, "")[0].covered);
    assert!(!ticks("", &p, "")[0].covered);
}

#[test]
fn paraphrases_stems_and_abbreviations_count() {
    let p = [point("failed messages go to a dead-letter queue after a retry limit")];
    let t = &ticks("after 5 retries the message is moved to the DLQ", &p, "")[0];
    assert!(t.covered, "{t:?}");
    assert!(t.evidence.contains(&"dlq".to_string()), "{t:?}");
}

#[test]
fn a_negated_word_is_not_credited() {
    let p = [point("jitter on retries")];
    assert!(!ticks("retry it, no need for jitter", &p, "")[0].covered);
    assert!(ticks("retry it with jitter", &p, "")[0].covered);
}

#[test]
fn a_contrast_does_not_credit_what_was_set_aside() {
    let p = [point("optimistic locking with a version column")];
    assert!(!ticks("take a row lock instead of a version column", &p, "")[0].covered);
    assert!(ticks("optimistic locking: compare the version column on update", &p, "")[0].covered);
}

#[test]
fn known_phrases_match_their_abbreviation_across_hyphens_and_case() {
    let p = [point("set a TTL on every key")];
    assert!(ticks("each key gets a Time-To-Live", &p, "")[0].covered);
    let p = [point("a dead-letter queue for poison messages")];
    let t = &ticks("poison msgs go to the DLQ", &p, "")[0];
    assert!(t.covered, "{t:?}");
    assert_eq!(t.evidence, ["poison", "msgs", "dlq"], "evidence is the answer's own words");
}

#[test]
fn a_one_word_phrasing_needs_a_word_of_the_point_beside_it() {
    let mut p = KeyPoint::plain("failed jobs move to a dead-letter table after five attempts", Level::Mid);
    p.also = vec!["DLQ".into()];
    assert!(!ticks("DLQ", std::slice::from_ref(&p), "")[0].covered, "a bare keyword");
    assert!(ticks("after five tries it goes to the DLQ", &[p], "")[0].covered);
}

#[test]
fn a_two_word_name_is_not_an_explanation() {
    let mut p =
        KeyPoint::plain("canary: a small share of traffic first, promoted while metrics stay healthy", Level::Mid);
    p.also = vec!["canary release".into()];
    assert!(!ticks("we would do a canary release", std::slice::from_ref(&p), "")[0].covered, "only named");
    assert!(ticks("a canary release: a small share first, watching metrics", &[p], "")[0].covered);
}

#[test]
fn also_phrasings_are_tried() {
    let mut p = point("duplicates are answered with the stored response");
    let answer = "a replay gets the saved reply";
    assert!(!ticks(answer, std::slice::from_ref(&p), "")[0].covered);
    p.also = vec!["replay gets the saved reply".into()];
    let t = &ticks(answer, std::slice::from_ref(&p), "")[0];
    assert!(t.covered, "{t:?}");
    assert_eq!(t.evidence, ["replay", "saved", "reply"], "\"gets\" says nothing");
}

#[test]
fn a_typo_in_a_long_word_is_forgiven() {
    let p = [point("idempotency key stored with the response")];
    assert!(ticks("store the idempotencey key and the respons", &p, "")[0].covered);
}

#[test]
fn an_empty_answer_covers_nothing() {
    let p = [point("anything at all")];
    assert_eq!(ticks("  ", &p, ""), [Tick { covered: false, evidence: vec![] }]);
}

#[test]
fn a_unit_glued_to_its_number_is_the_word_it_stands_for() {
    let p = [point("requests past the sender's 10-second timeout are retried")];
    let t = &ticks("anything over 10s times out and the sender retries it", &p, "")[0];
    assert!(t.covered, "{t:?}");
    assert!(t.evidence.contains(&"second".to_string()), "{t:?}");
    let p = [point("the lease lasts 30 minutes")];
    assert!(ticks("a 30 min lease", &p, "")[0].covered, "a unit after its number");
    assert!(ticks("lease of 30min", &p, "")[0].covered, "a unit glued to its number");
}

#[test]
fn shorthand_and_word_forms_count() {
    let p = [point("the timestamp is part of the signed content")];
    assert!(ticks("the ts is inside what the sig covers, part of the signed content", &p, "")[0].covered);
    assert!(lexicon::same_stem("fail", "failur"), "failed / failures");
    assert!(lexicon::same_stem("ad", "add"), "adding / add");
    assert!(!lexicon::same_stem("time", "timeout"));
    let p = [point("synchronized retries from every client")];
    assert!(ticks("synchronised retries across all clients", &p, "")[0].covered, "British spelling");
}

#[test]
fn a_phrase_said_another_way_is_shown_as_written() {
    let p = [point("claim the key with a unique index first")];
    let t = &ticks("claim the key first with a unique constraint", &p, "")[0];
    assert!(t.covered, "{t:?}");
    assert!(t.evidence.contains(&"unique constraint".to_string()), "{t:?}");
}

#[test]
fn repeating_the_prompt_is_weaker_evidence_than_the_points_own_words() {
    let p = [point("histogram buckets summed across instances")];
    let answer = "use a histogram with buckets";
    assert!(ticks(answer, &p, "")[0].covered, "without a prompt, two of four words do");
    let prompt = "Histogram or summary? Which buckets would you choose?";
    assert!(!ticks(answer, &p, prompt)[0].covered, "the prompt's own words are not enough");
    assert!(ticks("sum the buckets across all instances", &p, prompt)[0].covered);
}

#[test]
fn words_that_state_a_known_mistake_count_for_no_point() {
    let mut q = crate::bank::model::sample_question(0);
    q.mistakes.clear();
    q.prompt = "A hot key pins one Redis shard at 100% CPU. What do you do?".into();
    q.key_points = vec![point("adding shards does not spread the load of one key")];
    let answer = "add more shards and the load spreads out";
    assert!(grade(answer, &q)[0].covered, "without the mistake the words match");
    q.mistakes = vec![crate::bank::Mistake {
        wrong: "Add more shards to spread the load.".into(),
        why: "y".into(),
        better: "b".into(),
    }];
    assert!(!grade(answer, &q)[0].covered, "the answer says the mistake");
    let right = "adding shards won't spread the load of one key";
    assert!(grade(right, &q)[0].covered, "a negated mistake is not said");
}

#[test]
fn numbers_keep_their_decimals_and_thousands() {
    let p = [point("the estimate is 1.5 million rows, about 5,000 pages")];
    let t = &ticks("it expects 1.5 million rows, ~5000 pages", &p, "")[0];
    assert!(t.covered, "{t:?}");
    assert!(t.evidence.contains(&"1.5".to_string()) && t.evidence.contains(&"5000".to_string()), "{t:?}");
    let words: Vec<String> =
        lexicon::clauses("it took 1.5s. then 5,000 rows, then node.js").map(str::to_string).collect();
    assert_eq!(words, ["it took 1.5s", " then 5,000 rows", " then node.js"]);
}

#[test]
fn capitals_make_a_common_word_a_term_and_short_terms_count() {
    let p = [point("GET requests are safe")];
    assert!(ticks("GET is safe", &p, "")[0].covered, "GET is a term, not the verb");
    assert!(!ticks("get is safe", &p, "")[0].covered, "lowercase get is the verb");
    let p = [point("primary key on the event id")];
    let t = &ticks("PK is the id", &p, "")[0];
    assert!(t.covered, "{t:?}");
    let p = [point("the N+1 pattern: one query per row")];
    let t = &ticks("classic n+1, a query per row", &p, "")[0];
    assert!(t.evidence.contains(&"n+1".to_string()), "{t:?}");
}

#[test]
fn a_dash_between_spaces_ends_a_negation() {
    let p = [point("something shared is the bottleneck")];
    assert!(ticks("the api isn't the limit - something shared is the bottleneck", &p, "")[0].covered);
    let p = [point("both copies finish and two invoices go out")];
    assert!(ticks("nothing stops it -> both copies finish, two invoices", &p, "")[0].covered);
}

#[test]
fn a_word_the_point_negates_must_keep_its_sense() {
    let p = [point("uses the Redis server's TIME, not the gateways' clocks")];
    let opposite = "each gateway stamps requests with its own clock";
    assert!(!ticks(opposite, &p, "")[0].covered, "the opposite claim");
    assert!(ticks("take TIME from redis, never trust the gateway clocks", &p, "")[0].covered);
    let p = [point("no stack traces, SQL or hostnames in the body")];
    assert!(ticks("strip stack traces, SQL and hostnames from the body", &p, "")[0].covered, "said with a verb");
}

#[test]
fn either_branch_of_an_or_answers_the_point() {
    let p = [point("answers the duplicate with 409 plus Retry-After, or waits briefly on the claim")];
    let t = &ticks("reply 409 with Retry-After", &p, "")[0];
    assert!(t.covered, "{t:?}");
}

#[test]
fn a_mistake_said_in_other_words_spends_all_of_them() {
    // "unique constraint" is compared as "unique index": stating the
    // mistake spends both words, so "index" cannot earn another point.
    let mut q = crate::bank::model::sample_question(0);
    q.prompt = "How do you stop duplicate signups?".into();
    q.key_points = vec![point("a partial index on email")];
    q.mistakes = vec![crate::bank::Mistake {
        wrong: "A unique constraint alone stops every race.".into(),
        why: "y".into(),
        better: "b".into(),
    }];
    let answer = "a unique constraint alone stops every race on email";
    assert!(!grade(answer, &q)[0].covered, "{:?}", grade(answer, &q));
}
