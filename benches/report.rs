//! How long the core-group summary takes for a child with ten checklists (plus a second
//! agency's in the latest round): the slowest thing a practitioner waits for when printing.

#[path = "../tests/integration/support/case.rs"]
mod case;

use criterion::{criterion_group, criterion_main, Criterion};
use ntk_core::report::{core_group_summary, ReportInput};

fn core_group_ten_assessments(c: &mut Criterion) {
    let case = case::zoe(&case::TEN_QUARTERS);
    let input = ReportInput {
        checklist: &case.checklist,
        child: &case.child,
        assessments: &case.assessments,
        household_name: case.child.household_name.as_deref(),
        siblings: &case.siblings,
        sibling_latest: &[],
        today: case.today,
        practitioner: &case.practitioner,
        oversight: &case.oversight,
        adults: &[],
        events: &[],
        logo: None,
    };
    c.bench_function("core-group summary, 10 assessments", |b| {
        b.iter(|| core_group_summary(std::hint::black_box(&input)).unwrap())
    });
}

criterion_group!(benches, core_group_ten_assessments);
criterion_main!(benches);
