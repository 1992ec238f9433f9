//! A deterministic benchmark corpus: documents about many drugs in the three
//! input formats, round-robin — markdown with YAML front matter, full HTML
//! pages with the usual boilerplate (styles, scripts, navigation, cookie
//! banner, footer) and plain-prose articles with unmarked headings, bullets
//! and flattened tables. Each document gets a title, intro, uses, dosing
//! (as a list, a table or prose), side effects in two tiers plus one
//! denied effect, contraindications, interactions, filler paragraphs, an
//! FAQ and references with DOIs.
//!
//! The idea follows `shared/bench/gen_corpus.py`, rewritten here so that
//! the benchmark needs nothing but this repository: the vocabulary comes
//! from the built-in lexicons (drug names, conditions, side effects,
//! routes), so every planted fact is one the extractor can recognise, and
//! the planted facts are returned for a truth file. Documents average
//! about 7.5 KB. Same seed and index → same bytes, on any platform.

use std::fmt::Write;

use monograph::lexicon::Lexicon;

/// Bumped whenever the documents change, so cached corpora are rebuilt.
pub const VERSION: &str = "1";

/// A small, fast, portable PRNG (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03);
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// `k` distinct items, in random order.
    pub fn sample<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut v = items.to_vec();
        self.shuffle(&mut v);
        v.truncate(k);
        v
    }
}

/// Route: canonical name, adjective, adverbial phrase, table cell.
const ROUTES: &[(&str, &str, &str, &str)] = &[
    ("intravenous", "intravenous", "intravenously", "IV"),
    ("intramuscular", "intramuscular", "intramuscularly", "IM"),
    ("subcutaneous", "subcutaneous", "subcutaneously", "Subcutaneous"),
    ("oral", "oral", "by mouth", "Oral"),
    ("intranasal", "intranasal", "as a nasal spray", "Intranasal"),
    ("topical", "topical", "to the skin", "Topical"),
    ("transdermal", "transdermal", "as a transdermal patch", "Transdermal"),
    ("sublingual", "sublingual", "under the tongue", "Sublingual"),
    ("rectal", "rectal", "rectally", "Rectal"),
];

/// Dose units as written, with typical (min, max) ranges.
const UNITS: &[(&str, f64, f64)] = &[
    ("mg", 5.0, 1000.0),
    ("mg/kg", 0.1, 10.0),
    ("mcg/kg", 1.0, 50.0),
    ("mg/kg/h", 0.05, 2.0),
    ("mcg/kg/min", 0.5, 20.0),
    ("units", 2.0, 80.0),
    ("g", 1.0, 4.0),
];

const FREQUENCIES: &[&str] = &["once daily", "twice daily", "every 8 hours", "once a week", "as a single dose"];

/// One drug's facts, the same in every document about it.
#[derive(Clone, Debug)]
pub struct Drug {
    pub name: String,
    pub class: String,
    pub uses: Vec<String>,
    pub routes: Vec<usize>,
    /// (min, max, unit, route index, use, frequency)
    pub doses: Vec<(f64, f64, &'static str, usize, String, &'static str)>,
    pub common: Vec<String>,
    pub serious: Vec<String>,
    pub denied: String,
    pub contra: Vec<String>,
    pub interactions: Vec<(String, String)>,
}

