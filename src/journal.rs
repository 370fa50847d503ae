//! A last-moment journal of unsaved edits. Autosave waits a moment after the last edit, and an
//! IndexedDB write started when the page is hidden may not finish before the page goes away.
//! So when the page is hidden with unsaved edits, the edits since the last save are written
//! synchronously to localStorage, with the workspace id and the stored revision they apply to.
//! On start-up, a journal for the workspace being opened at exactly that revision is replayed;
//! any other journal is dropped.
//!
//! Encoding, decoding and the replay decision are pure (tested natively); [`write`], [`read`]
//! and [`clear`] are the thin localStorage part.

use gloo_storage::{LocalStorage, Storage};
use sandtable_core::Edit;
use serde::{Deserialize, Serialize};

/// The localStorage key.
pub const KEY: &str = "sandtable.journal";

/// Larger journals are not written (localStorage is small and synchronous): a merge of a big
/// ledger carries the whole key column.
pub const MAX_BYTES: usize = 256 * 1024;

const FORMAT: u32 = 1;

/// Edits not yet in storage, and the stored copy they apply to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// The journal format.
    pub format: u32,
    /// The workspace's id.
    pub workspace: String,
    /// The stored revision the edits apply to.
    pub base_revision: u64,
    /// The edits, oldest first.
    pub edits: Vec<Edit>,
}

impl Journal {
    pub fn new(workspace: &str, base_revision: u64, edits: Vec<Edit>) -> Journal {
        Journal {
            format: FORMAT,
            workspace: workspace.to_string(),
            base_revision,
            edits,
        }
    }
}

/// The journal as JSON; `None` when it is empty or larger than `max_bytes`.
pub fn encode(j: &Journal, max_bytes: usize) -> Option<String> {
    if j.edits.is_empty() {
        return None;
    }
    serde_json::to_string(j)
        .ok()
        .filter(|s| s.len() <= max_bytes)
}

/// Reads a journal; `None` for anything unreadable or of another format.
pub fn decode(text: &str) -> Option<Journal> {
    serde_json::from_str::<Journal>(text)
        .ok()
        .filter(|j| j.format == FORMAT)
}

/// What to do with a journal when a workspace is opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Re-apply these edits, save, and clear the journal.
    Replay(Vec<Edit>),
    /// The journal belongs to this workspace but another revision: the stored copy moved on
    /// (usually because the last save did finish). Drop it.
    Stale { base_revision: u64, stored: u64 },
    /// The journal belongs to another workspace: leave it for that one.
    OtherWorkspace,
}

/// Decides what a journal means for the workspace `id` stored at `revision`.
pub fn verdict(j: Journal, id: &str, revision: u64) -> Verdict {
    if j.workspace != id {
        Verdict::OtherWorkspace
    } else if j.base_revision != revision {
        Verdict::Stale {
            base_revision: j.base_revision,
            stored: revision,
        }
    } else {
        Verdict::Replay(j.edits)
    }
}

/// Writes the journal (synchronously), or removes a previous one when this one is empty or
/// too big. Whether it was written.
pub fn write(j: &Journal) -> bool {
    match encode(j, MAX_BYTES) {
        Some(text) => LocalStorage::raw().set_item(KEY, &text).is_ok(),
        None => {
            clear();
            false
        }
    }
}

/// The stored journal, if any.
pub fn read() -> Option<Journal> {
    let text = LocalStorage::raw().get_item(KEY).ok()??;
    decode(&text)
}

/// Removes the stored journal.
pub fn clear() {
    LocalStorage::delete(KEY);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename(name: &str) -> Edit {
        Edit::RenameWorkspace { name: name.into() }
    }

    #[test]
    fn a_journal_reads_back_as_written() {
        let j = Journal::new(
            "w1",
            7,
            vec![
                rename("新名"),
                Edit::SetCustomerTier {
                    id: "C1".into(),
                    tier: None,
                },
            ],
        );
        let text = encode(&j, MAX_BYTES).expect("small");
        assert!(text.contains(r#""base_revision":7"#));
        assert_eq!(decode(&text), Some(j));
    }

    #[test]
    fn empty_or_oversized_journals_are_not_written() {
        assert_eq!(encode(&Journal::new("w1", 1, vec![]), MAX_BYTES), None);
        let big = Journal::new("w1", 1, vec![rename(&"名".repeat(100))]);
        let len = encode(&big, MAX_BYTES).expect("fits").len();
        assert_eq!(
            encode(&big, len),
            Some(encode(&big, MAX_BYTES).expect("fits"))
        );
        assert_eq!(encode(&big, len - 1), None);
    }

    #[test]
    fn garbage_and_other_formats_are_ignored() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("{\"workspace\":\"w1\"}"), None);
        let mut j = Journal::new("w1", 1, vec![rename("x")]);
        j.format = 2;
        assert_eq!(decode(&serde_json::to_string(&j).expect("json")), None);
    }

    #[test]
    fn only_the_same_workspace_at_the_same_revision_is_replayed() {
        let j = Journal::new("w1", 4, vec![rename("x")]);
        assert_eq!(
            verdict(j.clone(), "w1", 4),
            Verdict::Replay(vec![rename("x")])
        );
        assert_eq!(
            verdict(j.clone(), "w1", 5),
            Verdict::Stale {
                base_revision: 4,
                stored: 5
            }
        );
        assert_eq!(verdict(j, "w2", 4), Verdict::OtherWorkspace);
    }
}
