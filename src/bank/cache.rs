//! A pre-parsed copy of a large user bank in the data directory, so every
//! command after the first skips parsing until a bank file changes.
//!
//! An entry is keyed by everything that could change the loaded bank: this
//! build of `drill` (and its built-in bank), whether the built-in bank is
//! included, and each file's path, size, modification time, inode and
//! inode change time (which a same-size edit with its modification time
//! set back still changes). The
//! key is stored inside the entry and compared whole, so a changed file is
//! always parsed again. The cache is only a speed-up: any failure to read
//! or write it falls back to parsing, silently. `drill validate` never uses
//! it.

use std::collections::HashSet;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::bank::{Bank, codec};

/// Banks smaller than this parse in a few milliseconds; caching them would
/// only leave files behind.
pub const MIN_BYTES: u64 = 1 << 20;
/// Entries kept; the oldest beyond this are removed.
const KEEP: usize = 4;
const DIR: &str = "bank-cache";

/// The cache key of a set of bank files, or `None` when one cannot be
/// inspected (the load will then report it) or the bank is too small.
pub fn key(builtin: bool, files: &[PathBuf]) -> Option<Vec<u8>> {
    // The codec's header is in the key: a cache written in an older form
    // is never found, let alone misread.
    let mut key = format!(
        "drill {} {} {:016x} builtin={builtin}\n",
        env!("CARGO_PKG_VERSION"),
        String::from_utf8_lossy(codec::MAGIC),
        crate::bank::source::builtin_hash()
    );
    let mut total = 0;
    for file in files {
        let meta = fs::metadata(file).ok()?;
        total += meta.len();
        let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
        key.push_str(&format!("{}\t{}\t{modified}\t{}\n", file.display(), meta.len(), identity(&meta)));
    }
    (total >= MIN_BYTES).then(|| key.into_bytes())
}

/// The inode and the inode's change time: a write changes the change time
/// even when the size stays and the modification time is set back (which
/// `touch -r` can do; nothing but the kernel sets the change time).
#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    format!("{}\t{}.{:09}", meta.ino(), meta.ctime(), meta.ctime_nsec())
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> String {
    String::new()
}

fn entry(data_dir: &Path, key: &[u8]) -> PathBuf {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    data_dir.join(DIR).join(format!("{:016x}.bin", h.finish()))
}

/// Reads a length-prefixed section at the start of `bytes`; returns it and
/// what follows.
fn section(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let len = usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
    let body = bytes.get(8..8usize.checked_add(len)?)?;
    Some((body, &bytes[8 + len..]))
}

/// The cached bank for `key`, if there is an intact one. Its text stays in
/// memory for the rest of the run, borrowed by the bank.
pub fn load(data_dir: &Path, key: &[u8]) -> Option<Bank> {
    let bytes: &'static [u8] = fs::read(entry(data_dir, key)).ok()?.leak();
    let (stored, rest) = section(bytes)?;
    if stored != key {
        return None;
    }
    let (_ids, encoded) = section(rest)?;
    codec::decode_untrusted(encoded).ok()
}

/// Only the question ids of the cached bank for `key`, read from the front
/// of the entry: what `drill stats` needs, at a fraction of the cost.
pub fn load_ids(data_dir: &Path, key: &[u8]) -> Option<HashSet<String>> {
    let mut file = fs::File::open(entry(data_dir, key)).ok()?;
    let mut head = vec![0u8; 8 + key.len() + 8];
    file.read_exact(&mut head).ok()?;
    let (stored, rest) = section(&head)?;
    if stored != key {
        return None;
    }
    let len = usize::try_from(u64::from_le_bytes(rest.try_into().ok()?)).ok()?;
    let mut ids = String::new();
    file.take(len as u64).read_to_string(&mut ids).ok()?;
    (ids.len() == len).then(|| ids.lines().map(str::to_owned).collect())
}

/// Stores `bank` under `key`, replacing any entry atomically, and prunes
/// old entries. Failures are ignored: the next run parses again.
pub fn store(data_dir: &Path, key: &[u8], bank: &Bank) {
    let path = entry(data_dir, key);
    let Some(dir) = path.parent() else { return };
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    // No fsync: a torn entry fails to decode and is parsed again, and the
    // rename keeps readers from ever seeing a half-written one.
    let written = crate::disk::replace(&path, crate::disk::Durability::Cache, |f| -> std::io::Result<()> {
        f.write_all(&(key.len() as u64).to_le_bytes())?;
        f.write_all(key)?;
        let ids: String = bank.questions.iter().flat_map(|q| [q.id.as_str(), "\n"]).collect();
        f.write_all(&(ids.len() as u64).to_le_bytes())?;
        f.write_all(ids.as_bytes())?;
        f.write_all(&codec::encode(bank))
    });
    crate::disk::prune_temp(dir);
    if written.is_ok() {
        prune(dir, &path);
    }
}

