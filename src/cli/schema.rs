//! `monograph schema`: print a JSON Schema compiled in from `schema/`.

use super::Outcome;
use super::args::SchemaArgs;

pub(crate) fn run(args: &SchemaArgs) -> anyhow::Result<Outcome> {
    match &args.name {
        None => {
            for (name, _) in crate::schema::SCHEMAS {
                println!("{name}");
            }
        }
        Some(name) => {
            let schema = crate::schema::schema(name)
                .ok_or_else(|| anyhow::anyhow!("no schema named `{name}`; run `monograph schema` for the list"))?;
            print!("{schema}");
        }
    }
    Ok(Outcome::Success)
}