/// The drugs a corpus is about: `n` drugs from the lexicon, each with facts
/// drawn from the lexicon's tables.
pub fn drugs(lx: &Lexicon, seed: u64, n: usize) -> Vec<Drug> {
    let rows = |name: &str| lx.table(lx.id(name)).rows().to_vec();
    let drug_rows = rows("drugs");
    let mut names: Vec<String> = drug_rows
        .iter()
        .filter(|r| r.attr("type") == Some("drug") && r.attr("parent").is_none())
        .filter(|r| r.canonical.chars().all(|c| c.is_ascii_lowercase() || c == ' '))
        .map(|r| r.canonical.clone())
        .collect();
    let classes: Vec<String> =
        drug_rows.iter().filter(|r| r.attr("type") == Some("class")).map(|r| r.canonical.clone()).collect();
    let conditions: Vec<String> = rows("conditions")
        .into_iter()
        .filter(|r| r.attr("type").is_none() && r.canonical.chars().all(|c| c.is_ascii_lowercase() || c == ' '))
        .map(|r| r.canonical)
        .collect();
    let effects: Vec<String> = rows("side_effects")
        .into_iter()
        .filter(|r| r.canonical.chars().all(|c| c.is_ascii_lowercase() || c == ' '))
        .map(|r| r.canonical)
        .collect();
    let mut rng = Rng::new(seed, u64::MAX);
    rng.shuffle(&mut names);
    names.truncate(n);
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let k = rng.range(2, 4);
            let uses = rng.sample(&conditions, k);
            let mut routes: Vec<usize> = (0..ROUTES.len()).collect();
            rng.shuffle(&mut routes);
            routes.truncate(rng.range(1, 3));
            let doses = (0..rng.range(2, 4))
                .map(|_| {
                    let &(unit, lo, hi) = rng.pick(UNITS);
                    let min = round(lo + (hi - lo) * rng.below(100) as f64 / 200.0);
                    let max = if rng.chance(0.3) { min } else { round(min * (1.5 + rng.below(3) as f64)) };
                    let freq = if rng.chance(0.6) { *rng.pick(FREQUENCIES) } else { "" };
                    (min, max, unit, *rng.pick(&routes), rng.pick(&uses).clone(), freq)
                })
                .collect();
            let mut picked = rng.sample(&effects, 8);
            let denied = picked.pop().unwrap_or_default();
            let serious = picked.split_off(rng.range(3, 5));
            let k = rng.range(2, 3);
            let contra = rng.sample(&conditions, k);
            let k = rng.range(2, 3);
            let interactions = rng
                .sample(&classes, k)
                .into_iter()
                .map(|c| (c, format!("a higher risk of {}", rng.pick(&effects))))
                .collect();
            Drug {
                class: format!("{} agent", rng.pick(&["analgesic", "anti-inflammatory", "antidepressant", "sedative"])),
                name,
                uses,
                routes,
                doses,
                common: picked,
                serious,
                denied,
                contra,
                interactions,
            }
        })
        .collect()
}

fn round(v: f64) -> f64 {
    if v >= 10.0 { v.round() } else { (v * 10.0).round() / 10.0 }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn join(items: &[String], conj: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conj} {last}", init.join(", ")),
    }
}

fn dose_text(d: &(f64, f64, &str, usize, String, &str), rng: &mut Rng) -> String {
    let (min, max, unit) = (num(d.0), num(d.1), d.2);
    if min == max {
        format!("{min} {unit}")
    } else {
        match rng.below(3) {
            0 => format!("{min}-{max} {unit}"),
            1 => format!("{min}–{max} {unit}"),
            _ => format!("{min} to {max} {unit}"),
        }
    }
}

/// A planted fact list for the truth file.
pub fn truth(name: &str, format: &str, d: &Drug, dois: &[String]) -> serde_json::Value {
    serde_json::json!({
        "doc": name,
        "format": format,
        "drug": d.name,
        "uses": d.uses,
        "routes": d.routes.iter().map(|&r| ROUTES[r].0).collect::<Vec<_>>(),
        "dosages": d.doses.iter().map(|x| serde_json::json!({
            "min": x.0, "max": x.1, "unit": x.2, "route": ROUTES[x.3].0, "indication": x.4,
        })).collect::<Vec<_>>(),
        "side_effects": d.common.iter().chain(&d.serious).map(|s| serde_json::json!({"name": s, "negated": false}))
            .chain(std::iter::once(serde_json::json!({"name": d.denied, "negated": true}))).collect::<Vec<_>>(),
        "contraindications": d.contra,
        "interactions": d.interactions.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "citations": dois,
    })
}

/// Sentences of one document, realised with its own random choices.
struct Writer<'a> {
    d: &'a Drug,
    rng: Rng,
}

