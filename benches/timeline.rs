//! Loading one child's chronology (the timeline screen, `ntk chronology`) in a team's database
//! after years of use: 10,000 invented children with 50 events each (generated once, kept in
//! target/bench-data). Target: under 50 ms. `NTK_BENCH_CHILDREN` makes a smaller fixture for a
//! quick run. Run with `cargo bench -p neglect-toolkit --bench timeline`.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use ntk_core::store::Store;

const PASSPHRASE: &str = "benchmark passphrase";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn children() -> usize {
    std::env::var("NTK_BENCH_CHILDREN").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000)
}

/// Events per child in the timeline fixture: years of multi-agency contact.
const EVENTS_PER_CHILD: usize = 50;

/// The timeline fixture: as many children as [`children`], each with [`EVENTS_PER_CHILD`]
/// chronology events of every type over four years (no checklists: the timeline reads events
/// only). Generated once, kept in target/bench-data.
fn timeline_fixture() -> PathBuf {
    use ntk_core::chronology::{EventKind, ValidEvent};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let db = dir.join(format!("timeline-{}x{EVENTS_PER_CHILD}.db", children()));
    if !db.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let partial = dir.join("generating-timeline.db");
        let _ = std::fs::remove_file(&partial);
        let started = Instant::now();
        let mut store = Store::create(&partial, PASSPHRASE, "Benchmark").unwrap();
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
                    let events: Vec<ValidEvent> = (0..EVENTS_PER_CHILD)
                        .map(|i| ValidEvent {
                            date: today() - chrono::Days::new((i as u64 * 29 + n as u64 % 7) % 1460),
                            time: (i % 3 == 0).then(|| format!("{:02}:15", 8 + i % 10)),
                            kind: EventKind::ALL[(n + i) % EventKind::ALL.len()],
                            agency: ["Health", "School", "Police", "Children's services"][i % 4].into(),
                            what_happened: format!("Invented event {i} for child {n}: what was seen and said."),
                            impact: "Invented impact on the child.".into(),
                        })
                        .collect();
                    store.insert_event_history(child.id, &events)?;
                }
                Ok(())
            })
            .unwrap();
        drop(store);
        std::fs::rename(&partial, &db).unwrap();
        let _ = std::fs::rename(dir.join("generating-timeline.db-wal"), db.with_extension("db-wal"));
        eprintln!(
            "generated {} children with {EVENTS_PER_CHILD} events each in {:.0?} ({} MB)",
            children(),
            started.elapsed(),
            std::fs::metadata(&db).unwrap().len() / 1_000_000
        );
    }
    db
}

/// Loading one child's timeline among 10,000 children with 50 events each. Target: under 50 ms
/// (the `events_child_date` index makes it a range read of one child's rows).
fn timeline(c: &mut Criterion) {
    let store = Store::open(&timeline_fixture(), PASSPHRASE, "Benchmark").unwrap();
    let some_child = store.list_children().unwrap()[children() / 2].id;
    let mut group = c.benchmark_group(format!("{} children x {EVENTS_PER_CHILD} events", children()));
    group.sample_size(20);
    group.bench_function("timeline: load a child's chronology", |b| {
        b.iter(|| {
            let events = store.chronology(some_child, None, None, false).unwrap();
            assert_eq!(events.len(), EVENTS_PER_CHILD);
            events
        })
    });
    group.bench_function("timeline: was-not-brought count", |b| {
        b.iter(|| store.was_not_brought(some_child, today()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
