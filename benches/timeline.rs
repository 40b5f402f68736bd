//! Loading one child's chronology (the timeline screen, `ntk chronology`) in a team's database
//! of chronologies only: 10,000 invented children with 50 events each and no checklists
//! (generated once, kept in target/bench-data). Target: under 50 ms. `NTK_BENCH_CHILDREN` makes
//! a smaller fixture for a quick run. Run with `cargo bench -p neglect-toolkit --bench timeline`;
//! `--bench scale` times the same reads among checklists too.

#[path = "shared/mod.rs"]
mod shared;

use criterion::{criterion_group, criterion_main, Criterion};
use ntk_core::store::Store;
use shared::{children, today, EVENTS_PER_CHILD, PASSPHRASE};

/// The timeline fixture: as many children as [`children`], each with [`EVENTS_PER_CHILD`]
/// chronology events (no checklists: the timeline reads events only).
fn timeline_fixture() -> std::path::PathBuf {
    shared::generate_once(&format!("timeline-{}x{EVENTS_PER_CHILD}.db", children()), |store| {
        store
            .without_waiting_for_disk(|store| {
                for n in 0..children() {
                    let form = ntk_core::model::ChildForm {
                        name: format!("Invented Child {n}"),
                        date_of_birth: "2018-01-01".into(),
                        household: format!("Invented household {}", n / 2),
                        ..Default::default()
                    };
                    let child = store.add_child(&form, today())?;
                    shared::add_invented_events(store, child.id, n)?;
                }
                Ok(())
            })
            .unwrap()
    })
}

fn timeline(c: &mut Criterion) {
    let store = Store::open(&timeline_fixture(), PASSPHRASE, "Benchmark").unwrap();
    let some_child = store.list_children().unwrap()[children() / 2].id;
    assert_eq!(store.chronology(some_child, None, None, false).unwrap().len(), EVENTS_PER_CHILD);
    let mut group = c.benchmark_group(format!("{} children x {EVENTS_PER_CHILD} events", children()));
    group.sample_size(20);
    shared::bench_timeline(&mut group, &store, some_child);
    group.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