impl Writer<'_> {
    fn intro(&mut self) -> String {
        let d = self.d;
        let uses = join(&d.uses, "and");
        match self.rng.below(3) {
            0 => format!("{} is a {} used for {uses}.", cap(&d.name), d.class),
            1 => format!("Clinicians use {}, a {}, for {uses}.", d.name, d.class),
            _ => format!("{} is a widely used {}. Its main indications are {uses}.", cap(&d.name), d.class),
        }
    }

    fn routes(&mut self) -> String {
        let advs: Vec<String> = self.d.routes.iter().map(|&r| ROUTES[r].2.to_string()).collect();
        format!("{} can be given {}.", cap(&self.d.name), join(&advs, "or"))
    }

    fn dose(&mut self, i: usize) -> String {
        let x = &self.d.doses[i];
        let text = dose_text(x, &mut self.rng);
        let freq = if x.5.is_empty() { String::new() } else { format!(" {}", x.5) };
        match self.rng.below(3) {
            0 => format!("For {}, the usual {} dose is {text}{freq}.", x.4, ROUTES[x.3].1),
            1 => format!("When used for {}, adults typically receive {text} {}{freq}.", x.4, ROUTES[x.3].2),
            _ => format!("The recommended dose for {} is {text} given {}{freq}.", x.4, ROUTES[x.3].2),
        }
    }

    fn common(&mut self) -> String {
        format!("Common side effects include {}.", join(&self.d.common, "and"))
    }

    fn serious(&mut self) -> String {
        format!("Serious adverse effects include {}.", join(&self.d.serious, "and"))
    }

    fn denied(&mut self) -> String {
        let (d, x) = (&self.d.name, &self.d.denied);
        match self.rng.below(3) {
            0 => format!("{} does not cause {x}.", cap(d)),
            1 => format!("There is no evidence that {d} causes {x}."),
            _ => format!("Unlike some other agents, {d} does not typically cause {x}."),
        }
    }

    fn contra(&mut self) -> String {
        format!("Do not use {} in patients with {}.", self.d.name, join(&self.d.contra, "or"))
    }

    fn interaction(&mut self, i: usize) -> String {
        let (p, e) = &self.d.interactions[i];
        format!("Combining {} with {p} can lead to {e}.", self.d.name)
    }

    fn filler(&mut self) -> (String, String) {
        let (head, pool) = *self.rng.pick(FILLER);
        let k = self.rng.range(3, pool.len());
        let sentences = self.rng.sample(pool, k);
        let text = sentences.join(" ").replace("{drug}", &self.d.name).replace("{Drug}", &cap(&self.d.name));
        (head.to_string(), text)
    }

    fn citations(&mut self) -> Vec<(String, String)> {
        (0..self.rng.range(2, 4))
            .map(|_| {
                let year = self.rng.range(1995, 2024);
                let doi = format!(
                    "10.{}/j.{}.{year}.{:02}.{:03}",
                    self.rng.range(1000, 9999),
                    JOURNALS[self.rng.below(JOURNALS.len())].1.to_lowercase().replace(' ', ""),
                    self.rng.range(1, 12),
                    self.rng.range(1, 999)
                );
                let authors: Vec<String> = (0..self.rng.range(1, 4))
                    .map(|_| format!("{} {}", self.rng.pick(SURNAMES), self.rng.pick(&["A", "J", "MK", "S", "T"])))
                    .collect();
                let (journal, abbr) = *self.rng.pick(JOURNALS);
                let _ = journal;
                let use_ = self.rng.pick(&self.d.uses).clone();
                let title = format!("{} for {use_}: a randomized controlled trial", cap(&self.d.name));
                let text = format!(
                    "{}. {title}. {abbr}. {year};{}({}):{}-{}. doi:{doi}",
                    authors.join(", "),
                    self.rng.range(1, 300),
                    self.rng.range(1, 12),
                    100 + self.rng.below(800),
                    910 + self.rng.below(80),
                );
                (text, doi)
            })
            .collect()
    }
}

/// Document `index` of a corpus: its file name, bytes and planted facts.
pub fn document(drugs: &[Drug], seed: u64, index: usize) -> (String, String, serde_json::Value) {
    let mut rng = Rng::new(seed, index as u64);
    let d = rng.pick(drugs);
    let mut w = Writer { d, rng };
    let format = ["md", "html", "txt"][index % 3];
    let cites = w.citations();
    let text = match format {
        "md" => markdown(&mut w, &cites),
        "html" => html(&mut w, &cites),
        _ => prose(&mut w, &cites),
    };
    let name = format!("doc_{index:06}.{format}");
    let dois: Vec<String> = cites.iter().map(|(_, doi)| doi.clone()).collect();
    let truth = truth(&name, format, d, &dois);
    (name, text, truth)
}

