//! What the scale and timeline benchmarks share: the day they measure on, the fixture size, the
//! invented chronology (50 events per child) and the timeline measurements, so that both time
//! the same reads on the same kind of records. Included by each bench with `#[path]`.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::measurement::Measurement;
use criterion::BenchmarkGroup;
use ntk_core::chronology::{EventKind, ValidEvent};
use ntk_core::store::Store;

/// The passphrase of every generated fixture.
pub const PASSPHRASE: &str = "benchmark passphrase";

/// Events per child: years of multi-agency contact (issue 17's measure is 10,000 children x 50).
pub const EVENTS_PER_CHILD: usize = 50;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Children in a generated fixture: 10,000, or `NTK_BENCH_CHILDREN` for a quick run.
pub fn children() -> usize {
    std::env::var("NTK_BENCH_CHILDREN").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000)
}

/// The fixture `file_name` in target/bench-data, made by `populate` on first use. It is written
/// under a temporary name and renamed when complete, so an interrupted generation is started
/// again rather than measured.
pub fn generate_once(file_name: &str, populate: impl FnOnce(&mut Store)) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let db = dir.join(file_name);
    if !db.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let partial = dir.join(format!("generating-{file_name}"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        let started = Instant::now();
        let mut store = Store::create(&partial, PASSPHRASE, "Benchmark").unwrap();
        populate(&mut store);
        drop(store);
        std::fs::rename(&partial, &db).unwrap();
        let _ = std::fs::rename(format!("{}-wal", partial.display()), format!("{}-wal", db.display()));
        eprintln!(
            "generated {file_name} in {:.0?} ({} MB)",
            started.elapsed(),
            std::fs::metadata(&db).unwrap().len() / 1_000_000
        );
    }
    db
}

/// Writes [`EVENTS_PER_CHILD`] invented events of every type and four agencies, over the four
/// years before [`today`], to the `n`th child (`n` varies the dates and types between children).
pub fn add_invented_events(store: &mut Store, child_id: i64, n: usize) -> ntk_core::error::Result<()> {
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
    store.insert_event_history(child_id, &events)
}

/// The timeline screen's reads for one child: the whole chronology, and the "was not brought"
/// count of the child page and "needs attention". Target: each under 50 ms (the
/// `events_child_date` index makes both a range read of that child's rows).
pub fn bench_timeline<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, store: &Store, child_id: i64) {
    let events = store.chronology(child_id, None, None, false).unwrap().len();
    eprintln!("the timeline measured has {events} events");
    group.bench_function("timeline: load a child's chronology", |b| {
        b.iter(|| {
            let loaded = store.chronology(child_id, None, None, false).unwrap();
            assert_eq!(loaded.len(), events);
            loaded
        })
    });
    group.bench_function("timeline: was-not-brought count", |b| {
        b.iter(|| store.was_not_brought(child_id, today()).unwrap())
    });
}
