//! The interactive actions on a team's database after years of use: 10,000 invented children
//! with 8 finalised checklists each (the fixture is generated once, by `ntk_core::demo`, and
//! kept in target/bench-data). Targets: each interactive action under 50 ms, the PDF under
//! 100 ms, opening the encrypted database under 500 ms. `NTK_BENCH_CHILDREN` makes a smaller
//! fixture for a quick run.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ntk_core::model::{AgeBand, ChildForm};
use ntk_core::scoring::Grade;
use ntk_core::store::{ReportKind, StartAssessmentForm, Store};

const PASSPHRASE: &str = "benchmark passphrase";
const PER_CHILD: usize = 8;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn children() -> usize {
    std::env::var("NTK_BENCH_CHILDREN").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000)
}

/// The fixture database, generated on first use.
fn fixture() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let db = dir.join(format!("scale-{}x{PER_CHILD}.db", children()));
    if !db.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let partial = dir.join("generating.db");
        let _ = std::fs::remove_file(&partial);
        let started = Instant::now();
        let mut store = Store::create(&partial, PASSPHRASE, "Benchmark").unwrap();
        let summary = ntk_core::demo::populate(&mut store, children(), PER_CHILD, 42, today()).unwrap();
        drop(store);
        std::fs::rename(&partial, &db).unwrap();
        let _ = std::fs::rename(dir.join("generating.db-wal"), db.with_extension("db-wal"));
        eprintln!(
            "generated {} children, {} checklists in {:.0?} ({} MB)",
            summary.children,
            summary.assessments,
            started.elapsed(),
            std::fs::metadata(&db).unwrap().len() / 1_000_000
        );
    }
    db
}

/// A child of the fixture with a draft checklist, every applicable item graded.
fn draft(store: &mut Store) -> i64 {
    let form = ChildForm { name: "Bench Draftchild".into(), date_of_birth: "2018-01-01".into(), ..Default::default() };
    let child = store.add_child(&form, today()).unwrap();
    let start = StartAssessmentForm {
        assessor_name: "Bench Worker".into(),
        agency: "Bench agency".into(),
        role: String::new(),
        assessed_on: today().to_string(),
        review_round: None,
    };
    let a = store.start_assessment(child.id, &start, today()).unwrap();
    let items: Vec<String> =
        store.checklist().items().filter(|i| i.applies_to(AgeBand::Primary)).map(|i| i.id.clone()).collect();
    for id in &items {
        store.save_item(a.id, &item(id, Grade::G3), today()).unwrap();
    }
    for area in store.checklist().areas.iter().map(|a| a.id.clone()).collect::<Vec<_>>() {
        store.confirm_area(a.id, &area, 3, "").unwrap();
    }
    a.id
}

fn item(id: &str, grade: Grade) -> ntk_core::assessment::ItemRecord {
    ntk_core::assessment::ItemRecord {
        item_id: id.into(),
        grade: Some(grade),
        evidence: "Seen at the visit.".into(),
        source: None,
        evidence_date: None,
        professional_only: false,
    }
}

fn scale(c: &mut Criterion) {
    let db = fixture();
    let mut group = c.benchmark_group(format!("{} children x {PER_CHILD} checklists", children()));
    group.sample_size(20);

    group.bench_function("open the encrypted database", |b| {
        b.iter(|| Store::open(&db, PASSPHRASE, "Benchmark").unwrap())
    });

    let mut store = Store::open(&db, PASSPHRASE, "Benchmark").unwrap();
    let some_child = store.list_children().unwrap()[children() / 2].id;

    group.bench_function("list children needing attention", |b| b.iter(|| store.needs_attention(today()).unwrap()));
    group.bench_function("load a child's history and compare", |b| {
        b.iter(|| store.child_history(some_child, today()).unwrap())
    });
    group.bench_function("core-group PDF", |b| b.iter(|| store.report(ReportKind::CoreGroup, some_child, today()).unwrap()));

    let draft_id = draft(&mut store);
    let mut grade = Grade::G2;
    group.bench_function("save one grade (draft autosave)", |b| {
        b.iter(|| {
            grade = if grade == Grade::G2 { Grade::G3 } else { Grade::G2 };
            store.save_item(draft_id, &item("physical.food.regular-meals", grade), today()).unwrap()
        })
    });
    group.bench_function("finalise", |b| {
        b.iter_batched(|| draft(&mut store), |id| store.finalise(id).unwrap(), BatchSize::PerIteration)
    });
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
