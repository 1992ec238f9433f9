//! `monograph validate`: check an output directory against the schemas.

use super::Outcome;
use super::args::ValidateArgs;

pub(crate) fn run(args: &ValidateArgs) -> anyhow::Result<Outcome> {
    let problems = crate::schema::validate_dir(&args.dir)?;
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        eprintln!("monograph: {} is valid", args.dir.display());
        Ok(Outcome::Success)
    } else {
        eprintln!("monograph: {} problem(s) in {}", problems.len(), args.dir.display());
        Ok(Outcome::Partial)
    }
}
