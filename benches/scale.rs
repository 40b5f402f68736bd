//! The interactive actions on a team's database after years of use: 10,000 invented children
//! with 8 finalised checklists and 50 chronology events each (the fixture is generated once, by
//! `ntk_core::demo` and the events the timeline bench also uses, and kept in target/bench-data).
//! Targets: each interactive action under 50 ms (the timeline included), the PDF under 100 ms,
//! opening the encrypted database under 500 ms. `NTK_BENCH_CHILDREN` makes a smaller fixture for
//! a quick run. `NTK_BENCH_DB=FILE NTK_BENCH_PASSPHRASE_FILE=F` measures a copy of an existing
//! records file instead (e.g. `scripts/measure.sh`'s target/measure-data/demo-10000x8,
//! passphrase "correct horse battery"), saving the fixture's long generation; its timeline has
//! the events that file has.

#[path = "shared/mod.rs"]
mod shared;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use ntk_core::assessment::AssessmentStatus;
use ntk_core::scoring::Grade;
use ntk_core::store::{ReportKind, Store};
use shared::{children, today, EVENTS_PER_CHILD, PASSPHRASE};

/// The passphrase of the records measured: the fixture's, or the first line of NTK_BENCH_PASSPHRASE_FILE.
fn passphrase() -> String {
    match std::env::var("NTK_BENCH_PASSPHRASE_FILE") {
        Ok(file) => std::fs::read_to_string(file).unwrap().lines().next().unwrap_or_default().to_string(),
        Err(_) => PASSPHRASE.to_string(),
    }
}
const PER_CHILD: usize = 8;

/// The fixture database, generated on first use (or the records file named by NTK_BENCH_DB):
/// the demo's children and checklists, then the timeline bench's events for every child.
fn fixture() -> PathBuf {
    if let Ok(db) = std::env::var("NTK_BENCH_DB") {
        return PathBuf::from(db);
    }
    shared::generate_once(&format!("scale-{}x{PER_CHILD}-{EVENTS_PER_CHILD}events.db", children()), |store| {
        let summary = ntk_core::demo::populate(store, children(), PER_CHILD, 42, today()).unwrap();
        let ids: Vec<i64> = store.list_children().unwrap().iter().map(|child| child.id).collect();
        store
            .without_waiting_for_disk(|store| {
                ids.iter().enumerate().try_for_each(|(n, id)| shared::add_invented_events(store, *id, n))
            })
            .unwrap();
        eprintln!(
            "{} children, {} checklists, {} events",
            summary.children,
            summary.assessments,
            ids.len() * EVENTS_PER_CHILD
        );
    })
}

/// A new child with a complete draft checklist (every item graded, every area confirmed),
/// written in one transaction so that preparing it costs little next to what is measured.
fn draft(store: &mut Store) -> i64 {
    let mut demo = ntk_core::demo::generate(store.checklist(), 1, 1, 9, today()).remove(0);
    demo.assessments[0].status = AssessmentStatus::Draft;
    let child_id = store.insert_child_history(&demo.child, &demo.assessments).unwrap();
    store.assessments_for_child(child_id).unwrap()[0].id
}

fn item(id: &str, grade: Grade) -> ntk_core::assessment::ItemRecord {
    ntk_core::assessment::ItemRecord {
        item_id: id.into(),
        grade: Some(grade),
        evidence: "Seen at the visit.".into(),
        source: None,
        evidence_date: None,
        professional_only: false,
        adult_id: None,
    }
}

/// A copy of the fixture to work on: the save and finalise benchmarks add a child each time,
/// and the next run must start from the same 10,000.
fn working_copy(fixture: &std::path::Path) -> PathBuf {
    let copy = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(format!("{}.work.db", fixture.file_stem().unwrap().to_string_lossy()));
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    std::fs::copy(fixture, &copy).unwrap();
    let wal = format!("{}-wal", fixture.display());
    if std::path::Path::new(&wal).exists() {
        std::fs::copy(&wal, format!("{}-wal", copy.display())).unwrap();
    }
    copy
}

fn scale(c: &mut Criterion) {
    let db = working_copy(&fixture());
    let mut group =
        c.benchmark_group(format!("{} children x {PER_CHILD} checklists x {EVENTS_PER_CHILD} events", children()));
    group.sample_size(20);

    group.bench_function("open the encrypted database", |b| {
        b.iter(|| Store::open(&db, &passphrase(), "Benchmark").unwrap())
    });

    let mut store = Store::open(&db, &passphrase(), "Benchmark").unwrap();
    let some_child = store.list_children().unwrap()[children() / 2].id;
    eprintln!("{} children need attention", store.needs_attention(today()).unwrap().len());

    group.bench_function("list children needing attention", |b| b.iter(|| store.needs_attention(today()).unwrap()));
    // What the home screen asks for on unlock: the first 100 of each list, with the counts.
    group.bench_function("first page of children needing attention", |b| {
        b.iter(|| store.needs_attention_page(today(), "", 0, 100).unwrap())
    });
    group.bench_function("search children needing attention", |b| {
        b.iter(|| store.needs_attention_page(today(), "wrenfield", 0, 100).unwrap())
    });
    group.bench_function("first page of every child", |b| b.iter(|| store.children_page("", 0, 100).unwrap()));
    group.bench_function("first page of households", |b| b.iter(|| store.households_page("", 0, 100).unwrap()));
    group.bench_function("drafts in progress", |b| b.iter(|| store.drafts_in_progress().unwrap()));
    group.bench_function("load a child's history and compare", |b| {
        b.iter(|| store.child_history(some_child, today()).unwrap())
    });
    shared::bench_timeline(&mut group, &store, some_child);
    group.bench_function("core-group PDF", |b| {
        b.iter(|| store.report(ReportKind::CoreGroup, some_child, today()).unwrap())
    });

    let draft_id = draft(&mut store);
    let mut grade = Grade::G2;
    group.bench_function("save one grade (draft autosave)", |b| {
        b.iter(|| {
            grade = if grade == Grade::G2 { Grade::G3 } else { Grade::G2 };
            store.save_item(draft_id, &item("physical.food.regular-meals", grade), today()).unwrap()
        })
    });
    group.bench_function("finalise", |b| {
        b.iter_custom(|iters| {
            let mut measured = Duration::ZERO;
            for _ in 0..iters {
                let id = draft(&mut store);
                let started = Instant::now();
                store.finalise(id).unwrap();
                measured += started.elapsed();
            }
            measured
        })
    });
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