/// The fact sections in a random order, with filler between them.
enum Part {
    Uses,
    Dosing,
    SideEffects,
    Contra,
    Interactions,
    Filler(String, String),
}

fn parts(w: &mut Writer<'_>) -> Vec<Part> {
    let mut parts = vec![Part::Uses, Part::Dosing, Part::SideEffects, Part::Contra, Part::Interactions];
    for _ in 0..w.rng.range(13, 19) {
        let (h, t) = w.filler();
        parts.push(Part::Filler(h, t));
    }
    w.rng.shuffle(&mut parts);
    parts
}

fn markdown(w: &mut Writer<'_>, cites: &[(String, String)]) -> String {
    let d = w.d;
    let mut s = String::new();
    let title = format!("{}: Uses, Dosage and Side Effects", cap(&d.name));
    let _ = write!(
        s,
        "---\ntitle: \"{title}\"\ndrug: {}\nauthor: \"{} {}, PharmD\"\ndate: 20{:02}-0{}-1{}\ntags: [{}, drug-monograph]\n---\n\n# {title}\n\n{} {}\n\n",
        d.name,
        w.rng.pick(FIRSTNAMES),
        w.rng.pick(SURNAMES),
        w.rng.range(15, 24),
        w.rng.range(1, 9),
        w.rng.range(0, 9),
        d.name.replace(' ', "-"),
        w.intro(),
        w.routes()
    );
    for part in parts(w) {
        match part {
            Part::Uses => {
                let _ = writeln!(s, "### Uses\n\n{} is used for:\n", cap(&d.name));
                for u in &d.uses {
                    let _ = writeln!(s, "* {}", cap(u));
                }
                s.push('\n');
            }
            Part::Dosing => {
                s.push_str("### Dosage\n\n");
                if w.rng.chance(0.4) {
                    s.push_str("| Route | Indication | Dose | Frequency |\n|---|---|---|---|\n");
                    for x in &d.doses {
                        let dose = dose_text(x, &mut w.rng);
                        let f = if x.5.is_empty() { "—" } else { x.5 };
                        let _ = writeln!(s, "| {} | {} | {dose} | {f} |", ROUTES[x.3].3, cap(&x.4));
                    }
                } else {
                    for i in 0..d.doses.len() {
                        let _ = writeln!(s, "- {}", w.dose(i));
                    }
                }
                s.push_str("\n**Note:** doses must be individualized; these are typical adult ranges.\n\n");
            }
            Part::SideEffects => {
                s.push_str("### Side effects\n\n**Common:**\n\n");
                for x in &d.common {
                    let _ = writeln!(s, "* {}", cap(x));
                }
                s.push_str("\n**Serious:**\n\n");
                for x in &d.serious {
                    let _ = writeln!(s, "- {}", cap(x));
                }
                let _ = writeln!(s, "\n{}\n", w.denied());
            }
            Part::Contra => {
                let _ = writeln!(s, "### Contraindications\n\n{}\n", w.contra());
            }
            Part::Interactions => {
                let text: Vec<String> = (0..d.interactions.len()).map(|i| w.interaction(i)).collect();
                let _ = writeln!(s, "### Interactions\n\n{}\n", text.join(" "));
            }
            Part::Filler(h, t) => {
                let _ = writeln!(s, "### {h}\n\n{t}\n");
            }
        }
    }
    faq(w, &mut s, |q, a| format!("**{q}**\n\n{a}\n\n"), "### Frequently asked questions\n\n");
    s.push_str("## References\n\n");
    for (i, (c, _)) in cites.iter().enumerate() {
        let _ = writeln!(s, "{}. {c}", i + 1);
    }
    s
}

