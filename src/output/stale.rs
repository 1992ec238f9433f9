//! Leftovers of interrupted runs beside the output directory.
//!
//! [`super::write`] builds the new output in `.<DIR>.tmp-<pid>` and swaps
//! it in through `.<DIR>.old-<pid>`. A run killed by Ctrl-C (SIGINT has no
//! handler, so the process just ends) leaves the temporary directory behind;
//! one killed between the two renames leaves the previous output as
//! `.<DIR>.old-<pid>` and no `DIR`. Neither is ever read as output, but both
//! would pile up, so the next run sweeps them before it writes.

use std::path::{Path, PathBuf};

/// Removes the temporary directories of dead runs beside `dir`, and when
/// `dir` is missing but a dead run left the previous output aside, puts
/// that output back. Directories of runs still alive are left alone, so two
/// runs may target the same directory. Errors are ignored: a leftover that
/// cannot be removed is harmless.
pub fn sweep(dir: &Path) {
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let mut old: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else { continue };
        let (kind, pid) = match rest.split_once('-') {
            Some((kind @ ("tmp" | "old"), pid)) if pid.parse::<u32>().is_ok() => (kind, pid),
            _ => continue,
        };
        if pid == std::process::id().to_string() || is_alive(pid, &entry.path()) {
            continue;
        }
        if kind == "tmp" {
            let _ = std::fs::remove_dir_all(entry.path());
        } else {
            old.push(entry.path());
        }
    }
    old.sort();
    for path in old {
        if !dir.exists() && path.join("manifest.json").is_file() {
            let _ = std::fs::rename(&path, dir);
        } else {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Whether the run that owns a leftover may still be writing it. On Linux
/// `/proc` answers; elsewhere a leftover younger than an hour is assumed to
/// belong to a live run.
fn is_alive(pid: &str, leftover: &Path) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new("/proc").join(pid).exists();
    }
    let age = std::fs::metadata(leftover).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    age.is_none_or(|a| a.as_secs() < 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pid no process has: above the Linux maximum (2^22).
    const DEAD: u32 = 4_194_305;

    #[test]
    fn leftovers_of_dead_runs_are_swept_and_live_ones_kept() {
        let tmp = std::env::temp_dir().join(format!("monograph-sweep-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let out = tmp.join("out");
        std::fs::create_dir_all(&out).unwrap();
        let dead = tmp.join(format!(".out.tmp-{DEAD}"));
        let live = tmp.join(".out.tmp-1");
        let other = tmp.join(format!(".other.tmp-{DEAD}"));
        for d in [&dead, &live, &other] {
            std::fs::create_dir_all(d).unwrap();
        }
        sweep(&out);
        assert!(!dead.exists());
        assert!(other.exists(), "only leftovers of this output directory are touched");
        if Path::new("/proc/1").exists() {
            assert!(live.exists(), "pid 1 is alive");
        }
        // The previous output set aside by a run killed between its renames comes back.
        std::fs::remove_dir_all(&out).unwrap();
        let old = tmp.join(format!(".out.old-{DEAD}"));
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("manifest.json"), "{}").unwrap();
        sweep(&out);
        assert!(out.join("manifest.json").is_file() && !old.exists());
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
