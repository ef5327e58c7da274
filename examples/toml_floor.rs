//! The floor for loading a bank: read every `.toml` file under a directory
//! and parse it into a generic `toml::Table`, nothing else. `drill validate`
//! on the same files is measured against this.

use std::path::Path;

fn walk(dir: &Path, total: &mut usize) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, total)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path)?;
            let table: toml::Table =
                text.parse().map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))?;
            *total += table.len();
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: toml_floor DIR");
    let mut total = 0;
    walk(Path::new(&dir), &mut total)?;
    println!("{total} top-level keys");
    Ok(())
}