fn faq(w: &mut Writer<'_>, s: &mut String, item: impl Fn(&str, &str) -> String, head: &str) {
    if w.rng.chance(0.4) {
        return;
    }
    s.push_str(head);
    for (q, a) in w.rng.sample(FAQ, 4) {
        s.push_str(&item(&q.replace("{drug}", &w.d.name), a));
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn html(w: &mut Writer<'_>, cites: &[(String, String)]) -> String {
    let d = w.d;
    let title = format!("{} — Clinical Overview", cap(&d.name));
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title} | MedFacts</title>\n<style>{CSS}</style>\n<script>{JS}</script>\n</head>\n<body>\n<header><a class=\"logo\" href=\"/\">MedFacts</a><nav><ul>{}</ul></nav></header>\n<div class=\"cookie-banner\" id=\"cookie\">We use cookies to improve your experience. <button>Accept</button></div>\n<main>\n<article>\n<h1>{title}</h1>\n<p class=\"byline\">Medically reviewed by {} {}, MD.</p>\n<p>{} {}</p>\n",
        NAV.iter()
            .map(|n| format!("<li><a href=\"/{}\">{n}</a></li>", n.to_lowercase().replace(' ', "-")))
            .collect::<String>(),
        w.rng.pick(FIRSTNAMES),
        w.rng.pick(SURNAMES),
        esc(&w.intro()),
        esc(&w.routes()),
    );
    for part in parts(w) {
        match part {
            Part::Uses => {
                let items: String = d.uses.iter().map(|u| format!("<li>{}</li>", esc(&cap(u)))).collect();
                let _ =
                    writeln!(s, "<h2>Uses</h2>\n<p>{} is used to treat or manage:</p>\n<ul>{items}</ul>", cap(&d.name));
            }
            Part::Dosing => {
                s.push_str("<h2>Dosage</h2>\n<table class=\"dosing\">\n<thead><tr><th>Route</th><th>Indication</th><th>Dose</th><th>Frequency</th></tr></thead>\n<tbody>\n");
                for x in &d.doses {
                    let dose = esc(&dose_text(x, &mut w.rng)).replace('–', "&ndash;");
                    let f = if x.5.is_empty() { "&mdash;" } else { x.5 };
                    let _ = writeln!(
                        s,
                        "<tr><td>{}</td><td>{}</td><td>{dose}</td><td>{f}</td></tr>",
                        ROUTES[x.3].3,
                        esc(&cap(&x.4))
                    );
                }
                s.push_str("</tbody></table>\n<p class=\"note\"><em>Doses are typical adult ranges.</em></p>\n");
            }
            Part::SideEffects => {
                let common: String = d.common.iter().map(|x| format!("<li>{}</li>", esc(&cap(x)))).collect();
                let serious: String = d.serious.iter().map(|x| format!("<li>{}</li>", esc(&cap(x)))).collect();
                let _ = writeln!(
                    s,
                    "<h2>Side effects</h2>\n<p>Common side effects include:</p>\n<ul>{common}</ul>\n<p>Serious side effects:</p>\n<ul>{serious}</ul>\n<p>{}</p>",
                    esc(&w.denied())
                );
            }
            Part::Contra => {
                let _ = writeln!(s, "<h2>Contraindications</h2>\n<p>{}</p>", esc(&w.contra()));
            }
            Part::Interactions => {
                let text: Vec<String> = (0..d.interactions.len()).map(|i| w.interaction(i)).collect();
                let _ = writeln!(s, "<h2>Interactions</h2>\n<p>{}</p>", esc(&text.join(" ")));
            }
            Part::Filler(h, t) => {
                let _ = writeln!(s, "<h2>{}</h2>\n<p>{}</p>", esc(&h), esc(&t));
                if w.rng.chance(0.25) {
                    s.push_str("<div class=\"ad-slot\"><!-- advertisement --></div>\n");
                }
            }
        }
    }
    faq(
        w,
        &mut s,
        |q, a| format!("<h3>{}</h3><p>{}</p>\n", esc(q), esc(a)),
        "<section class=\"faq\"><h2>Frequently asked questions</h2>\n",
    );
    s.push_str("<h2>References</h2>\n<ol class=\"references\">\n");
    for (c, doi) in cites {
        let at = c.rfind(doi.as_str()).unwrap_or(c.len());
        let _ = writeln!(s, "<li>{}<a href=\"https://doi.org/{doi}\">{doi}</a></li>", esc(&c[..at]));
    }
    s.push_str("</ol>\n</article>\n<aside class=\"related\"><h3>Newsletter</h3><form action=\"/subscribe\"><input type=\"email\"><button>Subscribe</button></form></aside>\n</main>\n<footer><p>&copy; 2024 MedFacts. All rights reserved.</p><p>This material is provided for educational purposes only and is not intended for medical advice, diagnosis or treatment.</p></footer>\n</body>\n</html>\n");
    s
}

