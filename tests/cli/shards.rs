//! Sharded extraction (`extract --shard`) and `merge`: whatever the
//! sharding and the order shards are given in, the merged output is byte
//! for byte what one `extract` over the same inputs writes.

use std::path::{Path, PathBuf};

use crate::util::{Outcome, Run, assert_same_tree, monograph, root, statuses, temp};

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/bench/corpus.rs"]
mod corpus;

/// Every file `extract DIRS` reads (hidden names skipped), sorted, as the
/// paths the binary shows when run from the repository root.
fn files_under(dirs: &[String]) -> Vec<String> {
    let mut files = Vec::new();
    for dir in dirs {
        let mut stack = vec![root().join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(root()).unwrap_or(&path);
                    files.push(rel.to_string_lossy().into_owned());
                }
            }
        }
    }
    files.sort();
    files
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// `extract ARGS --out OUT` (with `--shard` when `shard`); exit 0 or 1.
fn extract(inputs: &[String], out: &Path, extra: &[&str]) -> Outcome {
    let mut args: Vec<String> = vec!["extract".into()];
    args.extend(extra.iter().map(|a| a.to_string()));
    args.extend(inputs.iter().cloned());
    args.extend(["--out".into(), s(out)]);
    let o = monograph(&args, &Run::default());
    assert!(o.code == 0 || o.code == 1, "extract failed: {}", o.stderr);
    o
}

fn merge(shards: &[PathBuf], out: &Path, extra: &[&str]) -> Outcome {
    let mut args: Vec<String> = vec!["merge".into()];
    args.extend(shards.iter().map(|p| s(p)));
    args.extend(["--out".into(), s(out)]);
    args.extend(extra.iter().map(|a| a.to_string()));
    monograph(&args, &Run::default())
}

/// Cuts `files` into `n` shards, round robin, so that every shard holds
/// paths from all over the sorted list, and writes each with `--shard`.
fn shards_of(files: &[String], n: usize, dir: &Path, extra: &[&str]) -> Vec<PathBuf> {
    (0..n)
        .map(|k| {
            let part: Vec<String> = files.iter().skip(k).step_by(n).cloned().collect();
            let out = dir.join(format!("shard-{n}-{k}"));
            let mut args = vec!["--shard"];
            args.extend_from_slice(extra);
            extract(&part, &out, &args);
            out
        })
        .collect()
}

