//! Writes `data/communes.deflate`, the form of `data/communes.txt` the library embeds
//! (src/rules/postal.rs), after `tools/reference-data` has rebuilt the text file:
//!
//! ```text
//! cargo run --release --example pack_communes
//! ```
//!
//! The packed text holds the same lines in two blocks, which compress better than the lines
//! as they are: first the header line, then every postal code as its difference from the one
//! before (the codes are sorted, so these are small numbers), an empty line, and then every
//! code's names as the text file writes them, in the same order. The whole is compressed with
//! zopfli (raw deflate), whose output any inflater reads and which is smaller than zlib's
//! best level; the library inflates it once, on first use. A unit test of the library checks
//! that the packed file gives back the text file's table, line for line.

use std::num::NonZeroU64;

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = format!("{root}/data/communes.txt");
    let target = format!("{root}/data/communes.deflate");
    let text = match std::fs::read_to_string(&source) {
        Ok(t) => t,
        Err(e) => fail(&format!("{source}: {e}")),
    };
    let packed = pack(&text).unwrap_or_else(|line| fail(&format!("{source}: bad line {line:?}")));
    let options = zopfli::Options {
        iteration_count: NonZeroU64::new(15).unwrap_or(NonZeroU64::MIN),
        ..Default::default()
    };
    let mut out = Vec::new();
    if let Err(e) = zopfli::compress(
        options,
        zopfli::Format::Deflate,
        packed.as_bytes(),
        &mut out,
    ) {
        fail(&format!("zopfli: {e}"));
    }
    if let Err(e) = std::fs::write(&target, &out) {
        fail(&format!("{target}: {e}"));
    }
    println!("{target}: {} bytes from {} bytes", out.len(), text.len());
}

/// The packed text (see the module docs); `Err` with the first line that is not
/// `code:names`, or whose code is not above the previous one.
fn pack(text: &str) -> Result<String, String> {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let mut deltas = Vec::new();
    let mut names = Vec::new();
    let mut previous = 0u32;
    for line in lines {
        let bad = || line.to_string();
        let (code, rest) = line.split_once(':').ok_or_else(bad)?;
        let code: u32 = code.parse().map_err(|_| bad())?;
        let delta = code
            .checked_sub(previous)
            .filter(|d| *d > 0 || deltas.is_empty());
        deltas.push(delta.ok_or_else(bad)?.to_string());
        names.push(rest);
        previous = code;
    }
    Ok(format!(
        "{header}\n{}\n\n{}\n",
        deltas.join("\n"),
        names.join("\n")
    ))
}

fn fail(message: &str) -> ! {
    eprintln!("pack_communes: {message}");
    std::process::exit(1);
}