fn prose(w: &mut Writer<'_>, cites: &[(String, String)]) -> String {
    let d = w.d;
    let title = format!("What is {}? Uses, doses and safety", d.name);
    let mut s = format!(
        "{title}\n\nBy {} {}, RN | Updated March 3, 2024\n\n{} {} [1]\n\n",
        w.rng.pick(FIRSTNAMES),
        w.rng.pick(SURNAMES),
        w.intro(),
        w.routes()
    );
    for part in parts(w) {
        match part {
            Part::Uses => {
                let _ = writeln!(s, "Uses\n{} is used for the following conditions:", cap(&d.name));
                for u in &d.uses {
                    let _ = writeln!(s, "• {}", cap(u));
                }
                s.push('\n');
            }
            Part::Dosing => {
                let text: Vec<String> = (0..d.doses.len()).map(|i| w.dose(i)).collect();
                let _ = writeln!(s, "Dosage\n{}\n\nRoute  Indication  Dose  Frequency", text.join(" "));
                for x in &d.doses {
                    let dose = dose_text(x, &mut w.rng);
                    let f = if x.5.is_empty() { "-" } else { x.5 };
                    let _ = writeln!(s, "{}  {}  {dose}  {f}", ROUTES[x.3].3, cap(&x.4));
                }
                s.push('\n');
            }
            Part::SideEffects => {
                let _ = writeln!(s, "Side effects\n{} {} {}\n", w.common(), w.serious(), w.denied());
            }
            Part::Contra => {
                let _ = writeln!(s, "Contraindications\n{}\n", w.contra());
            }
            Part::Interactions => {
                s.push_str("Drug interactions\n");
                for (p, e) in &d.interactions {
                    let _ = writeln!(s, "• {}: {e}", cap(p));
                }
                s.push('\n');
            }
            Part::Filler(h, t) => {
                let _ = writeln!(s, "{h}\n{t}\n");
            }
        }
    }
    faq(w, &mut s, |q, a| format!("Q: {q}\nA: {a}\n\n"), "Questions and answers\n");
    s.push_str("Sources:\n");
    for (i, (c, _)) in cites.iter().enumerate() {
        let _ = writeln!(s, "{}. {c}", i + 1);
    }
    s
}

