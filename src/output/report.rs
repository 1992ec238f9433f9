//! The conflict report (`monograph conflicts`): what a reviewer reads to
//! see where sources disagree, with the quotes that disagree.
//!
//! Per drug, each conflict with its severity, summary and context, then each
//! position with its stance and, per claim, `path:line` and the quoted
//! evidence. The caller decides about colour; this module never looks at
//! the terminal. Text from the inputs is printed with control characters
//! replaced, so a hostile page cannot send escape sequences to a terminal.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::Run;
use crate::conflict::Conflict;
use crate::extract::Claim;

/// ANSI styles, or nothing when colour is off.
struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    fn severity(&self, severity: &str) -> String {
        let code = match severity {
            "high" => "1;31",
            "medium" => "1;33",
            _ => "1;36",
        };
        self.paint(code, &format!("[{severity}]"))
    }
}

/// One line, whitespace runs collapsed, control characters replaced.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| if c.is_control() { '\u{fffd}' } else { c }));
    }
    out
}

/// Writes the human-readable conflict report; `color` adds ANSI styles.
pub fn write_report(run: &Run, out: &mut impl Write, color: bool) -> io::Result<()> {
    let paint = Paint { on: color };
    // Claim id → (claim, input path): positions name claims by id only.
    let claims: BTreeMap<&str, (&Claim, &str)> = run
        .sources
        .iter()
        .flat_map(|s| s.claims.iter().map(move |c| (c.id.as_str(), (c, s.input.path.as_str()))))
        .collect();
    let mut by_drug: BTreeMap<&str, Vec<&Conflict>> = BTreeMap::new();
    for c in &run.conflicts {
        by_drug.entry(&c.drug).or_default().push(c);
    }
    if by_drug.is_empty() {
        let sources = run.sources.len();
        return writeln!(out, "No conflicts among {sources} source{}.", plural(sources));
    }
    for (drug, conflicts) in &by_drug {
        let n = conflicts.len();
        writeln!(out, "{}", paint.bold(&format!("{} — {n} conflict{}", clean(drug), plural(n))))?;
        for c in conflicts {
            writeln!(out)?;
            writeln!(
                out,
                "  {} {} {}",
                paint.severity(&c.severity),
                paint.bold(&clean(&c.subject)),
                paint.dim(&format!("({} · {})", c.kind, c.field))
            )?;
            writeln!(out, "  {}", clean(&c.summary))?;
            if !c.context.trim().is_empty() {
                writeln!(out, "  {} {}", paint.dim("context:"), clean(&c.context))?;
            }
            for p in &c.positions {
                let s = p.sources.len();
                writeln!(
                    out,
                    "    {} {}",
                    paint.bold(&clean(&p.stance)),
                    paint.dim(&format!("({s} source{})", plural(s)))
                )?;
                for id in &p.claims {
                    match claims.get(id.as_str()) {
                        Some((claim, path)) => writeln!(
                            out,
                            "      {} “{}”",
                            paint.dim(&format!("{}:{}", clean(path), claim.evidence.line)),
                            clean(&claim.evidence.text)
                        )?,
                        None => writeln!(out, "      {} (claim not found)", clean(id))?,
                    }
                }
            }
        }
        writeln!(out)?;
    }
    let total = run.conflicts.len();
    let drugs = by_drug.len();
    writeln!(out, "{total} conflict{} in {drugs} drug{}.", plural(total), plural(drugs))
}

