//! The binary ledger chunks: exact round trips, compactness, and refusal of damage.

use proptest::prelude::*;
use sandtable_core::{
    Date, Ledger, Money, decode_ledger_chunks, demo_workspace, encode_ledger_chunks,
};

#[test]
fn the_demo_ledger_takes_under_eight_bytes_per_row() {
    let ws = demo_workspace(Date::parse_iso("2026-11-22").unwrap_or_default());
    let ledger = &ws.datasets[0].ledger;
    let (header, chunks) = encode_ledger_chunks(ledger, 20_000);
    let bytes = header.len() + chunks.iter().map(Vec::len).sum::<usize>();
    assert!(
        bytes < ledger.rows() * 8,
        "{bytes} bytes for {} rows",
        ledger.rows()
    );
    assert_eq!(decode_ledger_chunks(&header, &chunks).as_ref(), Ok(ledger));
}

fn ledger_strategy() -> impl Strategy<Value = Ledger> {
    let dictionary = || proptest::collection::vec("[a-c]{0,3}|订单[0-9]{1,2}", 1..6);
    let row = (
        any::<i32>(),
        0u32..6,
        0u32..6,
        any::<i64>(),
        any::<i64>(),
        any::<i64>(),
        -3i64..3,
    );
    (
        proptest::collection::vec(row, 0..40),
        dictionary(),
        dictionary(),
        any::<bool>(),
        1usize..12,
    )
        .prop_map(|(rows, customers, orders, has_cost, _)| {
            let mut l = Ledger {
                customers,
                orders: orders.into(),
                products: vec!["P1".into(), "P2".into()],
                ..Ledger::default()
            };
            let mut cost = Vec::new();
            for (i, (date, c, o, q, a, k, small)) in rows.into_iter().enumerate() {
                // Mix realistic, repetitive values with extreme ones.
                let realistic = i % 3 != 0;
                l.date.push(if realistic {
                    Date(19_000 + small as i32)
                } else {
                    Date(date)
                });
                l.customer.push(c % l.customers.len() as u32);
                l.product.push((i % 2) as u32);
                l.region.push(c);
                l.salesperson.push(o);
                l.channel.push(u32::MAX - c);
                l.order_id.push(o % l.orders.len() as u32);
                l.quantity
                    .push(Money(if realistic { small * 10_000 } else { q }));
                l.amount
                    .push(Money(if realistic { small * 45_0000 } else { a }));
                cost.push(Money(if realistic { small * 30_0000 } else { k }));
            }
            if has_cost {
                l.cost = Some(cost);
            }
            l
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn round_trips_are_exact(ledger in ledger_strategy(), per in 1usize..12) {
        let (header, chunks) = encode_ledger_chunks(&ledger, per);
        prop_assert_eq!(decode_ledger_chunks(&header, &chunks), Ok(ledger));
    }

    #[test]
    fn damaged_blobs_are_refused_never_panicking(
        ledger in ledger_strategy(),
        per in 1usize..12,
        which in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
        cut in any::<bool>(),
    ) {
        let (mut header, mut chunks) = encode_ledger_chunks(&ledger, per);
        let blob = match which.index(chunks.len() + 1) {
            0 => &mut header,
            i => &mut chunks[i - 1],
        };
        let i = at.index(blob.len());
        if cut {
            blob.truncate(i);
        } else {
            blob[i] ^= flip;
        }
        prop_assert!(decode_ledger_chunks(&header, &chunks).is_err());
    }

    #[test]
    fn arbitrary_bytes_never_panic(header in proptest::collection::vec(any::<u8>(), 0..64),
                                   chunk in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = decode_ledger_chunks(&header, &[chunk]);
    }
}
