//! Files on disk: the one way `drill` replaces a file. A new file is
//! written beside the target under an unpredictable name (created with
//! `O_EXCL` by `tempfile`, so a planted link is never followed), flushed
//! to disk when the data matters, then renamed over the target, so a
//! reader sees the old file or the new one, never half of either. A write
//! that fails or is killed leaves at most a `.drill-*.tmp` file, which
//! [`prune_temp`] removes later.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The prefix and suffix of temporary files, so they can be found again.
const PREFIX: &str = ".drill-";
const SUFFIX: &str = ".tmp";

/// Whether the new file must be on disk before it replaces the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync before the rename: for what the user asked to keep.
    Synced,
    /// No fsync: for caches, where a torn file is only re-made.
    Cache,
}

/// Replaces `path` with what `write` writes, atomically.
pub fn replace<E>(
    path: &Path,
    durability: Durability,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<io::Error>,
{
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new().prefix(PREFIX).suffix(SUFFIX).tempfile_in(dir)?;
    let mut out = BufWriter::new(tmp);
    write(&mut out)?;
    let tmp = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    if durability == Durability::Synced {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes what the user named: through a symlink to its target (the link
/// stays a link), straight into something that is not a regular file (a
/// FIFO, `/dev/stdout`, a device: replacing it would destroy it), and
/// otherwise by [`replace`], atomically.
pub fn write_to<E>(
    path: &Path,
    durability: Durability,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<io::Error>,
{
    let target = resolve_links(path)?;
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            Err(io::Error::new(io::ErrorKind::IsADirectory, format!("`{}` is a directory", target.display())).into())
        }
        Ok(meta) if !meta.is_file() => {
            let mut out = BufWriter::new(fs::OpenOptions::new().write(true).open(&target)?);
            write(&mut out)?;
            out.flush()?;
            Ok(())
        }
        _ => replace(&target, durability, write),
    }
}

/// The path a chain of symlinks ends at (which may not exist yet).
fn resolve_links(path: &Path) -> io::Result<std::path::PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!("`{}` is a loop of symbolic links", path.display())))
}

/// Removes temporary files in `dir` left by writes killed over an hour
/// ago (a live write is never that old).
pub fn prune_temp(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let old = SystemTime::now().checked_sub(Duration::from_secs(3600));
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        if modified.zip(old).is_some_and(|(m, old)| m < old) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        replace::<io::Error>(&path, Durability::Synced, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_removes_its_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        let err = replace(&path, Durability::Cache, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Two writers to one path never share a temporary file: each lands
    /// whole, and the last rename wins.
    #[test]
    fn concurrent_writes_to_one_path_do_not_collide() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::thread::scope(|s| {
            for i in 0..8 {
                let path = &path;
                s.spawn(move || {
                    replace::<io::Error>(path, Durability::Cache, |w| {
                        w.write_all(format!("{i}").repeat(10_000).as_bytes())
                    })
                    .unwrap()
                });
            }
        });
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.len(), 10_000);
        assert!(text.chars().all(|c| c == text.chars().next().unwrap()));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// `export --out` replaced a symlink with a file and a FIFO or device
    /// with a regular file.
    #[cfg(unix)]
    #[test]
    fn links_are_written_through_and_special_files_are_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        write_to::<io::Error>(&link, Durability::Synced, |w| w.write_all(b"through the link")).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(fs::read_to_string(&target).unwrap(), "through the link");
        write_to::<io::Error>(Path::new("/dev/null"), Durability::Synced, |w| w.write_all(b"gone")).unwrap();
        assert!(!fs::metadata("/dev/null").unwrap().is_file(), "the device is still a device");
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let reader = std::thread::spawn({
            let fifo = fifo.clone();
            move || fs::read_to_string(fifo).unwrap()
        });
        write_to::<io::Error>(&fifo, Durability::Synced, |w| w.write_all(b"down the pipe")).unwrap();
        assert_eq!(reader.join().unwrap(), "down the pipe");
        assert!(!fs::metadata(&fifo).unwrap().is_file(), "the FIFO is still a FIFO");
        // A link planted where a predictable temp file would go is never
        // followed: temp names are random and created exclusively.
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join(".out.md.drill-tmp")).unwrap();
        write_to::<io::Error>(&dir.path().join("out.md"), Durability::Synced, |w| w.write_all(b"x")).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        let err = write_to::<io::Error>(dir.path(), Durability::Synced, |w| w.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
    }

    #[test]
    fn only_old_temp_files_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".drill-abc.tmp");
        let fresh = dir.path().join(".drill-def.tmp");
        let other = dir.path().join("keep.tmp");
        for p in [&stale, &fresh, &other] {
            fs::write(p, "x").unwrap();
        }
        let two_hours_ago = SystemTime::now() - Duration::from_secs(7200);
        for p in [&stale, &other] {
            fs::File::options().write(true).open(p).unwrap().set_modified(two_hours_ago).unwrap();
        }
        prune_temp(dir.path());
        assert!(!stale.exists());
        assert!(fresh.exists() && other.exists());
    }
}