#[test]
fn one_two_and_seven_shards_merge_to_the_single_run() {
    let tmp = temp();
    // Seeds, every fixture (bad files included: skipped and warned inputs
    // must survive the trip), 2,000 generated documents (the size),
    // and the seeds once more so that shards hold the same file stems and
    // merge must rename.
    let corpus = tmp.path().join("corpus");
    corpus::generate(&corpus, 2000, 7).unwrap();
    let again = tmp.path().join("seeds-again");
    crate::util::copy_files(&root().join("input"), &again);
    let dirs = vec!["input".to_string(), "tests/fixtures".to_string(), s(&corpus), s(&again)];
    let files = files_under(&dirs);
    assert!(files.len() > 100, "{} inputs", files.len());

    let single = tmp.path().join("single");
    let code = extract(&dirs, &single, &["--format", "csv"]).expect_code_matching(&single).code;
    assert_eq!(code, 1, "the fixtures hold skipped inputs");
    let ids: Vec<String> = crate::util::json(&single.join("manifest.json"))["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.iter().any(|id| id.ends_with("-2")), "no renamed source id: the test would not test renaming");

    for n in [1, 2, 7] {
        let mut shards = shards_of(&files, n, tmp.path(), &[]);
        // Shards in any order: last first, and the first in the middle.
        shards.reverse();
        shards.rotate_left(n / 2);
        let merged = tmp.path().join(format!("merged-{n}"));
        merge(&shards, &merged, &["--format", "csv"]).expect_code(code);
        assert_same_tree(&single, &merged, &format!("{n} shards must merge to the single run's bytes"));
    }
}

/// Shards that each hold `x.md` make ids unique only within themselves;
/// merge gives each input the id one run would (by path order, ignoring
/// case, past stems that already end in `-2`) and renames everything.
#[test]
fn colliding_stems_across_shards_get_the_single_runs_ids() {
    let tmp = temp();
    let seeds = files_under(&["input".to_string()]);
    let put = |rel: &str, from: &str| {
        let path = tmp.path().join("in").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(root().join(from), &path).unwrap();
        s(&path)
    };
    let a = put("a/x.md", &seeds[0]);
    let b = put("b/x.txt", &seeds[1]);
    let c = put("c/X.md", &seeds[2]);
    let d = put("d/x-2.md", &seeds[3]);
    let e = put("e/x.md", &seeds[4]);
    let single = tmp.path().join("single");
    extract(&[s(&tmp.path().join("in"))], &single, &[]).expect_code(0);
    let shard = |name: &str, inputs: &[String]| {
        let dir = tmp.path().join(name);
        extract(inputs, &dir, &["--shard"]).expect_code(0);
        dir
    };
    let shards = vec![shard("s1", &[e, a]), shard("s2", &[d, b]), shard("s3", &[c])];
    let merged = tmp.path().join("merged");
    merge(&shards, &merged, &[]).expect_code(0);
    assert_same_tree(&single, &merged, "renamed ids must be the single run's");
    let mut ids: Vec<String> = std::fs::read_dir(merged.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert_eq!(ids, ["X-3.json", "x-2-2.json", "x-2.json", "x-4.json", "x.json"]);
    // Every reference across files (claim ids in sources, monographs and
    // conflicts, each claim's source) holds after renaming.
    monograph(&["validate".to_string(), s(&merged)], &Run::default()).expect_code(0);
    // `merge --check` compares as `extract --check` does.
    let o = merge(&shards, &single, &["--check"]).expect_code(0);
    assert!(o.stderr.contains("is up to date"), "{}", o.stderr);
    std::fs::remove_file(single.join("sources/x-4.json")).unwrap();
    let o = merge(&shards, &single, &["--check"]).expect_code(1);
    assert!(o.stderr.contains("added:   sources/x-4.json"), "{}", o.stderr);
}

/// A path in two shards is read once, as when one run is given it twice;
/// if the two shards saw different bytes, no single run could have made
/// both, and merge refuses them.
#[test]
fn a_path_in_two_shards_counts_once_unless_they_disagree() {
    let tmp = temp();
    let files = files_under(&["input".to_string()]);
    let single = tmp.path().join("single");
    extract(&["input".to_string()], &single, &[]).expect_code(0);
    let s1 = tmp.path().join("s1");
    let s2 = tmp.path().join("s2");
    extract(&files[..3], &s1, &["--shard"]);
    extract(&files[2..], &s2, &["--shard"]);
    let merged = tmp.path().join("merged");
    merge(&[s2.clone(), s1.clone()], &merged, &[]).expect_code(0);
    assert_same_tree(&single, &merged, "an input held by two shards is listed once");

    // The same path, changed between the two shards' runs.
    let dir = tmp.path().join("in");
    crate::util::copy_files(&root().join("input"), &dir);
    let changing = s(&dir.join(Path::new(&files[0]).file_name().unwrap()));
    let s3 = tmp.path().join("s3");
    let s4 = tmp.path().join("s4");
    extract(std::slice::from_ref(&changing), &s3, &["--shard"]);
    std::fs::write(&changing, "# Other\n\nSomething else entirely.\n").unwrap();
    extract(std::slice::from_ref(&changing), &s4, &["--shard"]);
    let o = merge(&[s3, s4], &tmp.path().join("refused"), &[]).expect_code(2);
    assert!(o.stderr.contains(&changing) && o.stderr.contains("different results"), "{}", o.stderr);
    assert!(!tmp.path().join("refused").exists(), "a refused merge writes nothing");
}

/// A shard made by another version, schema, layout or lexicon set is
/// refused with an error that names it and what differs.
#[test]
fn shards_of_another_version_or_lexicon_are_refused() {
    let tmp = temp();
    let files = files_under(&["input".to_string()]);
    let good = tmp.path().join("good");
    extract(&files[..2], &good, &["--shard"]);
    let edit = |name: &str, key: &str, value: serde_json::Value| {
        let dir = tmp.path().join(name);
        extract(&files[2..], &dir, &["--shard"]);
        let path = dir.join("shard.json");
        let mut manifest = crate::util::json(&path);
        manifest[key] = value;
        std::fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
        dir
    };
    let cases = [
        (
            edit("tool", "tool", serde_json::json!({"name": "monograph", "version": "0.0.0-other"})),
            "tool monograph 0.0.0-other",
        ),
        (edit("schema", "schema_version", "0.9".into()), "schema version 0.9"),
        (edit("layout", "shard_version", 99.into()), "shard layout 99"),
        (edit("limit", "max_bytes", 1000.into()), "--max-bytes 1000"),
    ];
    for (bad, says) in &cases {
        let o = merge(&[good.clone(), bad.clone()], &tmp.path().join("out"), &[]).expect_code(2);
        assert!(o.stderr.contains(&s(bad)) && o.stderr.contains(says), "expected {says:?}, got {}", o.stderr);
    }

    // Another lexicon set: refused without it, merged with it.
    let lexicon = tmp.path().join("lexicon");
    std::fs::create_dir_all(&lexicon).unwrap();
    std::fs::write(lexicon.join("side_effects.tsv"), "hiccups\thiccough\n").unwrap();
    let lx = s(&lexicon);
    let other = tmp.path().join("other-lexicon");
    extract(&files[2..], &other, &["--shard", "--lexicon", &lx]);
    let o = merge(&[good.clone(), other.clone()], &tmp.path().join("out"), &[]).expect_code(2);
    assert!(o.stderr.contains(&s(&other)) && o.stderr.contains("lexicons"), "{}", o.stderr);
    let o = merge(&[good.clone(), other.clone()], &tmp.path().join("out"), &["--lexicon", &lx]).expect_code(2);
    assert!(o.stderr.contains(&s(&good)) && o.stderr.contains("lexicons"), "{}", o.stderr);
    let with = tmp.path().join("with-lexicon");
    extract(&files[..2], &with, &["--shard", "--lexicon", &lx]);
    merge(&[with, other], &tmp.path().join("out"), &["--lexicon", &lx]).expect_code(0);

    // Not a shard at all.
    let o = merge(&[root().join("output")], &tmp.path().join("out2"), &[]).expect_code(2);
    assert!(o.stderr.contains("is not a shard directory"), "{}", o.stderr);
}

/// Skipped inputs (bad files, a missing path) live in a shard's manifest
/// with their errors, come out of the merge as a single run lists them,
/// and make both exit 1.
#[test]
fn skipped_inputs_in_a_shard_are_listed_as_one_run_lists_them() {
    let tmp = temp();
    let mut bad = files_under(&["tests/fixtures/bad".to_string()]);
    bad.push("no/such/file.md".into());
    let good = files_under(&["input".to_string()]);
    let mut all = bad.clone();
    all.extend(good.iter().cloned());
    let single = tmp.path().join("single");
    extract(&all, &single, &[]).expect_code(1);
    let s1 = tmp.path().join("bad");
    extract(&bad, &s1, &["--shard"]).expect_code(1);
    let s2 = tmp.path().join("good");
    extract(&good, &s2, &["--shard"]).expect_code(0);
    let merged = tmp.path().join("merged");
    let o = merge(&[s2, s1], &merged, &[]).expect_code(1);
    assert!(o.stderr.contains("monograph: skipped no/such/file.md: no such file or directory"), "{}", o.stderr);
    assert_same_tree(&single, &merged, "skipped inputs must merge as a single run lists them");
    let st = statuses(&merged);
    assert_eq!(st["tests/fixtures/bad/empty.in"], ("skipped".to_string(), Some("empty file".to_string())));
}

/// Merge orders inputs as one run does: by path component, not by string
/// (`x/a.md` before `x-y/a.md`, though `-` sorts before `/`), and by the
/// real bytes of names that are not UTF-8 or hold a backslash, not as the
/// manifest shows them. The order decides which of two stems keeps the id.
#[cfg(unix)]
#[test]
fn inputs_are_ordered_by_path_as_one_run_orders_them() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let tmp = temp();
    let seeds = files_under(&["input".to_string()]);
    let dir = tmp.path().join("in");
    // Pairs whose stems collide: `a` and `a`; `a\u{fffd}` shown for both
    // invalid names (their bytes differ); `a_z` for the space and the
    // backslash, which the manifest shows as `/`.
    let names: [&[u8]; 6] = [b"x/a.md", b"x-y/a.md", b"a\xff.md", b"a\xf0.md", b"a\\z.md", b"a z.md"];
    let mut paths = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let path = dir.join(OsStr::from_bytes(name));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(root().join(&seeds[i % seeds.len()]), &path).unwrap();
        paths.push(path);
    }
    let single = tmp.path().join("single");
    extract(&[s(&dir)], &single, &[]).expect_code(0);
    // One shard per file, given in reverse.
    let shards: Vec<PathBuf> = paths
        .iter()
        .enumerate()
        .rev()
        .map(|(i, path)| {
            let out = tmp.path().join(format!("s{i}"));
            let args =
                [OsStr::new("extract"), OsStr::new("--shard"), path.as_os_str(), OsStr::new("--out"), out.as_os_str()];
            monograph(&args, &Run::default()).expect_code(0);
            out
        })
        .collect();
    let merged = tmp.path().join("merged");
    merge(&shards, &merged, &[]).expect_code(0);
    assert_same_tree(&single, &merged, "merge must order inputs by path as one run does");
    let manifest = crate::util::json(&single.join("manifest.json"));
    let id_of = |suffix: &str| {
        let inputs = manifest["inputs"].as_array().unwrap();
        let input = inputs.iter().find(|i| i["path"].as_str().unwrap().ends_with(suffix)).unwrap();
        input["id"].as_str().unwrap().to_string()
    };
    assert_eq!((id_of("/x/a.md"), id_of("/x-y/a.md")), ("a".to_string(), "a-2".to_string()));
    assert_eq!((id_of("/a z.md"), id_of("/a/z.md")), ("a_z".to_string(), "a_z-2".to_string()));
}
