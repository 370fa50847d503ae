//! The workspace file: one versioned JSON format (see `FORMAT.md`), read defensively.

use crate::issue::Issue;
use crate::migrate::{self, MigrateError};
use crate::validate::validate;
use crate::{Lang, Workspace};
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// The `format` field of every workspace file.
pub const WORKSPACE_FORMAT: &str = "sandtable.workspace";
/// The newest file version this build reads and the version it writes.
pub const WORKSPACE_VERSION: u32 = 2;
/// Files larger than this are refused before parsing (160 MiB).
pub const MAX_FILE_BYTES: usize = 160 * 1024 * 1024;

/// The file's top level.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    workspace: &'a Workspace,
}

/// The workspace as a compact JSON file of the current version.
pub fn workspace_to_json(ws: &Workspace) -> String {
    let envelope = Envelope {
        format: WORKSPACE_FORMAT,
        version: WORKSPACE_VERSION,
        workspace: ws,
    };
    // Serialising plain structs with string keys cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// The `version` a workspace file states, without reading the rest (`None` when the text is
/// not JSON or has no such number), e.g. to say that a file was upgraded on reading.
pub fn stated_version(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Version {
        version: u64,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Version>(text)
        .ok()
        .map(|v| v.version)
}

/// Reads a workspace file: checks its size, parses it, checks `format` and `version`,
/// upgrades older versions, reads the workspace and validates it. Returns the workspace with
/// every issue found; the caller must refuse it when any issue is an error. A UTF-8 byte order
/// mark at the start is ignored.
pub fn workspace_from_json(text: &str) -> Result<(Workspace, Vec<Issue>), FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            bytes: text.len() as u64,
            limit: MAX_FILE_BYTES as u64,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let doc: Value = serde_json::from_str(text).map_err(json_error)?;
    let Value::Object(top) = &doc else {
        return Err(FileError::NotAWorkspace { found: None });
    };
    match top.get("format") {
        Some(Value::String(f)) if f == WORKSPACE_FORMAT => {}
        Some(Value::String(f)) => {
            return Err(FileError::NotAWorkspace {
                found: Some(f.clone()),
            });
        }
        _ => return Err(FileError::NotAWorkspace { found: None }),
    }
    let version = match top.get("version").and_then(Value::as_u64) {
        Some(v) if v >= 1 => v,
        _ => return Err(FileError::BadVersion),
    };
    if version > u64::from(WORKSPACE_VERSION) {
        return Err(FileError::NewerVersion {
            found: version,
            supported: WORKSPACE_VERSION,
        });
    }
    let doc = migrate::migrate(doc, version as u32, WORKSPACE_VERSION).map_err(|e| match e {
        MigrateError::NoPath { from } => FileError::MigrationFailed {
            from,
            detail: format!("no upgrade from version {from} is known"),
        },
        MigrateError::Failed { from, detail } => FileError::MigrationFailed { from, detail },
    })?;
    let Value::Object(mut top) = doc else {
        return Err(FileError::Invalid {
            path: String::new(),
            detail: "the top level is not an object".into(),
        });
    };
    let Some(body) = top.remove("workspace") else {
        return Err(FileError::Invalid {
            path: "workspace".into(),
            detail: "missing field `workspace`".into(),
        });
    };
    let ws: Workspace = serde_path_to_error::deserialize(body).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." {
            "workspace".to_string()
        } else {
            format!("workspace.{path}")
        };
        FileError::Invalid {
            path,
            detail: e.into_inner().to_string(),
        }
    })?;
    let issues = validate(&ws);
    Ok((ws, issues))
}

fn json_error(e: serde_json::Error) -> FileError {
    let (line, column) = (e.line(), e.column());
    let text = e.to_string();
    if text.starts_with("recursion limit exceeded") {
        return FileError::TooDeep;
    }
    if e.is_eof() {
        return FileError::Truncated;
    }
    let suffix = format!(" at line {line} column {column}");
    let detail = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
    FileError::NotJson {
        line,
        column,
        detail,
    }
}

/// Why a file could not be read as a workspace. Each message says what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is empty (or only white space).
    Empty,
    /// The file is not JSON.
    NotJson {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
        /// The parser's description (English).
        detail: String,
    },
    /// The JSON nests deeper than any workspace does.
    TooDeep,
    /// The JSON ends in the middle: the file was cut off.
    Truncated,
    /// JSON, but not a workspace file.
    NotAWorkspace {
        /// The `format` it declares, if any.
        found: Option<String>,
    },
    /// Written by a newer version of the app.
    NewerVersion {
        /// The file's version.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The `version` field is missing or not a positive integer.
    BadVersion,
    /// An older file could not be upgraded.
    MigrationFailed {
        /// The version the failing step reads.
        from: u32,
        /// What went wrong (English).
        detail: String,
    },
    /// A field is missing or has the wrong type or value.
    Invalid {
        /// Where: `workspace.datasets[0].ledger.customer[3]`.
        path: String,
        /// What is wrong (English, from the reader).
        detail: String,
    },
}

