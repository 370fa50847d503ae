//! Prints statistics about the demo workspace: `cargo run --release --example demo_stats [YYYY-MM-DD]`.

use sandtable_core::{
    Date, Lang, demo_workspace, encode_ledger_chunks, format_money, workspace_to_json,
};
use std::time::Instant;

fn main() {
    let as_of = std::env::args()
        .nth(1)
        .and_then(|a| Date::parse_iso(&a))
        .unwrap_or(Date(20_414));
    let t = Instant::now();
    let ws = demo_workspace(as_of);
    let generated = t.elapsed();
    let Some(ledger) = ws.datasets.first().map(|d| &d.ledger) else {
        return;
    };
    let t = Instant::now();
    let json = workspace_to_json(&ws);
    let serialised = t.elapsed();
    let t = Instant::now();
    let read = sandtable_core::workspace_from_json(&json).map(|(_, issues)| issues.len());
    println!("read back in {:?}: {read:?}", t.elapsed());
    let t = Instant::now();
    let (header, chunks) = encode_ledger_chunks(ledger, 10_000);
    let encoded = t.elapsed();
    let t = Instant::now();
    let decoded = sandtable_core::decode_ledger_chunks(&header, &chunks).map(|l| l.rows());
    println!(
        "chunks encoded in {encoded:?}, decoded in {:?}: {decoded:?}",
        t.elapsed()
    );
    let chunk_bytes: usize = chunks.iter().map(Vec::len).sum::<usize>() + header.len();
    let rows = ledger.rows();
    let mut by_customer = vec![0i64; ledger.customers.len()];
    for (c, a) in ledger.customer.iter().zip(&ledger.amount) {
        by_customer[*c as usize] += a.0;
    }
    by_customer.sort_unstable_by(|a, b| b.cmp(a));
    let total: i64 = by_customer.iter().sum();
    let top: i64 = by_customer.iter().take(by_customer.len() / 5).sum();
    let returns = ledger.amount.iter().filter(|a| a.0 < 0).count();
    println!(
        "as_of {as_of}: {rows} rows, {} orders, generated in {generated:?}, JSON in {serialised:?}",
        ledger.orders.len()
    );
    println!(
        "JSON {} bytes; chunks {chunk_bytes} bytes = {:.2} bytes/row (header {} bytes)",
        json.len(),
        chunk_bytes as f64 / rows as f64,
        header.len()
    );
    println!(
        "total {} GP {}; top 20% share {:.1}%; returns {:.2}%",
        format_money(ledger.total_amount(), Lang::Zh),
        ledger
            .total_gross_profit()
            .map(|m| format_money(m, Lang::Zh))
            .unwrap_or_default(),
        top as f64 * 100.0 / total as f64,
        returns as f64 * 100.0 / rows as f64
    );
    for (y, m, a) in ledger.monthly_amounts() {
        print!("{y}-{m:02} {} | ", format_money(a, Lang::Zh));
    }
    println!();
}
