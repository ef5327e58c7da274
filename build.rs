//! Embeds the built-in question bank (`questions/**/*.toml`) into the binary,
//! so `drill` works from a single file, from any directory, offline.
//!
//! The bank is also loaded here with the crate's own loader and stored
//! pre-parsed (`builtin.bin`), so start-up never parses it; its TOML stays
//! embedded for `drill validate` and for locating duplicate ids. A broken
//! built-in bank fails the build with the loader's messages.

// The crate's loader, compiled into the build script. Parts of these modules
// serve only the runtime.
#![allow(dead_code, unused_imports)]
#[path = "src/bank/assemble.rs"]
mod assemble;
#[path = "src/bank/codec.rs"]
mod codec;
#[path = "src/bank/diag.rs"]
mod diag;
#[path = "src/bank/fields.rs"]
mod fields;
#[path = "src/bank/filter.rs"]
mod filter;
#[path = "src/bank/loops.rs"]
mod loops;
#[path = "src/bank/model.rs"]
mod model;
#[path = "src/bank/parse.rs"]
mod parse;
#[path = "src/bank/stages.rs"]
mod stages;
#[path = "src/text/mod.rs"]
mod text;
#[path = "src/bank/values.rs"]
mod values;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let questions = root.join("questions");
    println!("cargo:rerun-if-changed=questions");
    let mut files = Vec::new();
    collect(&questions, &mut files);
    files.sort();
    let mut code = String::from("/// The built-in bank: (display path, TOML text), sorted by path.\n");
    code.push_str("pub static BUILTIN: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", file.display().to_string()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("builtin.rs"), code).unwrap();

    let sources: Vec<parse::SourceFile> = files
        .iter()
        .map(|file| parse::SourceFile {
            path: file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"),
            bytes: fs::read(file).unwrap().into(),
        })
        .collect();
    let report = assemble::load(&sources);
    let Some(bank) = report.bank else {
        for d in &report.diagnostics {
            eprintln!("{d}\n");
        }
        panic!("the built-in bank has {} error(s); fix them (see above) or run `drill validate`", report.errors());
    };
    let encoded = codec::encode(&bank);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&encoded, &mut hasher);
    let hash = std::hash::Hasher::finish(&hasher);
    fs::write(out.join("builtin.bin"), encoded).unwrap();
    fs::write(
        out.join("builtin_hash.rs"),
        format!("/// A hash of the pre-parsed built-in bank.\npub const BUILTIN_HASH: u64 = {hash:#x};\n"),
    )
    .unwrap();
}
