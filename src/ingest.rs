//! Ingest: walks input paths, reads files, refuses what cannot be a
//! document, and decodes the rest to text without moving any byte.
//!
//! Decoding keeps offsets: a UTF-8 byte-order mark becomes three spaces and
//! an invalid byte becomes one `?`, so a byte offset into the decoded text is
//! also an offset into the file. Nothing here parses documents.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Why an input was skipped.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file has no bytes, or only whitespace.
    #[error("empty file")]
    Empty,
    /// The file looks binary (NUL bytes or mostly control characters).
    #[error("binary data, not a text document")]
    Binary,
    /// UTF-16 text, which the tool does not decode.
    #[error("UTF-16 text is not supported; convert it to UTF-8")]
    Utf16,
    /// The file is larger than `--max-bytes`.
    #[error("file is {bytes} bytes, over the limit of {limit} bytes (--max-bytes)")]
    TooLarge {
        /// Size of the file.
        bytes: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// A directory symlink points back into a directory being walked.
    #[error("symlink loop: {0} was already visited")]
    SymlinkLoop(String),
    /// Reading failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// One input found by the walk: a file to read, or a path that failed.
#[derive(Debug)]
pub struct Found {
    /// The path as it will be shown in output.
    pub path: PathBuf,
    /// Why the path cannot be read at all, when it cannot.
    pub error: Option<InputError>,
}

/// Walks `paths`: files are taken as given, directories recursively in
/// sorted order. The result is sorted by path and has no duplicates.
/// Directory symlink loops are detected by canonical path, and the walk is
/// iterative, so deep trees cannot overflow the stack.
pub fn walk(paths: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut seen_files = BTreeSet::new();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                let error =
                    if e.kind() == std::io::ErrorKind::NotFound { InputError::NotFound } else { InputError::Io(e) };
                out.push(Found { path: root.clone(), error: Some(error) });
                continue;
            }
        };
        if !meta.is_dir() {
            if seen_files.insert(canonical(root)) {
                out.push(Found { path: root.clone(), error: None });
            }
            continue;
        }
        let mut visited_dirs = BTreeSet::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let real_dir = canonical(&dir);
            if !visited_dirs.insert(real_dir.clone()) {
                out.push(Found { path: dir.clone(), error: Some(InputError::SymlinkLoop(dir.display().to_string())) });
                continue;
            }
            // The entry's type comes with the directory listing: only a
            // symlink (or a file system that does not say) costs a stat.
            let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = match std::fs::read_dir(&dir) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok()))).collect(),
                Err(e) => {
                    out.push(Found { path: dir.clone(), error: Some(InputError::Io(e)) });
                    continue;
                }
            };
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            // Reverse so the stack pops in sorted order.
            for (path, file_type) in entries.into_iter().rev() {
                let is_hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if is_hidden {
                    continue;
                }
                let (is_dir, real) = match file_type {
                    Some(t) if t.is_dir() => (true, None),
                    // A plain file in a directory whose real path is known.
                    Some(t) if t.is_file() => (false, path.file_name().map(|n| real_dir.join(n))),
                    _ => match std::fs::metadata(&path) {
                        Ok(m) => (m.is_dir(), None),
                        Err(e) => {
                            out.push(Found { path, error: Some(InputError::Io(e)) });
                            continue;
                        }
                    },
                };
                if is_dir {
                    stack.push(path);
                } else if seen_files.insert(real.unwrap_or_else(|| canonical(&path))) {
                    out.push(Found { path, error: None });
                }
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    out
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads a file, refusing it before reading when it is over `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > limit {
        return Err(InputError::TooLarge { bytes: meta.len(), limit });
    }
    let bytes = std::fs::read(path)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { bytes: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Decoded text with the same byte length as the input, plus what decoding
/// had to change.
#[derive(Debug)]
pub struct Decoded {
    /// The text; byte offsets equal file offsets.
    pub text: String,
    /// Warnings about replaced bytes.
    pub warnings: Vec<String>,
    /// Byte ranges that were replaced (the BOM, invalid sequences); evidence
    /// must not cover them.
    pub replaced: Vec<std::ops::Range<usize>>,
}

/// Decodes a file's bytes, or says why it is not a text document.
pub fn decode(bytes: &[u8]) -> Result<Decoded, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16);
    }
    if looks_binary(bytes) {
        return Err(InputError::Binary);
    }
    // Built as a `String` from validated pieces, so the text is never
    // validated a second time.
    let mut out = String::with_capacity(bytes.len());
    let mut warnings = Vec::new();
    let mut replaced = Vec::new();
    let mut rest = bytes;
    if rest.starts_with(&[0xEF, 0xBB, 0xBF]) {
        out.push_str("   ");
        replaced.push(0..3);
        warnings.push("UTF-8 byte-order mark ignored".to_string());
        rest = &rest[3..];
    }
    let mut invalid = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good);
                let at = out.len();
                if invalid == 0 {
                    warnings
                        .push(format!("invalid UTF-8 at byte {at}; invalid bytes replaced by `?` and never quoted"));
                }
                out.extend(std::iter::repeat_n('?', bad));
                replaced.push(at..at + bad);
                invalid += bad;
                rest = &rest[good + bad..];
            }
        }
    }
    if invalid > 1 {
        warnings.push(format!("{invalid} invalid UTF-8 bytes in all"));
    }
    let text = out;
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(Decoded { text, warnings, replaced })
}

/// NUL bytes, or more than one control character in ten, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    // Counted in chunks of at most 255 into a `u8`, which the compiler
    // turns into wide vector adds.
    let control: usize = head
        .chunks(255)
        .map(|chunk| {
            let n =
                chunk.iter().fold(0u8, |n, &b| n + u8::from(b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)));
            usize::from(n)
        })
        .sum();
    control * 10 > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_keeps_every_offset() {
        let d = decode(b"\xEF\xBB\xBFab\xFFcd").unwrap();
        assert_eq!(d.text, "   ab?cd");
        assert_eq!(d.replaced, [0..3, 5..6]);
        assert_eq!(d.warnings.len(), 2);
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(matches!(decode(b""), Err(InputError::Empty)));
        assert!(matches!(decode(b"  \n\t "), Err(InputError::Empty)));
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0"), Err(InputError::Binary)));
        assert!(matches!(decode(b"\xFF\xFEa\0b\0"), Err(InputError::Utf16)));
    }

    #[test]
    fn latin1_is_decoded_with_replacements() {
        let d = decode(b"caf\xE9 au lait").unwrap();
        assert_eq!(d.text, "caf? au lait");
    }
}
