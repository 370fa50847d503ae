//! Undo and redo over arbitrary edit sequences.

use proptest::prelude::*;
use sandtable_core::{CustomerKind, Edit, History, Workspace, apply, workspace_from_json};
use sandtable_core::{MasterEdit, ReviewEdit};

fn workspace() -> Workspace {
    workspace_from_json(include_str!("fixtures/workspace-v1.json"))
        .map(|(ws, _)| ws)
        .unwrap_or_default()
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    // Ids include ones that do not exist; names include blank ones.
    let id = prop_oneof![
        Just("C0001"),
        Just("C0002"),
        Just("P001"),
        Just("R01"),
        Just("S01"),
        Just("X")
    ]
    .prop_map(String::from);
    let text = prop_oneof![Just(""), Just(" "), Just("新名称"), Just("B"), Just("R02")]
        .prop_map(String::from);
    let kind = prop::sample::select(CustomerKind::ALL.to_vec());
    prop_oneof![
        text.clone()
            .prop_map(|name| Edit::Master(MasterEdit::RenameWorkspace { name })),
        (id.clone(), text.clone())
            .prop_map(|(id, name)| Edit::Master(MasterEdit::SetCustomerName { id, name })),
        (id.clone(), kind)
            .prop_map(|(id, kind)| Edit::Master(MasterEdit::SetCustomerKind { id, kind })),
        (id.clone(), proptest::option::of(text.clone()))
            .prop_map(|(id, tier)| Edit::Master(MasterEdit::SetCustomerTier { id, tier })),
        (id.clone(), text.clone())
            .prop_map(|(id, region)| Edit::Master(MasterEdit::SetCustomerRegion { id, region })),
        (id.clone(), text.clone())
            .prop_map(|(id, name)| Edit::Master(MasterEdit::SetProductName { id, name })),
        (id.clone(), text.clone()).prop_map(|(id, category)| Edit::Master(
            MasterEdit::SetProductCategory { id, category }
        )),
        (id.clone(), text.clone())
            .prop_map(|(id, name)| Edit::Master(MasterEdit::SetRegionName { id, name })),
        (id.clone(), text.clone())
            .prop_map(|(id, name)| Edit::Master(MasterEdit::SetSalespersonName { id, name })),
        (id.clone(), proptest::collection::vec(id.clone(), 0..3))
            .prop_map(|(keep, others)| Edit::Master(MasterEdit::MergeCustomers { keep, others })),
        (id.clone(), proptest::collection::vec(id.clone(), 0..3))
            .prop_map(|(keep, others)| Edit::Master(MasterEdit::MergeProducts { keep, others })),
        (text, proptest::option::of(0u64..1000)).prop_map(|(region, outlets)| Edit::Review(
            ReviewEdit::SetRegionUniverse { region, outlets }
        )),
        proptest::collection::vec((0usize..12, -5i64..5), 0..4).prop_map(|items| {
            let items = items
                .into_iter()
                .map(|(k, t)| {
                    sandtable_core::review::ScorecardItem::new(
                        sandtable_core::review::Kpi::ALL[k],
                        sandtable_core::Money(t),
                    )
                })
                .collect();
            Edit::Review(ReviewEdit::SetScorecard { items })
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn undoing_everything_restores_the_original(edits in proptest::collection::vec(edit_strategy(), 0..20)) {
        let original = workspace();
        let mut ws = original.clone();
        let mut history = History::new(100);
        for edit in &edits {
            let before = ws.clone();
            if history.apply(&mut ws, edit).is_err() {
                prop_assert_eq!(&ws, &before, "a refused edit changes nothing");
            }
        }
        let edited = ws.clone();
        while history.undo(&mut ws) {}
        prop_assert_eq!(&ws, &original);
        while history.redo(&mut ws) {}
        prop_assert_eq!(&ws, &edited);
    }

    #[test]
    fn an_edit_followed_by_its_inverse_is_identity(edit in edit_strategy()) {
        let original = workspace();
        let mut ws = original.clone();
        if let Ok(inverse) = apply(&mut ws, &edit) {
            let _ = apply(&mut ws, &inverse);
        }
        prop_assert_eq!(ws, original);
    }
}
