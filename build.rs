//! Embeds the bundled sample articles (assets/samples/*) in the binary, so the reader runs on them
//! from any folder.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("assets/samples");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("&[\n");
    for name in names {
        let path = fs::canonicalize(dir.join(&name)).expect("sample path");
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?}) as &[u8]),\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("samples.rs");
    fs::write(out, code).expect("write samples.rs");
}
