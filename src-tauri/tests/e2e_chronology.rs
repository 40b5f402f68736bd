//! The chronology end to end (issue 17): events recorded for two siblings at once (with the core,
//! before the app starts: the screens to add events and adults are not built yet) are on each
//! child's chronology screen, as a table, reached by keyboard from the child page, with the
//! missed-appointments count on the child page; axe finds nothing and 200% zoom does not scroll.

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use chrono::{Days, Local, NaiveDate};
use common::{data_dir, serial, App};
use ntk_core::chronology::{AdultForm, AdultLink, AdultService, EventForm, EventKind, Relationship};
use ntk_core::model::ChildForm;
use ntk_core::store::Store;
use support::*;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[tokio::test]
async fn events_for_two_siblings_at_once_are_on_each_childs_chronology_and_the_missed_count_on_the_child_page() {
    let _serial = serial();
    let dir = data_dir();
    let mut store =
        Store::create(&dir.path().join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    let child = |name: &str, dob: &str| ChildForm {
        name: name.into(),
        date_of_birth: dob.into(),
        household: "Timeline household".into(),
        ..ChildForm::default()
    };
    let ada = store.add_child(&child("Ada Timeline", "2018-03-01"), today()).unwrap().id;
    let ben = store.add_child(&child("Ben Timeline", "2021-06-01"), today()).unwrap().id;
    let event = |days: u64, kind: EventKind, agency: &str, what: &str| EventForm {
        child_ids: vec![ada, ben],
        date: (today() - Days::new(days)).to_string(),
        time: String::new(),
        kind: Some(kind),
        agency: agency.into(),
        what_happened: what.into(),
        impact: "Both children were frightened and slept at a neighbour's.".into(),
    };
    store
        .add_event(&event(40, EventKind::PoliceCallOut, "Police", "Police called at night: shouting heard."), today())
        .unwrap();
    store
        .add_event(&event(20, EventKind::WasNotBrought, "Health", "Not brought to the dental check."), today())
        .unwrap();
    store.add_event(&event(10, EventKind::WasNotBrought, "Health", "Not brought to the GP review."), today()).unwrap();
    let household = store.get_child(ada).unwrap().household_id.unwrap();
    let link = |child_id: i64, relationship: Relationship, parental_responsibility: bool| AdultLink {
        child_id,
        child_name: String::new(),
        relationship,
        relationship_label: String::new(),
        parental_responsibility,
    };
    store
        .add_adult(&AdultForm {
            household_id: household,
            name: "Rob Adultname".into(),
            services: vec![AdultService::Probation],
            children: vec![link(ada, Relationship::StepParent, false), link(ben, Relationship::Parent, true)],
        })
        .unwrap();
    drop(store);

    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/household/{household}")).await;
    let adult = app.wait_for_text("#adults-rows", "Rob Adultname").await;
    assert!(adult.contains("Step-parent of Ada Timeline") && adult.contains("Parent of Ben Timeline"), "{adult}");
    assert!(adult.contains("Ben Timeline: yes") && adult.contains("Probation"), "{adult}");
    shot(&app, "household-adults").await;
    assert_accessible(&app, "a household with its adults").await;
    for (id, name) in [(ada, "Ada Timeline"), (ben, "Ben Timeline")] {
        go(&app, &format!("#/child/{id}")).await;
        app.wait_for_text("h1", name).await;
        app.wait_for_text("#was-not-brought", "in the last 6 months: 2").await;
        let relationship = if id == ada { "Step-parent" } else { "Parent" };
        let adult = app.wait_for_text("#adults-rows", "Rob Adultname").await;
        assert!(adult.contains(relationship), "{adult}");
        if id == ada {
            shot(&app, "child-missed-appointments").await;
        }
        focus(&app, "#timeline-link").await;
        press(&app, ENTER).await;
        app.wait_for_text("h1", &format!("Chronology: {name}")).await;
        app.wait_for_text("#timeline-count", "3 of 3 events shown").await;
        let rows = app.texts("#timeline-rows > tr").await;
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows[0].contains("Police call-out") && rows[0].contains("shouting heard"), "oldest first: {rows:?}");
        assert!(rows[2].contains("Missed appointment (was not brought)") && rows[2].contains("GP review"), "{rows:?}");
    }
    shot(&app, "chronology").await;
    assert_accessible(&app, "a child's chronology").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the chronology scrolls sideways at 200%");
    app.quit().await;
}