impl FileError {
    /// A message for the user, saying what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FileError::TooLarge { bytes, limit }, Lang::Zh) => {
                let size = megabytes(*bytes);
                let size = if size == megabytes(*limit) { format!("超过 {size}") } else { size };
                format!(
                    "文件过大（{size} MB，上限为 {} MB）。请把数据拆分成较小的文件后分别导入。",
                    megabytes(*limit)
                )
            }
            (FileError::TooLarge { bytes, limit }, Lang::En) => {
                let size = megabytes(*bytes);
                let size = if size == megabytes(*limit) { format!("over {size}") } else { size };
                format!(
                    "The file is too large ({size} MB; the limit is {} MB). Split the data into smaller files and import them one at a time.",
                    megabytes(*limit)
                )
            }
            (FileError::Empty, Lang::Zh) => "文件是空的。请选择由生意沙盘导出的工作区文件（.json）。".into(),
            (FileError::Empty, Lang::En) => {
                "The file is empty. Choose a workspace file exported from Sandtable (.json).".into()
            }
            (FileError::NotJson { line, column, detail }, Lang::Zh) => format!(
                "文件不是有效的 JSON（第 {line} 行第 {column} 列：{detail}）。请选择由生意沙盘导出的工作区文件。"
            ),
            (FileError::NotJson { line, column, detail }, Lang::En) => format!(
                "The file is not valid JSON (line {line}, column {column}: {detail}). Choose a workspace file exported from Sandtable."
            ),
            (FileError::TooDeep, Lang::Zh) => {
                "文件的嵌套层数过深，不是生意沙盘的工作区文件，或者已经损坏。请选择由生意沙盘导出的工作区文件。".into()
            }
            (FileError::TooDeep, Lang::En) => "The file is nested too deeply to be a Sandtable workspace; it is damaged or not a workspace file. Choose a workspace file exported from Sandtable.".into(),
            (FileError::Truncated, Lang::Zh) => {
                "文件不完整，可能在下载或复制时被截断。请重新导出或复制该文件后再导入。".into()
            }
            (FileError::Truncated, Lang::En) => "The file ends too early: it was probably cut off while being downloaded or copied. Export or copy it again, then import it.".into(),
            (FileError::NotAWorkspace { found: Some(f) }, Lang::Zh) => format!(
                "这是 JSON 文件，但不是生意沙盘的工作区文件（其格式为“{f}”）。请选择由生意沙盘导出的工作区文件。"
            ),
            (FileError::NotAWorkspace { found: Some(f) }, Lang::En) => format!(
                "This JSON file is not a Sandtable workspace (its format is \"{f}\"). Choose a workspace file exported from Sandtable."
            ),
            (FileError::NotAWorkspace { found: None }, Lang::Zh) => {
                "这是 JSON 文件，但不是生意沙盘的工作区文件（缺少 format 字段）。请选择由生意沙盘导出的工作区文件。".into()
            }
            (FileError::NotAWorkspace { found: None }, Lang::En) => "This JSON file is not a Sandtable workspace (it has no \"format\" field). Choose a workspace file exported from Sandtable.".into(),
            (FileError::NewerVersion { found, supported }, Lang::Zh) => format!(
                "该文件由更新版本的生意沙盘创建（文件版本 {found}，本应用支持到 {supported}）。请更新应用后再导入。"
            ),
            (FileError::NewerVersion { found, supported }, Lang::En) => format!(
                "This file was made by a newer Sandtable (file version {found}; this app reads up to version {supported}). Update the app, then import it again."
            ),
            (FileError::BadVersion, Lang::Zh) => {
                "文件的版本号缺失或无效，文件可能已损坏。请从生意沙盘重新导出该文件。".into()
            }
            (FileError::BadVersion, Lang::En) => "The file's version number is missing or invalid, so the file may be damaged. Export it again from Sandtable.".into(),
            (FileError::MigrationFailed { from, detail }, Lang::Zh) => format!(
                "无法把文件从版本 {from} 升级到当前版本（{detail}）。请用导出该文件的应用版本打开它，或反馈此问题。"
            ),
            (FileError::MigrationFailed { from, detail }, Lang::En) => format!(
                "The file could not be upgraded from version {from} ({detail}). Open it with the version of the app that made it, or report the problem."
            ),
            (FileError::Invalid { path, detail }, Lang::Zh) => format!(
                "文件内容有误：{path}（{detail}）。文件可能已损坏或被手工修改过，请从生意沙盘重新导出，或修正该字段。"
            ),
            (FileError::Invalid { path, detail }, Lang::En) => format!(
                "The file has an invalid value at {path} ({detail}). It may be damaged or edited by hand: export it again from Sandtable, or fix that field."
            ),
        }
    }
}

/// Bytes as megabytes (MiB) with at most one decimal: "160", "160.1".
fn megabytes(bytes: u64) -> String {
    let tenths = (u128::from(bytes) * 10 + 524_288) / 1_048_576;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

impl fmt::Display for FileError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FileError {}
