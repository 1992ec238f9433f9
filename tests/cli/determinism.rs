//! Output does not depend on thread count or on the order inputs are given.

use crate::util::{Run, assert_same_tree, monograph, root, temp};

#[test]
fn jobs_and_input_order_do_not_change_a_byte() {
    let tmp = temp();
    let run = |name: &str, jobs: &str, inputs: &[String]| {
        let out = tmp.path().join(name);
        let mut args: Vec<String> = vec!["extract".into(), "--jobs".into(), jobs.into()];
        args.extend(inputs.iter().cloned());
        args.extend(["--out".into(), out.to_string_lossy().into_owned()]);
        monograph(&args, &Run::default()).expect_code_matching(&out);
        out
    };
    let dirs = ["input".to_string(), "tests/fixtures".to_string()];
    // The same files named one by one, last first.
    let mut files = Vec::new();
    for dir in &dirs {
        let mut stack = vec![root().join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    files.sort();
    files.reverse();

    let one = run("one", "1", &dirs);
    let four = run("four", "4", &dirs);
    let reversed = run("reversed", "3", &files);
    let hint = "output must not depend on --jobs or input order (SPEC §2)";
    assert_same_tree(&one, &four, hint);
    assert_same_tree(&one, &reversed, hint);
}
