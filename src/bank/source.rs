//! Where bank files come from: the built-in bank embedded at build time, and
//! user files or directories named with `--bank` / `DRILL_BANK`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::assemble::Keep;
use super::parse::SourceFile;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
    include!(concat!(env!("OUT_DIR"), "/builtin_hash.rs"));
}

/// A hash of the built-in bank as this build embeds it; it changes
/// whenever any built-in question does.
pub fn builtin_hash() -> u64 {
    embedded::BUILTIN_HASH
}

/// How deep `--bank DIR` descends; deeper trees are almost surely a mistake.
const MAX_DEPTH: usize = 16;

/// A bank path that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The path does not exist.
    #[error("bank path `{0}` does not exist; check the --bank argument or DRILL_BANK")]
    NotFound(String),
    /// A file or directory could not be read.
    #[error("cannot read bank path `{path}`: {reason}; check its permissions")]
    Read {
        /// The path.
        path: String,
        /// The I/O error (in the message; not a `source`, which would
        /// print it twice).
        reason: io::Error,
    },
    /// A directory holds no `.toml` files.
    #[error("bank directory `{0}` holds no .toml files; bank files end in .toml")]
    Empty(String),
}

/// The built-in bank, loaded and validated by the build script and stored
/// in the binary in [`super::codec`] form: decoding it costs a fraction of
/// a millisecond, where parsing its TOML would cost several.
pub fn builtin_bank() -> super::Bank {
    static ENCODED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.bin"));
    match super::codec::decode(ENCODED) {
        Ok(bank) => bank,
        // Only a broken build gets here; the TOML is embedded too, so fall
        // back to it rather than refuse to start.
        Err(_) => super::assemble::load(&builtin()).bank.unwrap_or_default(),
    }
}