/// Removes all but the newest entries, never `current`.
fn prune(dir: &Path, current: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .filter(|(_, p)| p.extension().is_some_and(|x| x == "bin") && p != current)
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, old) in found.into_iter().skip(KEEP - 1) {
        let _ = fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank_dir(dir: &Path, questions: usize) -> Vec<PathBuf> {
        crate::synth::bank_files(5, questions, 2)
            .into_iter()
            .map(|(name, text)| {
                let path = dir.join(name);
                fs::write(&path, text).unwrap();
                path
            })
            .collect()
    }

    #[test]
    fn a_stored_bank_comes_back_until_a_file_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let files = bank_dir(tmp.path(), 300);
        let key = key(false, &files).expect("300 questions pass the size floor");
        let data = tmp.path().join("data");
        assert!(load(&data, &key).is_none());
        let bank = crate::synth::bank(5, 300, 2);
        store(&data, &key, &bank);
        assert_eq!(load(&data, &key).as_ref(), Some(&bank));
        let ids = load_ids(&data, &key).unwrap();
        assert_eq!(ids.len(), 300);
        assert!(bank.questions.iter().all(|q| ids.contains(q.id.as_str())));

        let mut text = fs::read_to_string(&files[0]).unwrap();
        text.push_str("\n# edited\n");
        fs::write(&files[0], text).unwrap();
        let changed = super::key(false, &files).unwrap();
        assert_ne!(changed, key);
        assert!(load(&data, &changed).is_none());
        assert!(load_ids(&data, &changed).is_none());
        assert_ne!(super::key(true, &files), Some(changed));
    }

    /// A same-size edit with the modification time set back served the
    /// stale copy.
    #[cfg(unix)]
    #[test]
    fn a_same_size_edit_with_its_time_set_back_is_still_noticed() {
        let tmp = tempfile::tempdir().unwrap();
        let files = bank_dir(tmp.path(), 300);
        let before = key(false, &files).unwrap();
        let mtime = fs::metadata(&files[0]).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let text = fs::read_to_string(&files[0]).unwrap().replacen("easy", "hard", 1);
        fs::write(&files[0], text).unwrap();
        fs::File::options().write(true).open(&files[0]).unwrap().set_modified(mtime).unwrap();
        assert_eq!(fs::metadata(&files[0]).unwrap().modified().unwrap(), mtime);
        assert_ne!(key(false, &files).unwrap(), before);
    }

    /// A cache entry is a file anyone with the data directory can edit:
    /// one whose text holds an escape is not used (the bank is parsed).
    #[test]
    fn an_entry_with_text_a_terminal_would_act_on_is_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let bank = crate::synth::bank(5, 10, 2);
        store(tmp.path(), b"key", &bank);
        let path = entry(tmp.path(), b"key");
        let mut bytes = fs::read(&path).unwrap();
        let at = bytes.len() - 10;
        bytes[at] = 0x1b;
        fs::write(&path, bytes).unwrap();
        assert!(load(tmp.path(), b"key").is_none());
    }

    #[test]
    fn small_banks_and_missing_files_are_not_cached() {
        let tmp = tempfile::tempdir().unwrap();
        let files = bank_dir(tmp.path(), 4);
        assert!(key(false, &files).is_none());
        assert!(key(false, &[tmp.path().join("nope.toml")]).is_none());
    }

    #[test]
    fn a_damaged_entry_is_ignored_and_old_entries_are_pruned() {
        let tmp = tempfile::tempdir().unwrap();
        let bank = crate::synth::bank(5, 10, 2);
        for i in 0..KEEP + 3 {
            store(tmp.path(), format!("key {i}").as_bytes(), &bank);
        }
        assert_eq!(fs::read_dir(tmp.path().join(DIR)).unwrap().count(), KEEP);
        assert!(load(tmp.path(), format!("key {}", KEEP + 2).as_bytes()).is_some(), "the newest entry stays");
        let key = b"damaged".to_vec();
        store(tmp.path(), &key, &bank);
        let path = entry(tmp.path(), &key);
        let mut bytes = fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 3);
        fs::write(&path, bytes).unwrap();
        assert!(load(tmp.path(), &key).is_none());
        let mut short = fs::read(&path).unwrap();
        short.truncate(8 + key.len() + 8 + 3);
        fs::write(&path, short).unwrap();
        assert!(load_ids(tmp.path(), &key).is_none(), "a cut ids section is not half-read");
    }
}
