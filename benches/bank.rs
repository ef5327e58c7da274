//! Bank benchmarks over generated banks of 1k and 10k questions: parse and
//! validate, decode the pre-parsed form, select a round, and a search.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use drill::bank::{self, Filter, SourceFile, search::SearchIndex};

fn sources(n: usize) -> Vec<SourceFile> {
    drill::synth::bank_files(1, n, (n / 100).max(1))
        .into_iter()
        .map(|(path, text)| SourceFile { path, bytes: text.into_bytes().into() })
        .collect()
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("bank");
    g.sample_size(20);
    for n in [1_000, 10_000] {
        let files = sources(n);
        g.bench_with_input(BenchmarkId::new("load_validate", n), &files, |b, f| {
            b.iter(|| black_box(bank::assemble::load(f)))
        });
        let loaded = bank::assemble::load(&files).bank.unwrap();
        // What start-up pays for the built-in bank and for a cached user bank.
        let encoded: &'static [u8] = bank::codec::encode(&loaded).leak();
        g.bench_with_input(BenchmarkId::new("decode_preparsed", n), &encoded, |b, e| {
            b.iter(|| black_box(bank::codec::decode(e).unwrap().questions.len()))
        });
        let filter = Filter { topics: vec!["synthetic".into()], ..Filter::default() };
        g.bench_with_input(BenchmarkId::new("select_round", n), &loaded, |b, bank| {
            let mut seed = 0;
            b.iter(|| {
                seed += 1;
                black_box(drill::round::draw(bank, &filter, 5, seed).len())
            })
        });
        let mut index = SearchIndex::new(&loaded.questions);
        let all: Vec<usize> = (0..loaded.questions.len()).collect();
        g.bench_function(BenchmarkId::new("search_substring", n), |b| {
            b.iter(|| black_box(index.rank("retry backoff", &all).len()))
        });
        g.bench_function(BenchmarkId::new("search_fuzzy", n), |b| {
            b.iter(|| black_box(index.rank("rtrybkf", &all).len()))
        });
    }
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
