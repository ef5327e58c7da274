//! Grader benchmark: one answer of about 300 words against a built-in
//! question with 7 key points (budget: under 1 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

fn benches(c: &mut Criterion) {
    let bank = drill::bank::source::builtin_bank();
    let q = bank.questions.iter().find(|q| q.key_points.len() == 7).expect("a built-in question with 7 key points");
    // The model answers are the realistic worst case: long, and on topic.
    let source = format!("{} {} {}", q.answers.junior, q.answers.mid, q.answers.senior);
    let answer: String = source.split_whitespace().cycle().take(300).collect::<Vec<_>>().join(" ");
    let mut g = c.benchmark_group("grade");
    g.bench_function("300_words_7_points", |b| b.iter(|| black_box(drill::round::grade::grade(&answer, q))));
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