/// The built-in bank's files, borrowed from the binary.
pub fn builtin() -> Vec<SourceFile> {
    embedded::BUILTIN
        .iter()
        .map(|(path, text)| SourceFile { path: (*path).to_string(), bytes: Cow::Borrowed(text.as_bytes()) })
        .collect()
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The entries of a directory, as the walk lists them (a parameter, so a
/// folder that cannot be listed can be tested without a filesystem that
/// refuses its owner).
type ListDir<'a> = &'a dyn Fn(&Path) -> io::Result<Vec<PathBuf>>;

fn read_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    Ok(fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect())
}

fn walk(
    dir: &Path,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
    list_dir: ListDir<'_>,
) -> Result<(), SourceError> {
    let real = fs::canonicalize(dir).map_err(|source| SourceError::Read { path: display(dir), reason: source })?;
    // A symlink loop would otherwise recurse until the depth limit.
    if depth > MAX_DEPTH || !seen.insert(real) {
        return Ok(());
    }
    let mut paths = list_dir(dir).map_err(|source| SourceError::Read { path: display(dir), reason: source })?;
    paths.sort();
    for path in paths {
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        match fs::metadata(&path) {
            // A subfolder that cannot be listed is one located problem
            // beside the others (reading it reports why), not the end of
            // the whole run.
            Ok(meta) if meta.is_dir() => {
                if walk(&path, depth + 1, seen, out, list_dir).is_err() {
                    out.push(path);
                }
            }
            Ok(meta) if meta.is_file() && is_toml => out.push(path),
            // FIFOs, sockets and devices are not bank files, and reading a
            // FIFO would wait forever.
            Ok(_) => {}
            // A dangling link or an unreadable entry: reading it reports why.
            Err(_) if is_toml => out.push(path),
            Err(_) => {}
        }
    }
    Ok(())
}

/// The bank files a path names: the file itself, or every regular `.toml`
/// file under a directory (sorted, so load order and `--seed` replays are
/// stable). Other files, FIFOs and devices are ignored; a `.toml` entry
/// that cannot be inspected is kept, so reading it reports why. Nothing is
/// read yet.
pub fn list(path: &Path) -> Result<Vec<PathBuf>, SourceError> {
    list_with(path, &read_dir)
}

fn list_with(path: &Path, list_dir: ListDir<'_>) -> Result<Vec<PathBuf>, SourceError> {
    let meta = fs::metadata(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => SourceError::NotFound(display(path)),
        _ => SourceError::Read { path: display(path), reason: source },
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    walk(path, 0, &mut HashSet::new(), &mut files, list_dir)?;
    if files.is_empty() {
        return Err(SourceError::Empty(display(path)));
    }
    Ok(files)
}

/// Bank files to parse, in load order: the built-in bank's embedded TOML
/// (when asked for), then files on disk, each read only while it is parsed.
pub struct Files {
    embedded: Vec<SourceFile>,
    disk: Vec<PathBuf>,
}

impl Files {
    /// The embedded files when `builtin`, then `disk`.
    pub fn new(builtin: bool, disk: Vec<PathBuf>) -> Files {
        Files { embedded: if builtin { self::builtin() } else { Vec::new() }, disk }
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.embedded.len() + self.disk.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes of file `i` (at most one past the file limit).
    pub fn read(&self, i: usize) -> io::Result<Cow<'_, [u8]>> {
        match self.embedded.get(i) {
            Some(f) => Ok(Cow::Borrowed(&*f.bytes)),
            None => read_limited(&self.disk[i - self.embedded.len()]).map(Cow::Owned),
        }
    }

    /// Parses and validates the files on top of `base`, whose own files
    /// are `base_files`.
    pub fn load_onto(&self, base: super::Bank, base_files: &[SourceFile]) -> super::Report {
        self.load(base, base_files, Keep::Questions)
    }

    /// Parses and validates the files, keeping only counts: the report
    /// has no bank, and memory stays flat however large the files.
    pub fn check(&self) -> super::Report {
        self.load(super::Bank::default(), &[], Keep::Counts)
    }

    fn load(&self, base: super::Bank, base_files: &[SourceFile], keep: Keep) -> super::Report {
        let paths: Vec<String> =
            self.embedded.iter().map(|f| f.path.clone()).chain(self.disk.iter().map(|p| display(p))).collect();
        super::assemble::load_with(base, base_files, &paths, keep, super::parse::MAX_TOTAL_BYTES, |i| self.read(i))
    }
}

/// Reads at most one byte past the file limit, so a huge file is reported
/// by the loader without being read whole.
fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    use io::Read;
    let mut bytes = Vec::new();
    fs::File::open(path)?.take(super::parse::MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An unreadable subfolder ended the whole run with one unlocated
    /// error; it is now a path like any other, which reading reports.
    #[test]
    fn a_subfolder_that_cannot_be_listed_does_not_end_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.toml"), "").unwrap();
        fs::create_dir(dir.path().join("locked")).unwrap();
        fs::write(dir.path().join("locked").join("b.toml"), "").unwrap();
        fs::write(dir.path().join("z.toml"), "").unwrap();
        let refuse = |d: &Path| {
            if d.ends_with("locked") { Err(io::Error::from(io::ErrorKind::PermissionDenied)) } else { read_dir(d) }
        };
        let files = list_with(dir.path(), &refuse).unwrap();
        let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a.toml", "locked", "z.toml"], "the folder is kept, to be reported where it is");
    }

    /// The reason was printed twice: "Permission denied (os error 13);
    /// check its permissions: Permission denied (os error 13)".
    #[test]
    fn an_io_reason_is_printed_once() {
        let reason = io::Error::from(io::ErrorKind::PermissionDenied);
        let shown = reason.to_string();
        let err = anyhow::Error::from(SourceError::Read { path: "bank".into(), reason });
        assert_eq!(format!("{err:#}").matches(&shown).count(), 1, "{err:#}");
    }

    fn names(files: &[PathBuf], root: &Path) -> Vec<String> {
        files.iter().map(|f| f.strip_prefix(root).unwrap().to_string_lossy().into_owned()).collect()
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_walk_survives_loops_fifos_and_dangling_links() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("a.toml"), "x").unwrap();
        fs::write(root.join("notes.md"), "not a bank").unwrap();
        fs::write(root.join("sub/b.toml"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("missing.toml"), root.join("dangling.toml")).unwrap();
        let fifo = root.join("pipe.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());

        let files = list(root).unwrap();
        // The loop is followed once (its files are not listed twice), the
        // FIFO is skipped rather than read, the dangling link is kept.
        assert_eq!(names(&files, root), ["a.toml", "dangling.toml", "sub/b.toml"], "fifo made: {made}");
        let report = Files::new(false, files).load_onto(super::super::Bank::default(), &[]);
        let dangling = report.diagnostics.iter().find(|d| d.path.ends_with("dangling.toml")).unwrap();
        assert!(dangling.message.starts_with("cannot read this file: No such file or directory"), "{dangling}");
    }

    #[test]
    fn the_pre_parsed_builtin_bank_is_exactly_what_its_toml_loads_to() {
        let parsed = super::super::assemble::load(&builtin()).bank.expect("the built-in bank is valid");
        assert_eq!(builtin_bank(), parsed);
        assert!(parsed.questions.len() >= 150);
    }

    #[test]
    fn a_user_file_cannot_reuse_a_builtin_id() {
        let base = builtin_bank();
        let taken = &base.questions[3];
        let file = crate::synth::topic_file(1, 0, 1).replace("id = \"t0-q0\"", &format!("id = \"{}\"", taken.id));
        let report = super::super::assemble::load_onto(
            base.clone(),
            &builtin(),
            &[SourceFile { path: "mine.toml".into(), bytes: file.into_bytes().into() }],
        );
        assert!(report.bank.is_none());
        let message = report.diagnostics[0].to_string();
        let origin = &base.files[taken.origin.file as usize];
        assert!(message.contains(&format!("duplicate id `{}`: already used at {origin}:", taken.id)), "{message}");
    }
}
