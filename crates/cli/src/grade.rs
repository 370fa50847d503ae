//! `sandtable grade` and the scale half of `sandtable validate`: reading files and printing
//! what `sandtable_core::grading` computes.

use sandtable_core::grading::{
    MAX_SCALE_BYTES, SCALE_FORMAT, SCALE_VERSION, Scale, check_ratings, compute_metrics,
    distribution, ratings_from_csv, scale_from_json, score_customers, validate_scale,
};
use sandtable_core::import::{ImportOptions, add_to_workspace};
use sandtable_core::{Lang, MAX_FILE_BYTES, Workspace};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::Path;

/// Whether a file's text is a scale file (a JSON object whose `format` is `sandtable.scale`).
pub fn is_scale_file(text: &str) -> bool {
    if text.len() > MAX_SCALE_BYTES {
        // Too large to parse as a scale: recognised by a format near the start, so that the
        // scale reader says it is too large.
        let head = text.get(..256).unwrap_or(text);
        return head.contains(&format!("\"{SCALE_FORMAT}\""));
    }
    if !text.contains(SCALE_FORMAT) {
        return false;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    matches!(
        serde_json::from_str::<Value>(text),
        Ok(Value::Object(top)) if top.get("format").and_then(Value::as_str) == Some(SCALE_FORMAT)
    )
}

/// Reads and checks a scale file; every broken rule is one `error:` line.
fn read_scale(file: &Path, text: &str) -> Result<Scale, Vec<String>> {
    let name = file.display();
    let scale = scale_from_json(text).map_err(|e| vec![format!("error: {name}: {e}")])?;
    let issues = validate_scale(&scale);
    if issues.is_empty() {
        return Ok(scale);
    }
    let mut lines: Vec<String> = issues
        .iter()
        .map(|i| format!("error: {name}: {}", i.message(Lang::En)))
        .collect();
    lines.push(format!(
        "{name}: not a valid scale: {} error(s)",
        issues.len()
    ));
    Err(lines)
}

/// `sandtable validate` on a scale file.
pub fn validate_scale_file(file: &Path, text: &str) -> Result<(), Vec<String>> {
    let scale = read_scale(file, text)?;
    let factors = scale.factors().count();
    let metrics = scale.factors().filter(|(_, f)| f.metric.is_some()).count();
    let grades: Vec<String> = scale
        .grades
        .iter()
        .map(|g| format!("{} ≥ {}", g.grade, g.min_score))
        .collect();
    say(&format!(
        "{}: valid scale \"{}\" (format version {SCALE_VERSION}): {} categories, {factors} factors ({} rated on levels, {metrics} from the ledger), grades {}",
        file.display(),
        scale.name,
        scale.categories.len(),
        factors - metrics,
        grades.join(", ")
    ));
    Ok(())
}

fn read_text(file: &Path, limit: usize, what: &str) -> Result<String, Vec<String>> {
    let name = file.display();
    let cannot = |detail: String| vec![format!("error: cannot read {name}: {detail}")];
    let meta = std::fs::metadata(file).map_err(|e| cannot(e.to_string()))?;
    if meta.is_dir() {
        return Err(cannot(format!("it is a folder, not a {what}")));
    }
    if meta.len() > limit as u64 {
        return Err(vec![format!(
            "error: {name}: the file is too large for a {what} ({} bytes; the limit is {limit})",
            meta.len()
        )]);
    }
    let bytes = std::fs::read(file).map_err(|e| cannot(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| {
        vec![format!(
            "error: {name}: the file is not UTF-8 text; save the {what} as UTF-8 and try again"
        )]
    })
}

/// Whether FILE is a workspace file rather than a ledger: a `.json` name, or text that starts
/// with `{`.
fn looks_like_workspace(file: &Path) -> bool {
    if file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return true;
    }
    let mut head = [0u8; 64];
    let n = std::fs::File::open(file)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = head.get(..n).unwrap_or(&[]);
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{')
}

/// `sandtable grade FILE --scale SCALE [--ratings CSV] [--json]`.
pub fn grade(
    file: &Path,
    scale_file: &Path,
    ratings_file: Option<&Path>,
    opts: &ImportOptions,
    json: bool,
) -> Result<(), Vec<String>> {
    let scale_text = read_text(scale_file, MAX_SCALE_BYTES, "scale file")?;
    let scale = read_scale(scale_file, &scale_text)?;
    let name = file.display();
    let mut ws = if looks_like_workspace(file) {
        let text = read_text(file, MAX_FILE_BYTES, "workspace file")?;
        crate::parse_workspace(&name, &text)?
    } else {
        let (imported, file_name) = crate::read_ledger_file(file, opts)?;
        let mut ws = Workspace::default();
        add_to_workspace(&mut ws, imported, &file_name);
        ws
    };
    let mut warnings = Vec::new();
    if let Some(path) = ratings_file {
        let text = read_text(
            path,
            sandtable_core::grading::MAX_RATINGS_BYTES,
            "ratings file",
        )?;
        let (ratings, problems) = ratings_from_csv(&text);
        let rname = path.display();
        if let Some(fatal) = problems.iter().find(|p| p.is_fatal()) {
            return Err(vec![format!("error: {rname}: {fatal}")]);
        }
        warnings.extend(problems.iter().map(|p| format!("warning: {rname}: {p}")));
        for (customer, factors) in ratings {
            ws.grading
                .ratings
                .entry(customer)
                .or_default()
                .extend(factors);
        }
    }
    let ratings = &ws.grading.ratings;
    warnings.extend(
        check_ratings(&scale, ratings)
            .iter()
            .map(|p| format!("warning: ratings: {p}")),
    );
    let metrics = compute_metrics(&ws);
    let scores = score_customers(&scale, &metrics, ratings);
    let dist = distribution(&scale, &scores);
    {
        let mut err = std::io::stderr().lock();
        for w in &warnings {
            let _ = writeln!(err, "{w}");
        }
    }
    if json {
        let mut counts = Map::new();
        for (g, n) in &dist.grades {
            counts.insert(g.clone(), json!(n));
        }
        counts.insert("unrated".into(), json!(dist.unrated));
        let members: Vec<Value> = scores
            .iter()
            .map(|s| {
                let factors: Map<String, Value> = s
                    .factors
                    .iter()
                    .map(|f| (f.factor.clone(), json!(f.points)))
                    .collect();
                json!({"key": s.customer, "score": s.score, "grade": s.grade, "factors": factors})
            })
            .collect();
        let window = metrics
            .window
            .map(|(a, b)| json!({"from": a.to_string(), "to": b.to_string()}));
        say(&json!({"counts": counts, "members": members, "window": window}).to_string());
        return Ok(());
    }
    let mut lines = Vec::new();
    let window = match metrics.window {
        Some((a, b)) => format!(", ledger metrics over {a} to {b}"),
        None => ", no ledger rows".to_string(),
    };
    let counts: Vec<String> = dist
        .grades
        .iter()
        .map(|(g, n)| format!("{g} {n}"))
        .chain(std::iter::once(format!("unrated {}", dist.unrated)))
        .collect();
    lines.push(format!(
        "{name}: {} customers graded with \"{}\"{window}: {}",
        scores.len(),
        scale.name,
        counts.join(", ")
    ));
    let width = scores
        .iter()
        .map(|s| s.customer.chars().count())
        .max()
        .unwrap_or(0);
    for s in &scores {
        let key = format!("{:width$}", s.customer);
        match (s.score, &s.grade) {
            (Some(score), Some(g)) => lines.push(format!("{key}  {:>8}  {g}", score.to_string())),
            _ => lines.push(format!(
                "{key}  {:>8}  unrated (missing: {})",
                "-",
                s.missing().join(", ")
            )),
        }
    }
    say(&lines.join("\n"));
    Ok(())
}

fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}
