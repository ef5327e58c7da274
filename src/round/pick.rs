//! Drawing a round's questions from the filtered candidates.

use rand::Rng;
use rand::seq::SliceRandom;

use crate::bank::{Bank, Filter, Question};

/// Draws up to `count` questions at random. Candidates are put in id order
/// first, so the same seed over the same bank gives the same questions in
/// the same order, however the bank's files are arranged.
pub fn pick<'b, R: Rng + ?Sized>(mut candidates: Vec<&'b Question>, count: usize, rng: &mut R) -> Vec<&'b Question> {
    candidates.sort_by(|a, b| a.id.cmp(&b.id));
    let count = count.min(candidates.len());
    let (chosen, _) = candidates.partial_shuffle(rng, count);
    chosen.to_vec()
}

/// The questions of a round: those matching `filter`, `count` of them
/// drawn with a generator seeded by `seed`. Empty when nothing matches.
pub fn draw<'b>(bank: &'b Bank, filter: &Filter, count: usize, seed: u64) -> Vec<&'b Question> {
    use rand::SeedableRng;
    pick(filter.apply(bank), count, &mut rand::rngs::StdRng::seed_from_u64(seed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::tests::sample_questions;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn same_seed_same_questions_in_same_order() {
        let qs = sample_questions(20);
        let refs: Vec<&Question> = qs.iter().collect();
        let mut reversed = refs.clone();
        reversed.reverse();
        let a = pick(refs.clone(), 5, &mut StdRng::seed_from_u64(7));
        let b = pick(reversed, 5, &mut StdRng::seed_from_u64(7));
        let ids = |v: &[&Question]| v.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        let c = pick(refs.clone(), 5, &mut StdRng::seed_from_u64(8));
        assert_ne!(ids(&a), ids(&c));
    }

    #[test]
    fn count_is_capped_by_candidates() {
        let qs = sample_questions(3);
        let refs: Vec<&Question> = qs.iter().collect();
        assert_eq!(pick(refs, 10, &mut StdRng::seed_from_u64(1)).len(), 3);
    }
}
