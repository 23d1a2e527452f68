//! The `tidings` command: the reader, or a subcommand for scripts.

fn main() {
    println!("tidings");
}