const CSS: &str = "
  body { font-family: system-ui, sans-serif; margin: 0; color: #1d2733; line-height: 1.6; }
  header { display: flex; justify-content: space-between; padding: 12px 24px; border-bottom: 1px solid #e3e8ef; }
  nav ul { list-style: none; display: flex; gap: 18px; margin: 0; padding: 0; }
  main { display: grid; grid-template-columns: 3fr 1fr; gap: 32px; max-width: 1180px; margin: 0 auto; padding: 24px; }
  table.dosing { border-collapse: collapse; width: 100%; }
  table.dosing th, table.dosing td { border: 1px solid #d9e0e8; padding: 6px 10px; text-align: left; }
  .cookie-banner { position: fixed; bottom: 0; left: 0; right: 0; background: #1d2733; color: #fff; padding: 12px; }
  footer { background: #f6f8fa; padding: 24px; font-size: 0.85rem; }
";

const JS: &str = "
  window.dataLayer = window.dataLayer || [];
  function track(){ dataLayer.push(arguments); }
  track('init', Date.now());
  document.addEventListener('DOMContentLoaded', function () {
    var b = document.querySelector('#cookie button');
    if (b) { b.onclick = function () { document.getElementById('cookie').remove(); }; }
  });
";

const NAV: &[&str] = &["Drugs A-Z", "Pill Identifier", "Interaction Checker", "News", "Conditions"];

const FIRSTNAMES: &[&str] = &["Ana", "Ben", "Chloe", "Dev", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jonas"];

const SURNAMES: &[&str] = &[
    "Abara",
    "Berg",
    "Costa",
    "Duarte",
    "Eriksen",
    "Fontaine",
    "Gupta",
    "Horvat",
    "Ito",
    "Jansen",
    "Kaur",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Owusu",
    "Pereira",
    "Quinn",
    "Rahman",
    "Sorensen",
    "Tan",
    "Ueda",
    "Varga",
    "Weber",
    "Yilmaz",
];

const JOURNALS: &[(&str, &str)] = &[
    ("Journal of Clinical Pharmacology", "J Clin Pharmacol"),
    ("British Journal of Pharmacology", "Br J Pharmacol"),
    ("Clinical Therapeutics", "Clin Ther"),
    ("Drug Safety", "Drug Saf"),
    ("Pharmacotherapy", "Pharmacotherapy"),
];

const FAQ: &[(&str, &str)] = &[
    (
        "How quickly does {drug} work?",
        "That depends on the dose, the route and what it is used for. Ask your care team what to expect.",
    ),
    ("Can I stop {drug} on my own?", "Talk to your prescriber first; some medicines need to be reduced step by step."),
    (
        "What if I forget a dose of {drug}?",
        "Take it when you remember unless the next dose is due soon. Never take a double dose.",
    ),
    (
        "Is {drug} sold as a generic?",
        "Generic products exist in many countries and contain the same active ingredient.",
    ),
    ("How do I store {drug}?", "Keep it in its original pack at room temperature, out of the reach of children."),
];

/// Filler sections: heading and sentences (`{drug}` is replaced).
const FILLER: &[(&str, &[&str])] = &[
    (
        "History",
        &[
            "{Drug} has been in clinical use for several decades.",
            "Generic versions became available after the original patents expired.",
            "Its labelling has been revised several times as new data appeared.",
            "Use has widened well beyond what it was first approved for.",
            "It remains among the more commonly prescribed medicines of its kind.",
        ],
    ),
    (
        "Monitoring",
        &[
            "Blood pressure and heart rate are checked before and after each dose.",
            "Kidney and liver tests are repeated during long courses of treatment.",
            "The dose is adjusted to the response and to how well it is tolerated.",
            "The need for continued treatment should be reviewed at every visit.",
            "Older patients may need closer follow-up.",
        ],
    ),
    (
        "Patient counselling",
        &[
            "Patients should report any new or unusual symptoms.",
            "Keep every medicine out of the reach of children.",
            "Tell the pharmacist about all other products you take, including herbal ones.",
            "Do not drive until you know how {drug} affects you.",
            "Bring an up-to-date list of your medicines to each appointment.",
            "Read the leaflet that comes with the pack.",
        ],
    ),
    (
        "Storage",
        &[
            "Store below 25 degrees, away from light and moisture.",
            "Do not freeze solutions meant for injection.",
            "Discard any unused part of a single-use vial.",
            "Return expired packs to a pharmacy.",
        ],
    ),
    (
        "Special populations",
        &[
            "Children often need doses based on body weight.",
            "Older adults usually start at the low end of the range.",
            "People with kidney disease may need longer gaps between doses.",
            "Liver problems can raise exposure to {drug}.",
            "Frail patients are more likely to fall while taking sedating medicines.",
        ],
    ),
    (
        "Evidence",
        &[
            "Several randomized trials have studied {drug}.",
            "A systematic review found {drug} better than placebo for its main use [1].",
            "Much of the evidence comes from small observational studies [2].",
            "Guidelines differ on how strongly they recommend {drug}.",
            "Long-term outcome data are still limited.",
        ],
    ),
    (
        "Availability",
        &[
            "{Drug} is sold under several brand names and as generics.",
            "Pack sizes and strengths differ between countries.",
            "Some forms are only used in hospitals.",
            "Local pharmacies can say which products they stock.",
        ],
    ),
];

/// Writes `docs` documents into `dir` and their planted facts to
/// `<dir>.truth.jsonl`; returns the bytes written. Drugs: 45.
pub fn generate(dir: &std::path::Path, docs: usize, seed: u64) -> std::io::Result<u64> {
    let lx = Lexicon::builtin().map_err(std::io::Error::other)?;
    let drugs = drugs(&lx, seed, 45);
    std::fs::create_dir_all(dir)?;
    let mut truth = String::new();
    let mut total = 0;
    for i in 0..docs {
        let (name, text, facts) = document(&drugs, seed, i);
        std::fs::write(dir.join(&name), &text)?;
        total += text.len() as u64;
        truth.push_str(&facts.to_string());
        truth.push('\n');
    }
    let mut truth_path = dir.as_os_str().to_owned();
    truth_path.push(".truth.jsonl");
    std::fs::write(truth_path, truth)?;
    Ok(total)
}