/// Writes why one conflict was raised (`monograph conflicts --explain ID`):
/// what made its claims comparable, why they disagree, why its severity,
/// then each side's claims with `path:line`, the quote and the claim's
/// value, so the context fields can be checked against the quote.
pub fn write_explanation(
    run: &Run,
    conflict: &Conflict,
    lx: &crate::lexicon::Lexicon,
    out: &mut impl Write,
    color: bool,
) -> io::Result<()> {
    let paint = Paint { on: color };
    let claims: BTreeMap<&str, (&Claim, &str)> = run
        .sources
        .iter()
        .flat_map(|s| s.claims.iter().map(move |c| (c.id.as_str(), (c, s.input.path.as_str()))))
        .collect();
    let why = crate::conflict::explain(conflict, lx);
    writeln!(out, "{} {}", paint.severity(&conflict.severity), paint.bold(&clean(&conflict.id)))?;
    writeln!(out, "  {}", clean(&conflict.summary))?;
    writeln!(out, "  {} {}", paint.bold("comparable:"), clean(&why.comparable))?;
    writeln!(out, "  {} {}", paint.bold("disagree:"), clean(&why.disagree))?;
    writeln!(out, "  {} {}", paint.bold("severity:"), clean(&why.severity))?;
    for p in &conflict.positions {
        writeln!(out, "  {} {}", paint.bold(&clean(&p.stance)), paint.dim(&format!("({})", p.sources.join(", "))))?;
        for id in &p.claims {
            match claims.get(id.as_str()) {
                Some((claim, path)) => {
                    writeln!(
                        out,
                        "    {} “{}”",
                        paint.dim(&format!("{}:{}", clean(path), claim.evidence.line)),
                        clean(&claim.evidence.text)
                    )?;
                    let value = serde_json::to_string(&claim.value).unwrap_or_default();
                    writeln!(
                        out,
                        "      {} {} {}",
                        paint.dim(&format!("{} section {}", clean(id), claim.evidence.section.as_str())),
                        if claim.negated { "negated" } else { "affirmed" },
                        clean(&value)
                    )?;
                }
                None => writeln!(out, "    {} (claim not found)", clean(id))?,
            }
        }
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conflict::Position;
    use crate::extract::{Evidence, Kind, Value};
    use crate::model::SectionKind;
    use crate::{InputRecord, SourceResult, Status};

    fn source(id: &str, claims: Vec<Claim>) -> SourceResult {
        SourceResult {
            input: InputRecord {
                id: id.into(),
                path: format!("in/{id}.txt"),
                sha256: String::new(),
                bytes: 0,
                format: None,
                status: Status::Ok,
                error: None,
                warnings: Vec::new(),
            },
            doc: None,
            drug: None,
            claims,
        }
    }

    fn claim(source: &str, n: usize, negated: bool, text: &str, line: usize) -> Claim {
        Claim {
            id: format!("{source}#{n}"),
            drug: "sertraline".into(),
            kind: Kind::SideEffect,
            value: Value::SideEffect {
                term: "insomnia".into(),
                frequency: None,
                incidence: None,
                serious: None,
                context: None,
                codes: Vec::new(),
                normalized: true,
            },
            negated,
            hedged: false,
            evidence: Evidence {
                source: source.into(),
                section: SectionKind::SideEffects,
                heading: None,
                start: 0,
                end: text.len(),
                line,
                text: text.into(),
            },
        }
    }

    fn run_with_conflict() -> Run {
        let conflict = Conflict {
            id: "sertraline/side_effect/insomnia/polarity".into(),
            drug: "sertraline".into(),
            kind: "polarity".into(),
            field: "side_effect".into(),
            subject: "insomnia".into(),
            severity: "high".into(),
            summary: "1 source lists insomnia; 1 says sertraline does not cause it".into(),
            context: "therapeutic".into(),
            positions: vec![
                Position { stance: "affirmed".into(), sources: vec!["a".into()], claims: vec!["a#1".into()] },
                Position {
                    stance: "negated".into(),
                    sources: vec!["b".into()],
                    claims: vec!["b#1".into(), "b#9".into()],
                },
            ],
        };
        Run {
            sources: vec![
                source("a", vec![claim("a", 1, false, "Insomnia\n  and\x1b[31m tremor", 7)]),
                source("b", vec![claim("b", 1, true, "does not cause insomnia", 12)]),
            ],
            monographs: Vec::new(),
            conflicts: vec![conflict],
            lexicons: String::new(),
        }
    }

    fn report(run: &Run, color: bool) -> String {
        let mut out = Vec::new();
        write_report(run, &mut out, color).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_every_claim_with_path_and_line() {
        let text = report(&run_with_conflict(), false);
        assert!(text.contains("sertraline — 1 conflict"), "{text}");
        assert!(text.contains("[high] insomnia (polarity · side_effect)"), "{text}");
        assert!(text.contains("context: therapeutic"), "{text}");
        assert!(text.contains("in/a.txt:7 “Insomnia and\u{fffd}[31m tremor”"), "{text}");
        assert!(text.contains("in/b.txt:12 “does not cause insomnia”"), "{text}");
        assert!(text.contains("b#9 (claim not found)"), "{text}");
        assert!(!text.contains('\x1b'), "no escape codes without colour: {text}");
    }

    #[test]
    fn colour_only_when_asked() {
        let text = report(&run_with_conflict(), true);
        assert!(text.contains("\x1b[1;31m[high]\x1b[0m"), "{text}");
    }

    #[test]
    fn says_so_when_there_is_nothing_to_review() {
        let run = Run {
            sources: vec![source("a", Vec::new())],
            monographs: Vec::new(),
            conflicts: Vec::new(),
            lexicons: String::new(),
        };
        assert_eq!(report(&run, false), "No conflicts among 1 source.\n");
    }
}
