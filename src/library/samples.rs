//! The sample articles embedded in the binary (see build.rs): what the reader shows when there is
//! no configured library.

/// (file name, bytes) of every file in assets/samples, sorted by name.
pub static SAMPLES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/samples.rs"));

pub fn get(name: &str) -> Option<&'static [u8]> {
    SAMPLES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}
